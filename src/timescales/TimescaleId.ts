/**
 * The timescales the hub knows by name (DOMAIN.md "Timescales", and the notification duties that carry
 * one). Code refers to a timescale by this id; how long it is, and from which event it runs, is data:
 * `timescaleEditions` in `policies/timescales.yaml`, one set per edition of guidance. Every edition must
 * define every id, so `deadline` can never be asked for a timescale its edition lacks.
 */
export const TimescaleId = {
  /** MASH / children's social care decides what happens to a referral (a "contact"). */
  REFERRAL_DECISION: "REFERRAL_DECISION",
  /** CSC, police and health (with the referrer) discuss a child who may be suffering significant harm. */
  STRATEGY_DISCUSSION: "STRATEGY_DISCUSSION",
  /** A Children Act 1989 s.47 enquiry, from the strategy discussion that started it. */
  SECTION_47_ENQUIRY: "SECTION_47_ENQUIRY",
  /** The initial child protection conference, from the strategy discussion at which s.47 enquiries began. */
  INITIAL_CHILD_PROTECTION_CONFERENCE: "INITIAL_CHILD_PROTECTION_CONFERENCE",
  /** A social work assessment (s.17 / s.47), from the point of referral. */
  ASSESSMENT: "ASSESSMENT",
  /** How long an emergency protection order may last (Children Act 1989 s.45), and its one extension. */
  EMERGENCY_PROTECTION_ORDER: "EMERGENCY_PROTECTION_ORDER",
  /** How long a child may be kept in police protection (Children Act 1989 s.46(6)). */
  POLICE_PROTECTION: "POLICE_PROTECTION",
  /** The receiving authority's conference for a child on a plan who moved into its area. */
  TRANSFER_IN_CONFERENCE: "TRANSFER_IN_CONFERENCE",
  /** Operation Encompass: the police tell the school's DSL of a domestic abuse incident before the next school day. */
  OPERATION_ENCOMPASS_NOTIFICATION: "OPERATION_ENCOMPASS_NOTIFICATION",
  /** Children's social care answers probation's child safeguarding enquiry at sentencing. */
  PROBATION_SAFEGUARDING_ENQUIRY: "PROBATION_SAFEGUARDING_ENQUIRY",
  /** An agency acknowledges a PPRC notification routed to it; unacknowledged past it, the notification is escalated. */
  PPRC_NOTIFICATION_ACKNOWLEDGEMENT: "PPRC_NOTIFICATION_ACKNOWLEDGEMENT",
  /** An agency acknowledges a safeguarding notification routed to it (CP-IS, Operation Encompass's …); unacknowledged past it, it is escalated. */
  SAFEGUARDING_NOTIFICATION_ACKNOWLEDGEMENT: "SAFEGUARDING_NOTIFICATION_ACKNOWLEDGEMENT",
  /** A personal data breach is reported to the Information Commissioner (UK GDPR Art 33). */
  PERSONAL_DATA_BREACH_REPORT: "PERSONAL_DATA_BREACH_REPORT",
  /** A subject access request is answered (UK GDPR Art 12(3), Art 15), and the one extension the Article allows. */
  SUBJECT_ACCESS_REQUEST: "SUBJECT_ACCESS_REQUEST",
} as const;
export type TimescaleId = (typeof TimescaleId)[keyof typeof TimescaleId];
export const TIMESCALE_IDS = Object.values(TimescaleId);
