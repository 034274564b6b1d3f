import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { DeliveryAudience } from "../DeliveryAudience";

interface DeliveryReach {
  recipientAgency: string;
  audience: DeliveryAudience;
  decidedAs: Role | null;
  contact: string | null;
}

type InboxAbility = MongoAbility<["read", "NotificationDelivery" | (DeliveryReach & { __caslSubjectType__?: string })]>;

/**
 * The roles a notification reaches at its agency: the practitioners and managers who act on it and
 * its IG leads. Not a data steward or a directory administrator: their work is the hub's identities and
 * directory, and a delivery's content was decided for the people who safeguard the child.
 */
const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>([
  Role.MASH_PRACTITIONER, Role.SOCIAL_WORKER, Role.CSC_MANAGER, Role.POLICE_OFFICER, Role.HEALTH_PRACTITIONER, Role.SCHOOL_DSL,
  Role.PROBATION_PRACTITIONER, Role.PRISON_OMU, Role.YOT_WORKER, Role.IG_LEAD,
]);

/**
 * Who reads an agency's notifications. Each delivery's view was decided by the policy engine for one
 * role at the agency (`decidedAs`: the routing rule's, IG_LEAD for an escalation), so only the agency's
 * own staff in that role read it — another role of the same agency (a MASH practitioner, a manager, an
 * IG lead beside a social worker's view) was never decided for and may be granted none of it. The
 * agency's own system reads every delivery to its staff (STAFF): it files them in the agency's case
 * records and receives the same views by webhook. Reading and acknowledging go together: whoever may
 * read a delivery may acknowledge it. A delivery addressed to one person (ADDRESSEE: a consultation's
 * advice) is read by that person alone, in the role it was decided for; one for the IG leads
 * (IG_LEADS: an escalation) by the IG leads. Neither is the agency system's: anyone at the agency with
 * access to it may read what it holds (its webhook is told only that such a delivery waits here).
 * Default deny: nothing else is granted.
 */
export function inboxAbility(principal: Principal): InboxAbility {
  const { can, build } = new AbilityBuilder<InboxAbility>(createMongoAbility);
  const agency = principal.agency;
  const roles = principal.roles.filter((role) => STAFF_ROLES.has(role));
  if (roles.length > 0) can("read", "NotificationDelivery", { recipientAgency: agency, audience: DeliveryAudience.STAFF, decidedAs: { $in: roles } });
  if (roles.length > 0) can("read", "NotificationDelivery", { recipientAgency: agency, audience: DeliveryAudience.ADDRESSEE, decidedAs: { $in: roles }, contact: principal.sub });
  if (principal.roles.includes(Role.AGENCY_SYSTEM)) can("read", "NotificationDelivery", { recipientAgency: agency, audience: DeliveryAudience.STAFF });
  if (principal.roles.includes(Role.IG_LEAD)) can("read", "NotificationDelivery", { recipientAgency: agency, audience: DeliveryAudience.IG_LEADS });
  return build();
}

export function mayReadDelivery(principal: Principal, delivery: DeliveryReach): boolean {
  return inboxAbility(principal).can("read", subject("NotificationDelivery", { recipientAgency: delivery.recipientAgency, audience: delivery.audience, decidedAs: delivery.decidedAs, contact: delivery.contact }));
}

/**
 * What of the caller's own agency's inbox the caller may read, for the listing's query: per audience,
 * every delivery (`"ANY"`) or those decided for one of these roles (and, where `addressee` is given,
 * addressed to that person). The same rule as `inboxAbility`.
 */
export function readableScope(principal: Principal): { audience: DeliveryAudience; decidedAs: Role[] | "ANY"; addressee?: string }[] {
  const scope: { audience: DeliveryAudience; decidedAs: Role[] | "ANY"; addressee?: string }[] = [];
  const roles = principal.roles.filter((role) => STAFF_ROLES.has(role));
  if (principal.roles.includes(Role.AGENCY_SYSTEM)) scope.push({ audience: DeliveryAudience.STAFF, decidedAs: "ANY" });
  else if (roles.length > 0) scope.push({ audience: DeliveryAudience.STAFF, decidedAs: roles }, { audience: DeliveryAudience.ADDRESSEE, decidedAs: roles, addressee: principal.sub });
  if (principal.roles.includes(Role.IG_LEAD)) scope.push({ audience: DeliveryAudience.IG_LEADS, decidedAs: "ANY" });
  return scope;
}
