/**
 * The unscheduled-care settings of the Child Protection – Information Sharing project (CP-IS): an
 * emergency department, an urgent treatment centre, a minor injuries unit, a walk-in centre, an
 * out-of-hours GP service. A health agency the directory holds as one of these is where an attendance
 * by a child on a plan, and a clinician's viewing of the plan, tell the authority holding the plan.
 */
export const UnscheduledCareSetting = {
  EMERGENCY_DEPARTMENT: "EMERGENCY_DEPARTMENT",
  URGENT_TREATMENT_CENTRE: "URGENT_TREATMENT_CENTRE",
  MINOR_INJURIES_UNIT: "MINOR_INJURIES_UNIT",
  WALK_IN_CENTRE: "WALK_IN_CENTRE",
  OUT_OF_HOURS_GP: "OUT_OF_HOURS_GP",
} as const;
export type UnscheduledCareSetting = (typeof UnscheduledCareSetting)[keyof typeof UnscheduledCareSetting];
export const UNSCHEDULED_CARE_SETTINGS = Object.values(UnscheduledCareSetting);

export function isUnscheduledCareSetting(value: unknown): value is UnscheduledCareSetting {
  return typeof value === "string" && (UNSCHEDULED_CARE_SETTINGS as string[]).includes(value);
}
