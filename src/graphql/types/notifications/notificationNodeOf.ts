import { statusOf } from "../../../notifications/inbox/NotificationStatus";
import { type NotificationDelivery } from "../../../notifications/NotificationDelivery";
import { type NotificationType } from "../../../notifications/NotificationType";
import { type ChildAtRiskContent, type NotificationNode, type PprcNotificationContent } from "./NotificationNode";

const PPRC_FIELDS: (keyof PprcNotificationContent)[] = [
  "event", "eventDate", "establishment", "destinationEstablishment", "returnDate", "pprcStatus", "mappaCategory", "mappaLevel", "prisonerGivenNames",
  "prisonerFamilyName", "prisonerAliases", "prisonerDateOfBirth", "prisonNumber", "prisonerHomeLocalAuthority", "releaseDate", "releaseAddress",
  "requestedName", "offenderManagementUnitContact",
];
const CHILD_FIELDS: (keyof ChildAtRiskContent)[] = ["sui", "givenNames", "familyName", "dateOfBirth", "homeLocalAuthority", "relationshipToPrisoner"];

/** A delivery as its recipient reads it: what its view holds, null for everything else. */
export function notificationNodeOf(delivery: NotificationDelivery, type: NotificationType): NotificationNode {
  const { content } = delivery;
  const pprc = content.pprc;
  const escalation = content.escalation;
  return {
    id: delivery.id, type, audience: delivery.audience, deliveredAt: delivery.deliveredAt, acknowledgeBy: delivery.acknowledgeBy, status: statusOf(delivery),
    responseRequested: delivery.responseRequested, acknowledgedAt: delivery.acknowledgedAt, acknowledgedBy: delivery.acknowledgedBy, response: delivery.response,
    escalatedAt: delivery.escalatedAt, routingRules: delivery.routingRules, purpose: delivery.purpose, lawfulBasis: delivery.lawfulBasis,
    specialCategoryCondition: delivery.specialCategoryCondition, disclosureId: delivery.disclosureId, redactions: delivery.redactions,
    pprc: pprc === undefined ? null : (Object.fromEntries(PPRC_FIELDS.map((field) => [field, (pprc as Record<string, unknown>)[field] ?? null])) as unknown as PprcNotificationContent),
    childrenAtRisk: (content.childrenAtRisk ?? []).map((child) => Object.fromEntries(CHILD_FIELDS.map((field) => [field, (child as Record<string, unknown>)[field] ?? null])) as unknown as ChildAtRiskContent),
    escalation: escalation === undefined ? null : {
      deliveryId: escalation.deliveryId, notificationType: escalation.notificationType as NotificationType, event: escalation.event,
      deliveredAt: new Date(escalation.deliveredAt), acknowledgeBy: new Date(escalation.acknowledgeBy), routingRules: escalation.routingRules,
    },
  };
}
