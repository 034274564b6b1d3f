/**
 * Whose area a routing rule looks for recipients in:
 * - PRISONER_HOME: the prisoner's home local authority, as the prison reports it;
 * - CHILD_HOME: each identified child's home local authority (one decision per authority);
 * - RELEASE_ADDRESS: the local authority of the release address (the police force covering it).
 */
export const RoutingArea = {
  PRISONER_HOME: "PRISONER_HOME",
  CHILD_HOME: "CHILD_HOME",
  RELEASE_ADDRESS: "RELEASE_ADDRESS",
} as const;
export type RoutingArea = (typeof RoutingArea)[keyof typeof RoutingArea];
export const ROUTING_AREAS = Object.values(RoutingArea);

/** Whom a rule applies to by the prisoner's age on the event's day: probation for adults, the YOT under 18. */
export const PrisonerAge = {
  ANY: "ANY",
  ADULT: "ADULT",
  UNDER_18: "UNDER_18",
} as const;
export type PrisonerAge = (typeof PrisonerAge)[keyof typeof PrisonerAge];
export const PRISONER_AGES = Object.values(PrisonerAge);
