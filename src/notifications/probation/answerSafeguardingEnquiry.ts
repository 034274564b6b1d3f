import { type Principal } from "../../auth/Principal";
import { NotificationRecordType } from "../../policy/notificationFields";
import { deliveriesAsTheyLeave } from "../deliveriesAsTheyLeave";
import { type Notification } from "../Notification";
import { type NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { RoutingArea } from "../routing/RoutingArea";
import { mayNotify } from "../submission/notifierPolicy";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { submitNotification } from "../submission/submitNotification";

const ENQUIRY_ANSWERED = "ENQUIRY_ANSWERED";

/** Children's social care's answer to probation's enquiry: the enquiry, the delivery it answered (with its reply) and when. */
interface EnquiryAnswer {
  /** The answering authority: the delivery's recipient. */
  agencyCode: string;
  /** Derived from the delivery answered: one answer per delivery, however often it is routed. */
  reference: string;
  enquiry: Notification;
  delivery: NotificationDelivery & { response: string; acknowledgedAt: Date };
}

/**
 * The answer to a child safeguarding enquiry, routed back (DOMAIN.md "Who must tell whom", probation:
 * "answered the same day"): raised by the hub when children's social care acknowledges the enquiry with
 * its reply, never submitted on its own. The probation agency that asked (`ENQUIRER`, the enquiry's
 * notifying agency) is told, decided as its practitioner for offender risk management under DPA 2018
 * Part 3: which enquiry (its own reference), who answered, when, the reply, and the children as
 * probation named them. Nothing is stored as a record: the reply is the delivery's, and this the way it
 * reaches the agency that asked. It is told from the enquiry's records (`notification.recordIds`), so
 * the data subjects' rights over them hold on it as on any delivery (`deliveriesAsTheyLeave`,
 * `dataSubjectRights/eraseStoredCopies`).
 */
export const SAFEGUARDING_ENQUIRY_RESPONSE: RoutedEvent<EnquiryAnswer, NotificationFacts> = {
  type: NotificationType.SAFEGUARDING_ENQUIRY_RESPONSE,
  label: "an answer to a child safeguarding enquiry",
  validate: () => undefined,
  eventOf: () => ENQUIRY_ANSWERED,
  // Told from the records the enquiry was (probation's records of the offender and each child): the
  // answer carries their children's facts, so every later right over those records — a statement, a
  // restriction, an erasure rewriting stored copies, an exclusion of the asking agency or its staff —
  // reaches it as it reaches the enquiry's own deliveries. No record is stored for it.
  recordFacts: (_services, _principal, answer) => Promise.resolve({ adultId: answer.enquiry.adultId, recordIds: [...answer.enquiry.recordIds] }),
  content(_services, answer) {
    const children = answer.delivery.content.children;
    return Promise.resolve({
      sections: [
        {
          key: "enquiryResponse", recordType: NotificationRecordType.SAFEGUARDING_ENQUIRY_RESPONSE, many: false,
          entries: [{ values: { enquiryReference: answer.enquiry.sourceReference, respondingAgency: answer.agencyCode, respondedAt: answer.delivery.acknowledgedAt.toISOString(), response: answer.delivery.response } }],
        },
        // The children as the asking agency named them, as the answering authority was shown them —
        // without the home authority, whose address's labels (a refuge) the answering view no longer
        // carries: probation knows where it asked.
        {
          key: "children", recordType: NotificationRecordType.OFFENDER_CHILD_AT_RISK, many: true,
          entries: (Array.isArray(children) ? children as Record<string, unknown>[] : []).map((child) => ({ values: { ...child, homeLocalAuthority: null } })),
        },
      ],
    });
  },
  routingFacts: (_services, answer) => ({
    notificationType: NotificationType.SAFEGUARDING_ENQUIRY_RESPONSE, event: ENQUIRY_ANSWERED, subjectAge: null,
    targets: { [RoutingArea.ENQUIRER]: [{ agencyCode: answer.enquiry.sourceAgency }] },
  }),
};

/** The kinds of notification whose reply is routed back to the notifying agency. */
export function repliesRoutedBack(type: NotificationType): boolean {
  return type === NotificationType.PROBATION_SAFEGUARDING_ENQUIRY;
}

/** Whether this caller may answer for its agency (the answer type's `submittedBy`): a reply that cannot be routed back is not taken. */
export function mayAnswer(services: NotificationServices, principal: Principal, delivery: NotificationDelivery): boolean {
  return mayNotify(principal, services.policy, NotificationType.SAFEGUARDING_ENQUIRY_RESPONSE, delivery.recipientAgency);
}

/**
 * Route the reply a delivery of an enquiry was acknowledged with back to the agency that asked: a
 * notification of its own, audited and delivered like any other. Its reference is derived from the
 * delivery: once routed, an acknowledgement repeated routes nothing again (the delivery answered may
 * have changed since — a fact erased from it — but the answer is the first); one retried after a
 * failure routes it then. The children go back as the answered delivery leaves the hub now
 * (`deliveriesAsTheyLeave`): never a fact restricted or erased since (nor an erased fact's tombstone);
 * a right exercised after it is routed reaches the answer through the enquiry's records it names.
 */
export async function routeEnquiryAnswer(services: NotificationServices, principal: Principal, requestId: string, enquiry: Notification, delivery: NotificationDelivery, now: Date): Promise<void> {
  if (!repliesRoutedBack(enquiry.type) || delivery.response === null || delivery.acknowledgedAt === null) return;
  const reference = `ANSWER-${delivery.id}`;
  const routed = await services.dataSource.query<unknown[]>(`SELECT 1 FROM notification WHERE source_agency = $1 AND source_reference = $2`, [delivery.recipientAgency, reference]);
  if (routed.length > 0) return;
  const [leaving] = await deliveriesAsTheyLeave(services.dataSource, services.policy, [delivery]);
  await submitNotification(services, SAFEGUARDING_ENQUIRY_RESPONSE, principal, requestId, {
    agencyCode: delivery.recipientAgency, reference, enquiry, delivery: { ...leaving, response: delivery.response, acknowledgedAt: delivery.acknowledgedAt },
  }, now);
}
