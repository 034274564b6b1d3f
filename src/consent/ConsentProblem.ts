/**
 * Why the hub refused to record a consent decision, as `extensions.problem` on the error: agency
 * systems branch on it, so a code once published keeps its meaning.
 */
export const ConsentProblem = {
  /** The hub holds no date of birth for the child (an unborn child): there is no decision of the child's own. */
  CHILD_AGE_UNKNOWN: "CHILD_AGE_UNKNOWN",
  /** A competence assessment was stated without writing it down. */
  ASSESSMENT_REQUIRED: "ASSESSMENT_REQUIRED",
  /** A child under the confirmation age was assessed competent by someone who may not confirm it. */
  MANAGER_CONFIRMATION_REQUIRED: "MANAGER_CONFIRMATION_REQUIRED",
  /** The caller's agency does not work with the child's family, so does not record a parent's consent. */
  NOT_WORKING_WITH_FAMILY: "NOT_WORKING_WITH_FAMILY",
} as const;
export type ConsentProblem = (typeof ConsentProblem)[keyof typeof ConsentProblem];
export const CONSENT_PROBLEMS = Object.values(ConsentProblem);
