/**
 * Where a routing rule looks for its recipients. Each routed notification type names the areas its
 * facts can say (`RoutedEventVocabulary.ts`); a rule may use only those of its own type.
 * - PRISONER_HOME: the prisoner's home local authority, as the prison reports it;
 * - CHILD_HOME: each identified child's home local authority (one decision per authority);
 * - RELEASE_ADDRESS: the local authority of the release address (the police force covering it);
 * - PLAN_HOLDER: each authority holding a current child protection plan (a pre-birth plan included) or
 *   looked-after episode for the child — the agency whose social care record it is;
 * - NEW_HOME: the local authority of the address moved to (a child on a plan's, an offender's);
 * - SCHOOL: each school the hub holds the child on the roll of — the agency whose education record it is;
 * - OFFENDER_HOME: the local authority an offender (not a prisoner) lives in, as probation reports it;
 * - ENQUIRER: the agency that made the enquiry an answer returns to — the agency the notification names.
 */
export const RoutingArea = {
  PRISONER_HOME: "PRISONER_HOME",
  CHILD_HOME: "CHILD_HOME",
  RELEASE_ADDRESS: "RELEASE_ADDRESS",
  PLAN_HOLDER: "PLAN_HOLDER",
  NEW_HOME: "NEW_HOME",
  SCHOOL: "SCHOOL",
  OFFENDER_HOME: "OFFENDER_HOME",
  ENQUIRER: "ENQUIRER",
} as const;
export type RoutingArea = (typeof RoutingArea)[keyof typeof RoutingArea];
export const ROUTING_AREAS = Object.values(RoutingArea);

/**
 * Whom a rule applies to by the age, on the event's day, of the person the notification is about (a
 * prisoner): probation for adults, the YOT under 18.
 */
export const SubjectAge = {
  ANY: "ANY",
  ADULT: "ADULT",
  UNDER_18: "UNDER_18",
} as const;
export type SubjectAge = (typeof SubjectAge)[keyof typeof SubjectAge];
export const SUBJECT_AGES = Object.values(SubjectAge);
