import { checkChild, checkPastDate, checkReference } from "../submission/NotificationProblem";
import { type UnscheduledCareAttendanceSubmission } from "./UnscheduledCareAttendanceSubmission";

/** Everything about an attendance that can be refused before the hub touches what it holds (`NotificationProblem` codes at their paths). */
export function validateUnscheduledCareAttendance(notification: UnscheduledCareAttendanceSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkPastDate(notification.attendedOn, "notification.attendedOn", now);
  checkChild(notification.child, "notification.child", now);
}
