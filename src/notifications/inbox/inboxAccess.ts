import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { DeliveryAudience } from "../DeliveryAudience";

type InboxAbility = MongoAbility<["read", "NotificationDelivery" | { recipientAgency: string; audience: DeliveryAudience; __caslSubjectType__?: string }]>;

/**
 * The roles a notification reaches at its agency: the practitioners and managers who act on it, the
 * agency's own system (which files it in the agency's case records) and its IG leads. Not a data
 * steward or a directory administrator: their work is the hub's identities and directory, and a
 * delivery's content was decided for the people who safeguard the child.
 */
const INBOX_ROLES: ReadonlySet<Role> = new Set<Role>([
  Role.MASH_PRACTITIONER, Role.SOCIAL_WORKER, Role.CSC_MANAGER, Role.POLICE_OFFICER, Role.HEALTH_PRACTITIONER, Role.SCHOOL_DSL,
  Role.PROBATION_PRACTITIONER, Role.PRISON_OMU, Role.YOT_WORKER, Role.IG_LEAD, Role.AGENCY_SYSTEM,
]);

/**
 * Who reads an agency's notifications: its own staff in a role a notification reaches
 * (`INBOX_ROLES`), and only them; an escalation only its IG leads. Reading and acknowledging go
 * together: whoever may read a delivery may acknowledge it. Default deny: nothing else is granted.
 */
export function inboxAbility(principal: Principal): InboxAbility {
  const { can, build } = new AbilityBuilder<InboxAbility>(createMongoAbility);
  if (principal.roles.some((role) => INBOX_ROLES.has(role))) can("read", "NotificationDelivery", { recipientAgency: principal.agency, audience: DeliveryAudience.STAFF });
  if (principal.roles.includes(Role.IG_LEAD)) can("read", "NotificationDelivery", { recipientAgency: principal.agency, audience: DeliveryAudience.IG_LEADS });
  return build();
}

export function mayReadDelivery(principal: Principal, delivery: { recipientAgency: string; audience: DeliveryAudience }): boolean {
  return inboxAbility(principal).can("read", subject("NotificationDelivery", { recipientAgency: delivery.recipientAgency, audience: delivery.audience }));
}

/** The audiences of the caller's own agency's inbox the caller may read, as the ability decides them. */
export function readableAudiences(principal: Principal): DeliveryAudience[] {
  return Object.values(DeliveryAudience).filter((audience) => mayReadDelivery(principal, { recipientAgency: principal.agency, audience }));
}
