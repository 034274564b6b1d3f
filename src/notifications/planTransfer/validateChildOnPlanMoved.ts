import { checkChild, checkPastDate, checkReference, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type ChildOnPlanMovedSubmission } from "./ChildOnPlanMovedSubmission";

/** Everything about a move that can be refused before the hub touches what it holds (`NotificationProblem` codes at their paths). */
export function validateChildOnPlanMoved(notification: ChildOnPlanMovedSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkReference(notification.planReference, "notification.planReference");
  checkPastDate(notification.movedOn, "notification.movedOn", now);
  checkPastDate(notification.plan.startDate, "notification.plan.startDate", now);
  checkChild(notification.child, "notification.child", now);
  if (!notification.child.address?.localAuthority) {
    throw invalid("notification.child.address.localAuthority", NotificationProblem.AREA_REQUIRED, "Give the address the child moved to, with its local authority (ONS code): that authority's children's social care is told.");
  }
}
