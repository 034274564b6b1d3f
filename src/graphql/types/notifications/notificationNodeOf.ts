import { statusOf } from "../../../notifications/inbox/NotificationStatus";
import { type ConsultationAdviceFields, type ConsultationFields } from "../../../notifications/consultations/consultationContent";
import { type DeliveryAsItLeaves } from "../../../notifications/deliveriesAsTheyLeave";
import { type NotificationType } from "../../../notifications/NotificationType";
import { decidedFieldsOf } from "../../../policy/decidedFields";
import { NotificationRecordType } from "../../../policy/notificationFields";
import { type NotificationNode } from "./NotificationNode";

/** A section of the recipient's view as GraphQL answers it: every field of its record type, null where the view does not hold it. */
function fieldsOf<T>(recordType: NotificationRecordType, values: object | undefined): T | null {
  if (values === undefined) return null;
  return Object.fromEntries(decidedFieldsOf(recordType).map((field) => [field, (values as Record<string, unknown>)[field] ?? null])) as T;
}

function listOf<T>(recordType: NotificationRecordType, values: object | undefined): T[] {
  return Array.isArray(values) ? values.map((entry: object) => fieldsOf<T>(recordType, entry) as T) : [];
}

/** The answer's instant is stored as text (JSON): GraphQL answers it as a DateTime. */
function responseOf(fields: { respondedAt: unknown } | null): NotificationNode["enquiryResponse"] {
  if (fields === null) return null;
  return { ...fields, respondedAt: typeof fields.respondedAt === "string" ? new Date(fields.respondedAt) : null } as NotificationNode["enquiryResponse"];
}

/** A delivery as its recipient reads it: what its view holds, null for everything else. */
export function notificationNodeOf(delivery: DeliveryAsItLeaves, type: NotificationType): NotificationNode {
  const { content } = delivery;
  const escalation = content.escalation;
  const consultation = content.consultation as ConsultationFields | undefined;
  const advice = content.consultationAdvice as ConsultationAdviceFields | undefined;
  return {
    id: delivery.id, type, audience: delivery.audience, deliveredAt: delivery.deliveredAt, acknowledgeBy: delivery.acknowledgeBy, dueBy: delivery.dueBy, dueFor: delivery.dueFor,
    status: statusOf(delivery), responseRequested: delivery.responseRequested, acknowledgedAt: delivery.acknowledgedAt, acknowledgedBy: delivery.acknowledgedBy, response: delivery.response,
    escalatedAt: delivery.escalatedAt, routingRules: delivery.routingRules, purpose: delivery.purpose, lawfulBasis: delivery.lawfulBasis,
    specialCategoryCondition: delivery.specialCategoryCondition, disclosureId: delivery.disclosureId, redactions: delivery.redactions,
    supplementaryStatements: delivery.supplementaryStatements, restrictions: delivery.restrictions,
    pprc: fieldsOf(NotificationRecordType.PPRC_NOTIFICATION, content.pprc),
    childrenAtRisk: listOf(NotificationRecordType.CHILD_AT_RISK, content.childrenAtRisk),
    child: fieldsOf(NotificationRecordType.NOTIFIED_CHILD, content.child),
    unscheduledCareAttendance: fieldsOf(NotificationRecordType.UNSCHEDULED_CARE_ATTENDANCE, content.unscheduledCareAttendance),
    planAccess: fieldsOf(NotificationRecordType.PLAN_ACCESS, content.planAccess),
    planTransfer: fieldsOf(NotificationRecordType.PLAN_TRANSFER, content.planTransfer),
    domesticAbuseIncident: fieldsOf(NotificationRecordType.DOMESTIC_ABUSE_INCIDENT, content.domesticAbuseIncident),
    childVictim: fieldsOf(NotificationRecordType.CHILD_VICTIM_REFERRAL, content.childVictim),
    householdStay: fieldsOf(NotificationRecordType.SEX_OFFENDER_HOUSEHOLD_STAY, content.householdStay),
    rollRemoval: fieldsOf(NotificationRecordType.PUPIL_REMOVED_FROM_ROLL, content.rollRemoval),
    offenderMove: fieldsOf(NotificationRecordType.OFFENDER_MOVE, content.offenderMove),
    safeguardingEnquiry: fieldsOf(NotificationRecordType.SAFEGUARDING_ENQUIRY, content.safeguardingEnquiry),
    enquiryResponse: responseOf(fieldsOf(NotificationRecordType.SAFEGUARDING_ENQUIRY_RESPONSE, content.enquiryResponse)),
    children: listOf(NotificationRecordType.OFFENDER_CHILD_AT_RISK, content.children),
    mashReferral: fieldsOf(NotificationRecordType.MASH_REFERRAL_TRANSFER, content.mashReferral),
    consultation: consultation === undefined ? null : { ...consultation, askedAt: new Date(consultation.askedAt) },
    consultationAdvice: advice === undefined ? null : { ...advice, respondedAt: new Date(advice.respondedAt) },
    escalation: escalation === undefined ? null : {
      deliveryId: escalation.deliveryId, notificationType: escalation.notificationType as NotificationType, event: escalation.event,
      deliveredAt: new Date(escalation.deliveredAt), acknowledgeBy: new Date(escalation.acknowledgeBy), routingRules: escalation.routingRules,
    },
  };
}
