import { type Principal } from "../../auth/Principal";
import { ErrorCode, HubError } from "../../errors/HubError";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { currentPlans } from "../plans/currentPlans";
import { recordHolderTargets } from "../routing/recordHolders";
import { RoutingArea } from "../routing/RoutingArea";
import { NotificationProblem } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { type UnscheduledCareAttendanceSubmission } from "./UnscheduledCareAttendanceSubmission";
import { unscheduledCareSite, type UnscheduledCareSite } from "./unscheduledCareSetting";
import { validateUnscheduledCareAttendance } from "./validateUnscheduledCareAttendance";

interface AttendanceFacts extends NotificationFacts {
  site: UnscheduledCareSite;
  childId: string | null;
  childSui: string | null;
  /** The day it happened: the plans in force then are the ones told. */
  on: string;
}

const ATTENDANCE = "ATTENDANCE";

/**
 * An unscheduled-care attendance as a routed event (CP-IS; DOMAIN.md "Who must tell whom", health):
 * the setting's system reports that a child attended; the attendance is stored as the setting's health
 * record of the child through the record path (the child linked by SUI or matched, an unborn child by
 * the expected date of birth), and every authority holding a plan for the child in force that day —
 * a child protection plan, a pre-birth plan, a looked-after episode — is told (`PLAN_HOLDER`), one
 * holding it under its own SEALED record too (never shown on the setting's receipt). A child
 * on no plan tells no one; a child the hub could not link is recorded as AREA_UNKNOWN. Only a health
 * agency the directory holds as an unscheduled-care setting reports one (a GP practice: FORBIDDEN,
 * `NOT_THIS_SERVICE`), and the setting told is the directory's.
 */
export const UNSCHEDULED_CARE_ATTENDANCE: RoutedEvent<UnscheduledCareAttendanceSubmission, AttendanceFacts> = {
  type: NotificationType.UNSCHEDULED_CARE_ATTENDANCE,
  label: "an unscheduled-care attendance",
  validate: validateUnscheduledCareAttendance,
  eventOf: () => ATTENDANCE,
  async recordFacts({ dataSource }, principal, notification, now) {
    const site = await unscheduledCareSite(dataSource, notification.agencyCode);
    if (site === null) {
      throw new HubError(ErrorCode.FORBIDDEN, "Only an unscheduled-care setting (an emergency department, urgent care, out of hours) reports an attendance: the directory does not hold your agency as one.", {
        path: "notification.agencyCode", problem: NotificationProblem.NOT_THIS_SERVICE,
      });
    }
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{
      path: "notification",
      submission: {
        agencyCode: notification.agencyCode, agencyReference: notification.reference, child: notification.child,
        health: { unscheduledCareAttendances: [{ attendedOn: notification.attendedOn, setting: site.setting, site: site.name, ...(notification.presentingComplaint ? { presentingComplaint: notification.presentingComplaint } : {}) }] },
      },
    }], now);
    return { adultId: null, recordIds: [stored.recordId], site, childId: stored.childId, childSui: stored.childSui, on: notification.attendedOn };
  },
  content(_services, notification, facts) {
    const { child } = notification;
    return Promise.resolve({
      sections: [
        {
          key: "child", recordType: NotificationRecordType.NOTIFIED_CHILD, many: false,
          entries: [{
            values: {
              sui: facts.childSui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null,
              expectedDateOfBirth: child.expectedDateOfBirth ?? null, homeLocalAuthority: child.address?.localAuthority ?? null,
            },
            valueLabels: { homeLocalAuthority: [...(child.address?.labels ?? [])] },
          }],
        },
        {
          key: "unscheduledCareAttendance", recordType: NotificationRecordType.UNSCHEDULED_CARE_ATTENDANCE, many: false,
          entries: [{ values: { attendedOn: notification.attendedOn, setting: facts.site.setting, site: facts.site.name, siteCode: facts.site.code, presentingComplaint: notification.presentingComplaint ?? null } }],
        },
      ],
    });
  },
  async routingFacts({ dataSource }, _notification, facts) {
    return {
      notificationType: NotificationType.UNSCHEDULED_CARE_ATTENDANCE,
      event: ATTENDANCE,
      subjectAge: null,
      targets: {
        [RoutingArea.PLAN_HOLDER]: facts.childId === null ? [{ localAuthority: null }] : recordHolderTargets(await currentPlans(dataSource.manager, [facts.childId], facts.on, { sealedToo: true })),
      },
    };
  },
};

/** An unscheduled-care setting's system reports an attendance: `submitNotification` with the CP-IS definition. */
export function submitUnscheduledCareAttendance(services: NotificationServices, principal: Principal, requestId: string, notification: UnscheduledCareAttendanceSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, UNSCHEDULED_CARE_ATTENDANCE, principal, requestId, notification, now);
}
