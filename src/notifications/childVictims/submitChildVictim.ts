import { type Principal } from "../../auth/Principal";
import { ChildRoleInIncident, PoliceIncidentType } from "../../records/details/PoliceRecord";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { checkIncidentDates, incidentValues, policeRecordOf } from "../policeIncidents/PoliceIncidentSubmission";
import { isUnder18 } from "../routing/routeNotification";
import { RoutingArea } from "../routing/RoutingArea";
import { checkChild, checkReference, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { type ChildVictimSubmission } from "./ChildVictimSubmission";

interface VictimFacts extends NotificationFacts {
  childSui: string | null;
}

const VICTIM_REFERRAL = "VICTIM_REFERRAL";

/** Incidents that are not a crime or incident with a victim: the hub's other notices. */
const NOT_VICTIM_INCIDENTS = new Set<PoliceIncidentType>([PoliceIncidentType.SEX_OFFENDER_HOUSEHOLD_NOTIFICATION, PoliceIncidentType.POLICE_PROTECTION]);

/** Everything about the referral that can be refused before the hub touches what it holds. */
function validate(notification: ChildVictimSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkIncidentDates(notification, "notification", now);
  if (NOT_VICTIM_INCIDENTS.has(notification.incidentType)) {
    throw invalid("notification.incidentType", NotificationProblem.NOT_FOR_THIS_EVENT, "A victim is referred for a crime or incident: a sex offender's household notice or police protection is told otherwise.");
  }
  checkChild(notification.child, "notification.child", now);
  const born = notification.child.dateOfBirth;
  if (!born) throw invalid("notification.child.dateOfBirth", NotificationProblem.BIRTH_DATE_REQUIRED, "Give the victim's date of birth: every victim under 18 is referred.");
  if (!isUnder18(born, notification.reportedOn)) throw invalid("notification.child.dateOfBirth", NotificationProblem.NOT_A_CHILD, "The victim was 18 or over when it was reported: the referral is for victims under 18.");
}

/**
 * A police referral of a victim under 18 as a routed event (DOMAIN.md "Who must tell whom", police):
 * a force's system tells of a child victim of a crime or incident it recorded; it is stored as the
 * force's police record of the child (the child's role VICTIM) through the record path, and children's
 * social care of the child's home authority (`CHILD_HOME`) is told, to decide what to do within a
 * working day. It reads the child, the incident's type and dates and whom to contact at the force; the
 * crime reference and the summary only where its purpose lets law-enforcement and third-party detail
 * through (not for triage without an open referral), intelligence never.
 */
export const CHILD_VICTIM: RoutedEvent<ChildVictimSubmission, VictimFacts> = {
  type: NotificationType.CHILD_VICTIM,
  label: "a referral of a child victim",
  validate,
  eventOf: () => VICTIM_REFERRAL,
  async recordFacts({ dataSource }, principal, notification, now) {
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{
      path: "notification",
      submission: { agencyCode: notification.agencyCode, agencyReference: notification.reference, child: notification.child, police: policeRecordOf(notification, notification.incidentType, ChildRoleInIncident.VICTIM) },
    }], now);
    return { adultId: null, recordIds: [stored.recordId], childSui: stored.childSui };
  },
  content(_services, notification, facts) {
    const { child } = notification;
    return Promise.resolve({
      sections: [
        {
          key: "child", recordType: NotificationRecordType.NOTIFIED_CHILD, many: false,
          entries: [{
            values: { sui: facts.childSui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null, expectedDateOfBirth: null, homeLocalAuthority: child.address?.localAuthority ?? null },
            valueLabels: { homeLocalAuthority: [...(child.address?.labels ?? [])] },
          }],
        },
        { key: "childVictim", recordType: NotificationRecordType.CHILD_VICTIM_REFERRAL, many: false, entries: [{ values: incidentValues(notification, notification.incidentType) }] },
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.CHILD_VICTIM, event: VICTIM_REFERRAL, subjectAge: null,
    targets: { [RoutingArea.CHILD_HOME]: [{ localAuthority: notification.child.address?.localAuthority ?? null }] },
  }),
};

/** A force's system refers a victim under 18 to children's social care: `submitNotification` with this definition. */
export function submitChildVictim(services: NotificationServices, principal: Principal, requestId: string, notification: ChildVictimSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, CHILD_VICTIM, principal, requestId, notification, now);
}
