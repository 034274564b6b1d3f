import { type Principal } from "../../auth/Principal";
import { PoliceIncidentType } from "../../records/details/PoliceRecord";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { recordHolderTargets } from "../routing/recordHolders";
import { RoutingArea } from "../routing/RoutingArea";
import { checkIncidentDates, incidentValues, policeRecordOf } from "../policeIncidents/PoliceIncidentSubmission";
import { checkChild, checkReference } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { type OperationEncompassSubmission } from "./OperationEncompassSubmission";
import { schoolsOnRoll } from "./schoolsOnRoll";

interface IncidentFacts extends NotificationFacts {
  childId: string | null;
  childSui: string | null;
}

const DOMESTIC_ABUSE_INCIDENT = "DOMESTIC_ABUSE_INCIDENT";

/** Everything about the incident that can be refused before the hub touches what it holds. */
function validate(notification: OperationEncompassSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkIncidentDates(notification, "notification", now);
  checkChild(notification.child, "notification.child", now);
}

/**
 * Operation Encompass as a routed event (DOMAIN.md "Who must tell whom", schools; the Operation
 * Encompass guidance; Keeping Children Safe in Education 2025): a force's system tells of a domestic
 * abuse incident involving a child; the incident is stored as the force's police record of the child
 * through the record path, and the school the hub holds the child on the roll of (`SCHOOL`) is told — one
 * holding the pupil only under its own SEALED record too (a child enrolled under a new identity), never
 * shown on the force's receipt, which answers as for a child on no school's roll —
 * its designated safeguarding lead reads the incident's type, its dates and the child's role, never
 * the crime reference, the summary, the intelligence, the officer or who reported it (the grants of
 * `DOMESTIC_ABUSE_INCIDENT`). A child on no school's roll is recorded as AREA_UNKNOWN, so the force
 * can follow it up. The DSL acknowledges before the next school day starts
 * (OPERATION_ENCOMPASS_NOTIFICATION), or it is escalated.
 */
export const OPERATION_ENCOMPASS: RoutedEvent<OperationEncompassSubmission, IncidentFacts> = {
  type: NotificationType.OPERATION_ENCOMPASS,
  label: "an Operation Encompass notification",
  validate,
  eventOf: () => DOMESTIC_ABUSE_INCIDENT,
  async recordFacts({ dataSource }, principal, notification, now) {
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{
      path: "notification",
      submission: {
        agencyCode: notification.agencyCode, agencyReference: notification.reference, child: notification.child,
        police: policeRecordOf(notification, PoliceIncidentType.DOMESTIC_ABUSE, notification.childRole),
      },
    }], now);
    return { adultId: null, recordIds: [stored.recordId], childId: stored.childId, childSui: stored.childSui };
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
        {
          key: "domesticAbuseIncident", recordType: NotificationRecordType.DOMESTIC_ABUSE_INCIDENT, many: false,
          entries: [{
            values: { ...incidentValues(notification, PoliceIncidentType.DOMESTIC_ABUSE), childRole: notification.childRole },
          }],
        },
      ],
    });
  },
  async routingFacts({ dataSource }, _notification, facts) {
    const schools = facts.childId === null ? [] : await schoolsOnRoll(dataSource.manager, facts.childId);
    return {
      notificationType: NotificationType.OPERATION_ENCOMPASS, event: DOMESTIC_ABUSE_INCIDENT, subjectAge: null,
      targets: { [RoutingArea.SCHOOL]: schools.length === 0 ? [{ localAuthority: null }] : recordHolderTargets(schools) },
    };
  },
};

/** A force's system tells of a domestic abuse incident involving a pupil: `submitNotification` with the Operation Encompass definition. */
export function submitOperationEncompass(services: NotificationServices, principal: Principal, requestId: string, notification: OperationEncompassSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, OPERATION_ENCOMPASS, principal, requestId, notification, now);
}
