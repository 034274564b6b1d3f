import { NotificationRecordType } from "../policy/notificationFields";
import { type RoutedNotificationType } from "./NotificationType";
import { PPRC_EVENTS } from "./PprcEvent";
import { RoutingArea } from "./routing/RoutingArea";

/**
 * What a routed notification type can say, so its routing rules and grants are checked against it at
 * start-up: the events it tells of (and what to call them in an error), the areas its facts name
 * for routing, and the record types its content is offered to the policy engine as.
 */
export interface RoutedEventVocabulary {
  /** How an error names one of its events: "PPRC event". */
  eventLabel: string;
  events: readonly string[];
  areas: readonly RoutingArea[];
  contentRecordTypes: readonly NotificationRecordType[];
}

export const ROUTED_EVENT_VOCABULARY: Record<RoutedNotificationType, RoutedEventVocabulary> = {
  PPRC: {
    eventLabel: "PPRC event",
    events: PPRC_EVENTS,
    areas: [RoutingArea.PRISONER_HOME, RoutingArea.CHILD_HOME, RoutingArea.RELEASE_ADDRESS],
    contentRecordTypes: [NotificationRecordType.PPRC_NOTIFICATION, NotificationRecordType.CHILD_AT_RISK],
  },
  UNSCHEDULED_CARE_ATTENDANCE: {
    eventLabel: "unscheduled-care attendance event",
    events: ["ATTENDANCE"],
    areas: [RoutingArea.PLAN_HOLDER],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.UNSCHEDULED_CARE_ATTENDANCE],
  },
  PLAN_ACCESS: {
    eventLabel: "plan access event",
    events: ["PLAN_VIEWED"],
    areas: [RoutingArea.PLAN_HOLDER],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.PLAN_ACCESS],
  },
  CHILD_ON_PLAN_MOVED: {
    eventLabel: "child on a plan moved event",
    events: ["MOVED_AREA"],
    areas: [RoutingArea.NEW_HOME],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.PLAN_TRANSFER],
  },
  OPERATION_ENCOMPASS: {
    eventLabel: "Operation Encompass event",
    events: ["DOMESTIC_ABUSE_INCIDENT"],
    areas: [RoutingArea.SCHOOL],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.DOMESTIC_ABUSE_INCIDENT],
  },
  CHILD_VICTIM: {
    eventLabel: "child victim event",
    events: ["VICTIM_REFERRAL"],
    areas: [RoutingArea.CHILD_HOME],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.CHILD_VICTIM_REFERRAL],
  },
  SEX_OFFENDER_HOUSEHOLD_STAY: {
    eventLabel: "sex offender household stay event",
    events: ["HOUSEHOLD_STAY"],
    areas: [RoutingArea.CHILD_HOME],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.SEX_OFFENDER_HOUSEHOLD_STAY],
  },
  PUPIL_REMOVED_FROM_ROLL: {
    eventLabel: "removal from roll event",
    events: ["NON_STANDARD_REMOVAL"],
    areas: [RoutingArea.CHILD_HOME],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.PUPIL_REMOVED_FROM_ROLL],
  },
  OFFENDER_MOVED_AUTHORITY: {
    eventLabel: "offender moved event",
    events: ["OFFENDER_MOVED"],
    areas: [RoutingArea.NEW_HOME],
    contentRecordTypes: [NotificationRecordType.OFFENDER_MOVE, NotificationRecordType.OFFENDER_CHILD_AT_RISK],
  },
  PROBATION_SAFEGUARDING_ENQUIRY: {
    eventLabel: "safeguarding enquiry event",
    events: ["SENTENCING_ENQUIRY"],
    areas: [RoutingArea.OFFENDER_HOME, RoutingArea.CHILD_HOME],
    contentRecordTypes: [NotificationRecordType.SAFEGUARDING_ENQUIRY, NotificationRecordType.OFFENDER_CHILD_AT_RISK],
  },
  SAFEGUARDING_ENQUIRY_RESPONSE: {
    eventLabel: "safeguarding enquiry response event",
    events: ["ENQUIRY_ANSWERED"],
    areas: [RoutingArea.ENQUIRER],
    contentRecordTypes: [NotificationRecordType.SAFEGUARDING_ENQUIRY_RESPONSE, NotificationRecordType.OFFENDER_CHILD_AT_RISK],
  },
  MASH_REFERRAL_TRANSFER: {
    eventLabel: "MASH referral transfer event",
    events: ["REFERRAL_TRANSFERRED"],
    areas: [RoutingArea.CHILD_HOME],
    contentRecordTypes: [NotificationRecordType.NOTIFIED_CHILD, NotificationRecordType.MASH_REFERRAL_TRANSFER],
  },
};
