import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { NotificationRecordType } from "../../policy/notificationFields";
import { AgencyRecord } from "../../records/AgencyRecord";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { EducationRecord, RollStatus } from "../../records/details/EducationRecord";
import { addressValue, notifiedChildSection } from "../content/notifiedChildSection";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { RoutingArea } from "../routing/RoutingArea";
import { checkArea, checkChildOnDay, checkPastDate, checkReference, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { assertChildrenHeld, storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { RemovalGround, type PupilRemovedFromRollSubmission } from "./PupilRemovedFromRollSubmission";

interface RemovalFacts extends NotificationFacts {
  childSui: string | null;
}

const NON_STANDARD_REMOVAL = "NON_STANDARD_REMOVAL";

/** The roll status a removal leaves the school's record of the pupil in. */
const ROLL_STATUS_AFTER: Partial<Record<RemovalGround, RollStatus>> = {
  [RemovalGround.ELECTIVE_HOME_EDUCATION]: RollStatus.ELECTIVE_HOME_EDUCATION,
  [RemovalGround.PERMANENTLY_EXCLUDED]: RollStatus.PERMANENTLY_EXCLUDED,
  [RemovalGround.CONTINUOUS_ABSENCE]: RollStatus.CHILD_MISSING_EDUCATION,
};

/** Everything about the removal that can be refused before the hub touches what it holds. */
function validate(notification: PupilRemovedFromRollSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkReference(notification.pupilReference, "notification.pupilReference");
  checkPastDate(notification.removedOn, "notification.removedOn", now);
  checkChildOnDay(notification.child, "notification.child", notification.removedOn, "a removal from roll");
  if (!notification.child.address?.localAuthority) {
    throw invalid("notification.child.address.localAuthority", NotificationProblem.AREA_REQUIRED, "Give the pupil's home address with its local authority (ONS code): that authority is told.");
  }
  checkArea(notification.destinationAddress?.localAuthority, "notification.destinationAddress.localAuthority");
}

/**
 * A school's removal of a pupil from its roll at a non-standard point, as a routed event (DOMAIN.md
 * "Who must tell whom", schools): the school's system, or its DSL for a pupil its records hold, tells
 * the hub; the school's record of the pupil is stored again through the record path, off the roll
 * from the day removed (what the record held besides — attendance, SEN, concerns — kept as the school
 * last reported it), and the local authority of the pupil's home (`CHILD_HOME`, its children's
 * services) is told, to make its children missing education enquiries. It reads the child, why and
 * when they left, where to (a protected address only as its labels allow) and whom to ask at the school.
 */
export const PUPIL_REMOVED_FROM_ROLL: RoutedEvent<PupilRemovedFromRollSubmission, RemovalFacts> = {
  type: NotificationType.PUPIL_REMOVED_FROM_ROLL,
  label: "a removal of a pupil from the roll",
  validate,
  eventOf: () => NON_STANDARD_REMOVAL,
  async recordFacts({ dataSource }, principal, notification, now) {
    await assertChildrenHeld(dataSource, principal, notification.agencyCode, [{ reference: notification.pupilReference, sui: notification.child.sui, path: "notification.child" }],
      NotificationProblem.CHILD_NOT_HELD_BY_AGENCY, "A DSL may name only a pupil the school's records already hold, by that record's reference and the child's SUI; the school's system reports any other.");
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{ path: "notification", submission: await educationRecordOf(dataSource, notification) }], now);
    return { adultId: null, recordIds: [stored.recordId], childSui: stored.childSui };
  },
  content(_services, notification, facts) {
    const destination = notification.destinationAddress ?? null;
    return Promise.resolve({
      sections: [
        notifiedChildSection(notification.child, facts.childSui),
        {
          key: "rollRemoval", recordType: NotificationRecordType.PUPIL_REMOVED_FROM_ROLL, many: false,
          entries: [{
            values: {
              school: notification.agencyCode, removedOn: notification.removedOn, removalGround: notification.removalGround, groundDetail: notification.groundDetail ?? null,
              destinationSchool: notification.destinationSchool ?? null, destinationAddress: addressValue(destination), dslName: notification.dslName ?? null,
              dslContact: notification.dslContact ?? null,
            },
            valueLabels: { destinationAddress: [...(destination?.labels ?? [])] },
          }],
        },
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.PUPIL_REMOVED_FROM_ROLL, event: NON_STANDARD_REMOVAL, subjectAge: null,
    targets: { [RoutingArea.CHILD_HOME]: [{ localAuthority: notification.child.address?.localAuthority ?? null }] },
  }),
};

/**
 * The school's record of the pupil as the removal leaves it: off the roll from the day removed, the
 * DSL given; what the removal does not speak to (attendance, exclusions, SEN, concerns, the record's
 * labels) stays as the school last reported it.
 */
async function educationRecordOf(dataSource: DataSource, notification: PupilRemovedFromRollSubmission): Promise<AgencyRecordSubmission> {
  const held = await dataSource.getRepository(AgencyRecord).findOneBy({ agency: { code: notification.agencyCode }, agencyReference: notification.pupilReference });
  const education = held === null ? null : await dataSource.getRepository(EducationRecord).findOneBy({ recordId: held.id });
  return {
    agencyCode: notification.agencyCode, agencyReference: notification.pupilReference, recordedAt: held?.recordedAt ?? null, labels: held?.labels ?? [],
    fieldLabels: Object.entries(held?.fieldLabels ?? {}).flatMap(([field, labels]) => (labels === undefined ? [] : [{ field, labels }])),
    child: notification.child,
    education: {
      rollStatus: ROLL_STATUS_AFTER[notification.removalGround] ?? RollStatus.LEFT_NON_STANDARD, onRollFrom: education?.onRollFrom ?? null, leftOn: notification.removedOn,
      attendancePercent: education?.attendancePercent ?? null, exclusions: education?.exclusions ?? [], senStatus: education?.senStatus ?? "NONE",
      dslName: notification.dslName ?? education?.dslName ?? null, dslContact: notification.dslContact ?? education?.dslContact ?? null,
      safeguardingConcerns: education?.safeguardingConcerns ?? [],
    },
  };
}

/** A school tells the local authority of a pupil removed from its roll at a non-standard point: `submitNotification` with this definition. */
export function submitPupilRemovedFromRoll(services: NotificationServices, principal: Principal, requestId: string, notification: PupilRemovedFromRollSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, PUPIL_REMOVED_FROM_ROLL, principal, requestId, notification, now);
}
