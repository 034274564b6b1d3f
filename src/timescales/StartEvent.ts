/**
 * The event a timescale runs from. Named in the policy beside each timescale, so a caller can check it
 * passes the right instant (`Deadline.startEvent`), and so a later edition of guidance that moves a
 * clock (e.g. from the referral to the strategy discussion) says so in data.
 */
export const StartEvent = {
  /** The referral (contact) reached the MASH of the child's local authority. */
  REFERRAL_RECEIVED: "REFERRAL_RECEIVED",
  /** There is reasonable cause to suspect the child is suffering, or likely to suffer, significant harm (Children Act 1989 s.47(1)). */
  SIGNIFICANT_HARM_SUSPECTED: "SIGNIFICANT_HARM_SUSPECTED",
  /** The strategy discussion was held (the last one, when there were several). */
  STRATEGY_DISCUSSION_HELD: "STRATEGY_DISCUSSION_HELD",
  /** A strategy discussion decided to start s.47 enquiries. */
  SECTION_47_ENQUIRY_STARTED: "SECTION_47_ENQUIRY_STARTED",
  /** The court made an emergency protection order. */
  EMERGENCY_PROTECTION_ORDER_MADE: "EMERGENCY_PROTECTION_ORDER_MADE",
  /** A constable took the child into police protection (Children Act 1989 s.46(1)). */
  POLICE_PROTECTION_TAKEN: "POLICE_PROTECTION_TAKEN",
  /** The receiving authority was told that a child on another authority's plan moved into its area. */
  MOVE_OF_CHILD_ON_PLAN_NOTIFIED: "MOVE_OF_CHILD_ON_PLAN_NOTIFIED",
  /** The police were told of (or attended) a domestic abuse incident involving a pupil. */
  DOMESTIC_ABUSE_INCIDENT_REPORTED: "DOMESTIC_ABUSE_INCIDENT_REPORTED",
  /** Probation asked children's social care about a child, at sentencing. */
  PROBATION_SAFEGUARDING_ENQUIRY_MADE: "PROBATION_SAFEGUARDING_ENQUIRY_MADE",
  /** The hub delivered a notification to an agency's inbox (its audit entry committed). */
  NOTIFICATION_DELIVERED: "NOTIFICATION_DELIVERED",
  /** The controller became aware of a personal data breach (UK GDPR Art 33(1)). */
  PERSONAL_DATA_BREACH_DISCOVERED: "PERSONAL_DATA_BREACH_DISCOVERED",
  /** The controller received a subject access request (UK GDPR Art 12(3): the month runs from receipt). */
  SUBJECT_ACCESS_REQUEST_RECEIVED: "SUBJECT_ACCESS_REQUEST_RECEIVED",
} as const;
export type StartEvent = (typeof StartEvent)[keyof typeof StartEvent];
export const START_EVENTS = Object.values(StartEvent);
