import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";

/** What may be done with the agency directory beyond reading its current entries (which every caller may). */
export const DirectoryAction = {
  CHANGE: "change",
  READ_HISTORY: "readHistory",
} as const;
export type DirectoryAction = (typeof DirectoryAction)[keyof typeof DirectoryAction];

type DirectoryAbility = MongoAbility<[DirectoryAction, "AgencyDirectory"]>;

/** The rule id recorded on a refused attempt to change the directory. */
export const DIRECTORY_ACCESS_RULE = "directory-access:directory-admin-only";

/** The rule id recorded when an administrator tries to approve their own proposed change (`decideAgencyChange.ts`). */
export const FOUR_EYES_RULE = "directory-access:four-eyes";

/**
 * The directory decides where children's information is sent, so only its administrators change it;
 * the IG lead, who answers for where information went, reads its history beside them. Default deny.
 */
export function directoryAbility(principal: Principal): DirectoryAbility {
  const { can, build } = new AbilityBuilder<DirectoryAbility>(createMongoAbility);
  if (principal.roles.includes(Role.DIRECTORY_ADMIN)) can([DirectoryAction.CHANGE, DirectoryAction.READ_HISTORY], "AgencyDirectory");
  if (principal.roles.includes(Role.IG_LEAD)) can(DirectoryAction.READ_HISTORY, "AgencyDirectory");
  return build();
}

export function mayUseDirectory(principal: Principal, action: DirectoryAction): boolean {
  return directoryAbility(principal).can(action, "AgencyDirectory");
}

/**
 * An agency's webhook endpoint is where the hub sends children's information: whoever knows it can aim
 * at that agency's receiver. It is for the directory's administrators, who set it, and for the agency
 * itself (its own staff and system); everyone else reads the entry without it (null, as for an agency
 * that has none).
 */
export function mayReadWebhookEndpoint(principal: Principal, agencyCode: string): boolean {
  return principal.roles.includes(Role.DIRECTORY_ADMIN) || principal.agency === agencyCode;
}

/** The entry as the caller may read it: without another agency's webhook endpoint. */
export function entryForCaller<T extends { code: string; webhookUrl: string | null }>(principal: Principal, entry: T): T {
  return mayReadWebhookEndpoint(principal, entry.code) ? entry : { ...entry, webhookUrl: null };
}
