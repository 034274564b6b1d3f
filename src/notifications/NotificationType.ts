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
 * - SEX_OFFENDER_HOUSEHOLD_STAY: the police tell children's social care that a registered sex offender
 *   stayed 12 hours or more in a household where a child lives;
 * - PUPIL_REMOVED_FROM_ROLL: a school tells the local authority of a pupil removed from its roll at a
 *   non-standard point (children missing education);
 * - OFFENDER_MOVED_AUTHORITY: probation tells the authority an offender posing a risk to an identified
 *   child moved to;
 * - PROBATION_SAFEGUARDING_ENQUIRY: probation's same-day child safeguarding enquiry at sentencing;
 * - SAFEGUARDING_ENQUIRY_RESPONSE: children's social care's answer to it, routed back to the probation
 *   agency that asked;
 * - MASH_REFERRAL_TRANSFER: a MASH passes a referral about a child living elsewhere to that
 *   authority's MASH;
 * - CONSULTATION_REQUEST: a practitioner asks a local authority's MASH for advice on a concern without
 *   naming the child; CONSULTATION_ADVICE: the MASH's answer, delivered back to the asking agency;
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
  SEX_OFFENDER_HOUSEHOLD_STAY: "SEX_OFFENDER_HOUSEHOLD_STAY",
  PUPIL_REMOVED_FROM_ROLL: "PUPIL_REMOVED_FROM_ROLL",
  OFFENDER_MOVED_AUTHORITY: "OFFENDER_MOVED_AUTHORITY",
  PROBATION_SAFEGUARDING_ENQUIRY: "PROBATION_SAFEGUARDING_ENQUIRY",
  SAFEGUARDING_ENQUIRY_RESPONSE: "SAFEGUARDING_ENQUIRY_RESPONSE",
  MASH_REFERRAL_TRANSFER: "MASH_REFERRAL_TRANSFER",
  CONSULTATION_REQUEST: "CONSULTATION_REQUEST",
  CONSULTATION_ADVICE: "CONSULTATION_ADVICE",
  ESCALATION: "ESCALATION",
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];
export const NOTIFICATION_TYPES = Object.values(NotificationType);

/** The notification types agencies send, which routing rules route (an escalation is the hub's own). */
export const ROUTED_NOTIFICATION_TYPES = [
  NotificationType.PPRC, NotificationType.UNSCHEDULED_CARE_ATTENDANCE, NotificationType.PLAN_ACCESS, NotificationType.CHILD_ON_PLAN_MOVED,
  NotificationType.OPERATION_ENCOMPASS, NotificationType.CHILD_VICTIM, NotificationType.SEX_OFFENDER_HOUSEHOLD_STAY, NotificationType.PUPIL_REMOVED_FROM_ROLL,
  NotificationType.OFFENDER_MOVED_AUTHORITY, NotificationType.PROBATION_SAFEGUARDING_ENQUIRY, NotificationType.SAFEGUARDING_ENQUIRY_RESPONSE,
  NotificationType.MASH_REFERRAL_TRANSFER,
] as const;
export type RoutedNotificationType = (typeof ROUTED_NOTIFICATION_TYPES)[number];
