import { DeliveryAudience } from "../notifications/DeliveryAudience";
import { type DeliveryAsItLeaves } from "../notifications/deliveriesAsTheyLeave";
import { type NotificationType } from "../notifications/NotificationType";

/** The Standard Webhooks `type` of every notification the hub sends. */
export const NOTIFICATION_DELIVERED = "notification.delivered";

/**
 * What the agency's system is told of a delivery not all who may read the system may read: that it
 * waits in the hub's inbox for the one person (ADDRESSEE) or the IG leads (IG_LEADS) it is for, or for
 * the agency's staff a named-staff exclusion does not keep out of a child it is about (STAFF).
 */
export const WebhookNotice = {
  AWAITS_ADDRESSEE_IN_HUB_INBOX: "AWAITS_ADDRESSEE_IN_HUB_INBOX",
  AWAITS_IG_LEADS_IN_HUB_INBOX: "AWAITS_IG_LEADS_IN_HUB_INBOX",
  AWAITS_STAFF_IN_HUB_INBOX: "AWAITS_STAFF_IN_HUB_INBOX",
} as const;
export type WebhookNotice = (typeof WebhookNotice)[keyof typeof WebhookNotice];

const NOTICE_FOR: Record<DeliveryAudience, WebhookNotice> = {
  [DeliveryAudience.ADDRESSEE]: WebhookNotice.AWAITS_ADDRESSEE_IN_HUB_INBOX,
  [DeliveryAudience.IG_LEADS]: WebhookNotice.AWAITS_IG_LEADS_IN_HUB_INBOX,
  [DeliveryAudience.STAFF]: WebhookNotice.AWAITS_STAFF_IN_HUB_INBOX,
};

/**
 * The body of a delivery's webhook, built at each attempt: the Standard Webhooks envelope (`type`,
 * `timestamp`, `data`) around exactly what the agency's inbox shows its staff of the delivery now — its
 * view as the policy decided it, held to the data subjects' rights in force (`deliveriesAsTheyLeave`),
 * what was withheld and by which rule, the statements and restrictions that go with it, the deadlines,
 * the rules that chose the agency and the audit entry of the disclosure. Nothing the inbox does not
 * show: not the notifying officer, not the source records, not another recipient's view.
 *
 * A delivery for one person (ADDRESSEE: a consultation's advice) or for the IG leads (IG_LEADS: an
 * escalation) is not the agency's to read: its endpoint is a system anyone at the agency with access to
 * it may read. It is sent a notice with ids only — the delivery, its type and audience, when, and
 * `notice` — and `content: null`; the content waits in the hub's inbox for whom it is for. So is a
 * delivery for the agency's staff about a child whose exclusions keep some of them out (`staffKeptOut`:
 * a STAFF or TEAM exclusion of that agency, `exclusions/excludesStaffOf`): the person or team kept out
 * may read the agency's system, and the hub's inbox, which leaves them out, holds it for the rest.
 */
export function webhookBody(delivery: DeliveryAsItLeaves, notificationType: NotificationType, staffKeptOut = false): string {
  const timestamp = delivery.deliveredAt.toISOString();
  const about = { id: delivery.id, notificationType, audience: delivery.audience, deliveredAt: timestamp };
  if (delivery.audience !== DeliveryAudience.STAFF || staffKeptOut) {
    return JSON.stringify({ type: NOTIFICATION_DELIVERED, timestamp, data: { ...about, content: null, notice: NOTICE_FOR[delivery.audience] } });
  }
  return JSON.stringify({
    type: NOTIFICATION_DELIVERED,
    timestamp,
    data: {
      ...about,
      acknowledgeBy: delivery.acknowledgeBy?.toISOString() ?? null,
      dueBy: delivery.dueBy?.toISOString() ?? null,
      dueFor: delivery.dueFor,
      responseRequested: delivery.responseRequested,
      routingRules: delivery.routingRules,
      purpose: delivery.purpose,
      lawfulBasis: delivery.lawfulBasis,
      specialCategoryCondition: delivery.specialCategoryCondition,
      disclosureId: delivery.disclosureId,
      content: delivery.content,
      redactions: delivery.redactions,
      supplementaryStatements: delivery.supplementaryStatements,
      restrictions: delivery.restrictions,
    },
  });
}
