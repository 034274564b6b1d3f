import { type Principal } from "../../auth/Principal";
import { NotificationRecordType } from "../../policy/notificationFields";
import { addressValue } from "../content/notifiedChildSection";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { RoutingArea } from "../routing/RoutingArea";
import { checkArea, checkPastDate, checkReference, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type RoutedEvent } from "../submission/RoutedEvent";
import { submitNotification } from "../submission/submitNotification";
import { type OffenderMovedSubmission } from "./OffenderMovedSubmission";
import { checkOffenderAndChildren, childrenOfOffenderSection, type ProbationFacts, recordProbationFacts } from "./probationFacts";

const OFFENDER_MOVED = "OFFENDER_MOVED";

/** Everything about the move that can be refused before the hub touches what it holds. */
function validate(notification: OffenderMovedSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkPastDate(notification.movedOn, "notification.movedOn", now);
  const newArea = notification.newAddress.localAuthority ?? null;
  if (!newArea) throw invalid("notification.newAddress.localAuthority", NotificationProblem.AREA_REQUIRED, "Give the address moved to with its local authority (ONS code): that authority's children's social care is told.");
  checkArea(newArea, "notification.newAddress.localAuthority");
  checkArea(notification.previousLocalAuthority, "notification.previousLocalAuthority");
  if (!notification.previousLocalAuthority) throw invalid("notification.previousLocalAuthority", NotificationProblem.AREA_REQUIRED, "Give the local authority the offender lived in before (ONS code).");
  if (newArea === notification.previousLocalAuthority) throw invalid("notification.newAddress.localAuthority", NotificationProblem.SAME_AUTHORITY, "The offender moved within the same local authority: that authority already knows.");
  checkOffenderAndChildren(notification.offender, notification.risk, notification.children, notification.movedOn, now, "a move of an offender posing a risk to a child");
}

/**
 * An offender who poses a risk to an identified child moved to another local authority, as a routed
 * event (DOMAIN.md "Who must tell whom", probation): probation's system, or a probation practitioner for
 * children probation's records hold, tells the hub; probation's record of the offender and each child
 * is stored again through the record path with the offender's new address, and the children's social
 * care serving the address moved to (`NEW_HOME`) is told, with the offender's and the children's
 * details. It reads who the offender is, where they now live (as the address's labels allow), the risk
 * of serious harm (criminal-offence data under the Sch.1 para 18 safeguarding condition) and whom to
 * contact at probation, and the children; MAPPA detail stays with the Responsible Authority, the CRN
 * and PNC id with probation.
 */
export const OFFENDER_MOVED_AUTHORITY: RoutedEvent<OffenderMovedSubmission, ProbationFacts> = {
  type: NotificationType.OFFENDER_MOVED_AUTHORITY,
  label: "a move of an offender posing a risk to a child",
  validate,
  eventOf: () => OFFENDER_MOVED,
  recordFacts(services, principal, notification, now) {
    return recordProbationFacts(services, principal, notification.agencyCode, notification.offender, notification.risk, notification.children,
      { localAuthority: notification.newAddress.localAuthority ?? null, postcode: notification.newAddress.postcode ?? null }, now);
  },
  content(_services, notification, facts) {
    const { offender, risk } = notification;
    return Promise.resolve({
      sections: [
        {
          key: "offenderMove", recordType: NotificationRecordType.OFFENDER_MOVE, many: false,
          entries: [{
            values: {
              movedOn: notification.movedOn, offenderGivenNames: offender.givenNames, offenderFamilyName: offender.familyName, offenderDateOfBirth: offender.dateOfBirth,
              newAddress: addressValue(notification.newAddress), previousLocalAuthority: notification.previousLocalAuthority,
              roshLevel: risk.roshLevel, roshTo: risk.roshTo ?? [], mappaCategory: risk.mappaCategory ?? null, mappaLevel: risk.mappaLevel ?? null,
              offenderManagerName: risk.offenderManagerName ?? null, offenderManagerContact: risk.offenderManagerContact ?? null,
            },
            valueLabels: { newAddress: [...(notification.newAddress.labels ?? [])] },
          }],
        },
        childrenOfOffenderSection(notification.children, facts.childSuis),
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.OFFENDER_MOVED_AUTHORITY, event: OFFENDER_MOVED, subjectAge: null,
    targets: { [RoutingArea.NEW_HOME]: [{ localAuthority: notification.newAddress.localAuthority ?? null }] },
  }),
};

/** Probation tells the authority an offender posing a risk to a child moved to: `submitNotification` with this definition. */
export function submitOffenderMoved(services: NotificationServices, principal: Principal, requestId: string, notification: OffenderMovedSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, OFFENDER_MOVED_AUTHORITY, principal, requestId, notification, now);
}
