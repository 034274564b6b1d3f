import { type DeliveryAsItLeaves } from "../notifications/deliveriesAsTheyLeave";
import { type NotificationType } from "../notifications/NotificationType";

/** The Standard Webhooks `type` of every notification the hub sends. */
export const NOTIFICATION_DELIVERED = "notification.delivered";

/**
 * The body of a delivery's webhook, built at each attempt: the Standard Webhooks envelope (`type`,
 * `timestamp`, `data`) around exactly what the agency's inbox shows of the delivery now — its view as
 * the policy decided it, held to the data subjects' rights in force (`deliveriesAsTheyLeave`), what was
 * withheld and by which rule, the statements and restrictions that go with it, the deadlines, the rules
 * that chose the agency and the audit entry of the disclosure. Nothing the inbox does not show: not the
 * notifying officer, not the source records, not another recipient's view.
 */
export function webhookBody(delivery: DeliveryAsItLeaves, notificationType: NotificationType): string {
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
      supplementaryStatements: delivery.supplementaryStatements,
      restrictions: delivery.restrictions,
    },
  });
}
