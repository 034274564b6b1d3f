import { type Principal } from "../../auth/Principal";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { RoutingArea } from "../routing/RoutingArea";
import { checkArea, checkPastDate, checkReference, checkText } from "../submission/NotificationProblem";
import { type RoutedEvent } from "../submission/RoutedEvent";
import { submitNotification } from "../submission/submitNotification";
import { checkOffenderAndChildren, childrenOfOffenderSection, type ProbationFacts, recordProbationFacts } from "./probationFacts";
import { type SafeguardingEnquirySubmission } from "./SafeguardingEnquirySubmission";

export const SENTENCING_ENQUIRY = "SENTENCING_ENQUIRY";

/** Everything about the enquiry that can be refused before the hub touches what it holds. */
function validate(notification: SafeguardingEnquirySubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkText(notification.court, "notification.court", "the court");
  checkPastDate(notification.hearingOn, "notification.hearingOn", now);
  checkText(notification.offence, "notification.offence", "the offence before the court");
  checkText(notification.question, "notification.question", "what you ask children's social care");
  checkArea(notification.offender.homeLocalAuthority, "notification.offender.homeLocalAuthority");
  checkOffenderAndChildren(notification.offender, notification.risk, notification.children, notification.hearingOn, now, "a child safeguarding enquiry");
}

/**
 * Probation's same-day child safeguarding enquiry at sentencing, as a routed event (DOMAIN.md "Who must
 * tell whom", probation): probation's system, or a practitioner for children probation's records hold,
 * asks; probation's record of the offender and each child is stored through the record path, and
 * children's social care where the offender lives (`OFFENDER_HOME`) and where each child lives
 * (`CHILD_HOME`) is asked for its reply (`responseRequested`), due the same day
 * (PROBATION_SAFEGUARDING_ENQUIRY, the type's acknowledgement). Each reads the enquiry — the court and
 * hearing, who the offender is, the offence (criminal-offence data, under the Sch.1 para 18
 * safeguarding condition), the question and whom to answer — and the children. Its reply returns to the
 * asking probation agency (`SAFEGUARDING_ENQUIRY_RESPONSE`, `answerSafeguardingEnquiry.ts`).
 */
export const PROBATION_SAFEGUARDING_ENQUIRY: RoutedEvent<SafeguardingEnquirySubmission, ProbationFacts> = {
  type: NotificationType.PROBATION_SAFEGUARDING_ENQUIRY,
  label: "a child safeguarding enquiry",
  validate,
  eventOf: () => SENTENCING_ENQUIRY,
  recordFacts(services, principal, notification, now) {
    return recordProbationFacts(services, principal, notification.agencyCode, notification.offender, notification.risk, notification.children,
      { localAuthority: notification.offender.homeLocalAuthority ?? null, postcode: notification.offender.postcode ?? null }, now);
  },
  content(_services, notification, facts) {
    const { offender } = notification;
    return Promise.resolve({
      sections: [
        {
          key: "safeguardingEnquiry", recordType: NotificationRecordType.SAFEGUARDING_ENQUIRY, many: false,
          entries: [{
            values: {
              court: notification.court, hearingOn: notification.hearingOn, offenderGivenNames: offender.givenNames, offenderFamilyName: offender.familyName,
              offenderDateOfBirth: offender.dateOfBirth, offenderHomeLocalAuthority: offender.homeLocalAuthority ?? null,
              offence: notification.offence, question: notification.question, enquirerName: notification.enquirerName ?? null, enquirerContact: notification.enquirerContact ?? null,
            },
          }],
        },
        childrenOfOffenderSection(notification.children, facts.childSuis),
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.PROBATION_SAFEGUARDING_ENQUIRY, event: SENTENCING_ENQUIRY, subjectAge: null,
    targets: {
      [RoutingArea.OFFENDER_HOME]: [{ localAuthority: notification.offender.homeLocalAuthority ?? null }],
      [RoutingArea.CHILD_HOME]: notification.children.map((child) => ({ localAuthority: child.address?.localAuthority ?? null })),
    },
  }),
};

/** Probation asks children's social care about the children of an offender at sentencing: `submitNotification` with this definition. */
export function submitSafeguardingEnquiry(services: NotificationServices, principal: Principal, requestId: string, notification: SafeguardingEnquirySubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, PROBATION_SAFEGUARDING_ENQUIRY, principal, requestId, notification, now);
}
