import { type Principal } from "../../auth/Principal";
import { Agency } from "../../directory/Agency";
import { SocialCareStatus } from "../../records/details/SocialCareRecord";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { PlanKind } from "../plans/currentPlans";
import { RoutingArea } from "../routing/RoutingArea";
import { invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { assertChildrenHeld, storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { type ChildOnPlanMovedSubmission } from "./ChildOnPlanMovedSubmission";
import { validateChildOnPlanMoved } from "./validateChildOnPlanMoved";

interface MoveFacts extends NotificationFacts {
  childSui: string | null;
  /** The authority the child lived in before: the sending authority's own. */
  previousLocalAuthority: string | null;
}

const MOVED_AREA = "MOVED_AREA";

/**
 * A child on a child protection plan moving to another authority's area, as a routed event (DOMAIN.md
 * "Who must tell whom", CSC; Working Together 2023 ch.3, transfer-in conferences): the authority
 * holding the plan tells the hub; its record of the plan is stored again through the record path with
 * the address moved to (so the hub, and the receiving authority's list of children on other
 * authorities' plans, place the child there), and the children's social care serving that address
 * (`NEW_HOME`) is told, with a transfer-in conference due within the TRANSFER_IN_CONFERENCE timescale
 * (`due` in the routing file, 15 working days): `dueBy` on its delivery. A move within the authority's own areas is not a transfer (`SAME_AUTHORITY`). A social
 * worker names only a child the authority's records hold, under the plan's reference and the child's
 * SUI; the authority's system may report any.
 */
export const CHILD_ON_PLAN_MOVED: RoutedEvent<ChildOnPlanMovedSubmission, MoveFacts> = {
  type: NotificationType.CHILD_ON_PLAN_MOVED,
  label: "a move of a child on a plan",
  validate: validateChildOnPlanMoved,
  eventOf: () => MOVED_AREA,
  async recordFacts({ dataSource }, principal, notification, now) {
    const sending = await dataSource.getRepository(Agency).findOneByOrFail({ code: notification.agencyCode });
    const newArea = notification.child.address?.localAuthority ?? null;
    if (newArea !== null && sending.servedLocalAuthorities.includes(newArea)) {
      throw invalid("notification.child.address.localAuthority", NotificationProblem.SAME_AUTHORITY, "The child moved within an area your authority serves: that is not a transfer to another authority.");
    }
    await assertChildrenHeld(dataSource, principal, notification.agencyCode, [{ reference: notification.planReference, sui: notification.child.sui, path: "notification.child" }],
      NotificationProblem.CHILD_NOT_HELD_BY_AGENCY, "A social worker may name only a child your authority's records already hold, by the plan's reference and the child's SUI; your authority's system reports any other.");
    const previous = await dataSource.query<{ localAuthority: string | null }[]>(
      `SELECT reported_identity -> 'address' ->> 'localAuthority' AS "localAuthority" FROM agency_record WHERE agency_code = $1 AND agency_reference = $2`,
      [notification.agencyCode, notification.planReference],
    );
    const { plan } = notification;
    // The purpose of this type is the plan-holding authority's report that its child moved: the address
    // moved to becomes its record's address, from the day moved, whether its system or its social worker tells it.
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{
      path: "notification", reportsChildMoved: true,
      submission: {
        agencyCode: notification.agencyCode, agencyReference: notification.planReference,
        child: { ...notification.child, address: notification.child.address ? { ...notification.child.address, validFrom: notification.child.address.validFrom ?? notification.movedOn } : null },
        socialCare: {
          status: SocialCareStatus.CHILD_PROTECTION_PLAN, planCategory: plan.planCategory, startDate: plan.startDate, allocatedWorkerName: plan.allocatedWorkerName ?? null,
          allocatedWorkerContact: plan.allocatedWorkerContact ?? null, allocatedTeam: plan.allocatedTeam ?? null, responsibleLocalAuthority: sending.localAuthority ?? previous[0]?.localAuthority ?? newArea ?? "",
        },
      },
    }], now);
    return { adultId: null, recordIds: [stored.recordId], childSui: stored.childSui, previousLocalAuthority: previous[0]?.localAuthority ?? sending.localAuthority };
  },
  content(_services, notification, facts) {
    const { child, plan } = notification;
    const address = child.address;
    const labels = [...(address?.labels ?? [])];
    const unborn = !child.dateOfBirth && Boolean(child.expectedDateOfBirth);
    return Promise.resolve({
      sections: [
        {
          key: "child", recordType: NotificationRecordType.NOTIFIED_CHILD, many: false,
          entries: [{
            values: {
              sui: facts.childSui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null,
              expectedDateOfBirth: child.expectedDateOfBirth ?? null, homeLocalAuthority: address?.localAuthority ?? null,
            },
            valueLabels: { homeLocalAuthority: labels },
          }],
        },
        {
          key: "planTransfer", recordType: NotificationRecordType.PLAN_TRANSFER, many: false,
          entries: [{
            values: {
              movedOn: notification.movedOn,
              newAddress: address ? { line1: address.line1, line2: address.line2 ?? null, town: address.town ?? null, postcode: address.postcode ?? null, localAuthority: address.localAuthority ?? "" } : null,
              previousLocalAuthority: facts.previousLocalAuthority, sendingAuthority: notification.agencyCode,
              planKind: unborn ? PlanKind.PRE_BIRTH_PLAN : PlanKind.CHILD_PROTECTION_PLAN, planCategory: plan.planCategory, planStartDate: plan.startDate,
              planReference: notification.planReference, allocatedWorkerName: plan.allocatedWorkerName ?? null, allocatedWorkerContact: plan.allocatedWorkerContact ?? null,
              allocatedTeam: plan.allocatedTeam ?? null,
            },
            // The address moved to, and the area derived from it, carry the address's labels (a refuge).
            valueLabels: { newAddress: labels },
          }],
        },
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.CHILD_ON_PLAN_MOVED, event: MOVED_AREA, subjectAge: null,
    targets: { [RoutingArea.NEW_HOME]: [{ localAuthority: notification.child.address?.localAuthority ?? null }] },
  }),
};

/** Children's social care tells of a child on its plan moving to another authority: `submitNotification` with this definition. */
export function submitChildOnPlanMoved(services: NotificationServices, principal: Principal, requestId: string, notification: ChildOnPlanMovedSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, CHILD_ON_PLAN_MOVED, principal, requestId, notification, now);
}
