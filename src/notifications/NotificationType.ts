/**
 * The kinds of routed notification (HUB.md §9; DOMAIN.md "Who must tell whom"):
 * - PPRC: a prison's notification about a prisoner assessed as a person posing a risk to children;
 * - UNSCHEDULED_CARE_ATTENDANCE: an emergency department, urgent care or out-of-hours attendance by a
 *   child on a child protection plan, looked after, or unborn on a pre-birth plan (CP-IS);
 * - PLAN_ACCESS: a clinician in such a setting viewed the child's plan (the CP-IS access notification);
 * - CHILD_ON_PLAN_MOVED: a child on a child protection plan moved to another authority's area, which
 *   holds a transfer-in conference;
 * - OPERATION_ENCOMPASS: the police tell a pupil's school of a domestic abuse incident involving the
 *   pupil, before the next school day;
 * - CHILD_VICTIM: the police refer a victim under 18 to children's social care;
 * - ESCALATION: a notification left unacknowledged past its deadline, raised to the recipient agency's
 *   escalation contact and its IG leads.
 */
export const NotificationType = {
  PPRC: "PPRC",
  UNSCHEDULED_CARE_ATTENDANCE: "UNSCHEDULED_CARE_ATTENDANCE",
  PLAN_ACCESS: "PLAN_ACCESS",
  CHILD_ON_PLAN_MOVED: "CHILD_ON_PLAN_MOVED",
  OPERATION_ENCOMPASS: "OPERATION_ENCOMPASS",
  CHILD_VICTIM: "CHILD_VICTIM",
  ESCALATION: "ESCALATION",
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];
export const NOTIFICATION_TYPES = Object.values(NotificationType);

/** The notification types agencies send, which routing rules route (an escalation is the hub's own). */
export const ROUTED_NOTIFICATION_TYPES = [
  NotificationType.PPRC, NotificationType.UNSCHEDULED_CARE_ATTENDANCE, NotificationType.PLAN_ACCESS, NotificationType.CHILD_ON_PLAN_MOVED,
  NotificationType.OPERATION_ENCOMPASS, NotificationType.CHILD_VICTIM,
] as const;
export type RoutedNotificationType = (typeof ROUTED_NOTIFICATION_TYPES)[number];
