import { type NewDelivery } from "../notifications/recordDelivery";
import { type NotificationType } from "../notifications/NotificationType";

/** The Standard Webhooks `type` of every notification the hub sends. */
export const NOTIFICATION_DELIVERED = "notification.delivered";

/**
 * The body of a delivery's webhook, fixed when it is enqueued: the Standard Webhooks envelope
 * (`type`, `timestamp`, `data`) around exactly what the agency's inbox shows of the delivery — its
 * view as the policy decided it, what was withheld and by which rule, the deadlines, the rules that
 * chose the agency and the audit entry of the disclosure. Nothing the inbox does not show: not the
 * notifying officer, not the source records, not another recipient's view.
 */
export function webhookBody(delivery: NewDelivery, notificationType: NotificationType): string {
  return JSON.stringify({
    type: NOTIFICATION_DELIVERED,
    timestamp: delivery.deliveredAt.toISOString(),
    data: {
      id: delivery.id,
      notificationType,
      audience: delivery.audience,
      deliveredAt: delivery.deliveredAt.toISOString(),
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
    },
  });
}
