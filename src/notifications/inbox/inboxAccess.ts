import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { DeliveryAudience } from "../DeliveryAudience";

type InboxAbility = MongoAbility<["read", "NotificationDelivery" | { recipientAgency: string; audience: DeliveryAudience; __caslSubjectType__?: string }]>;

/**
 * Who reads an agency's notifications: its own staff (any token of the agency), and only them; an
 * escalation only its IG leads. Reading and acknowledging go together: whoever may read a delivery
 * may acknowledge it. Default deny: nothing else is granted.
 */
export function inboxAbility(principal: Principal): InboxAbility {
  const { can, build } = new AbilityBuilder<InboxAbility>(createMongoAbility);
  can("read", "NotificationDelivery", { recipientAgency: principal.agency, audience: DeliveryAudience.STAFF });
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
