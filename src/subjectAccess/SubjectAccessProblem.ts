/**
 * Why the hub would not open, extend, decide on or close a subject access request, as
 * `extensions.problem` on the error. A code once published keeps its meaning. Messages name the
 * policy's thresholds, never the child's age.
 */
export const SubjectAccessProblem = {
  /** A parent's parental responsibility, or a representative's authority from the child, was not written down. */
  BASIS_REQUIRED: "BASIS_REQUIRED",
  /** The child is under the age competence is presumed at (or their age is unknown), and no assessment was written down. */
  ASSESSMENT_REQUIRED: "ASSESSMENT_REQUIRED",
  /** The child was assessed as unable to understand their rights: a person with parental responsibility may ask for them. */
  REQUESTER_NOT_COMPETENT: "REQUESTER_NOT_COMPETENT",
  /** A competence assessment goes with the child's own request or a representative's authority, not a parent's request. */
  COMPETENCE_NOT_APPLICABLE: "COMPETENCE_NOT_APPLICABLE",
  /** The request is said to have arrived in the future, or too long ago to be recorded now. */
  RECEIVED_OUT_OF_RANGE: "RECEIVED_OUT_OF_RANGE",
  /** The request is closed: nothing more is recorded on it. */
  REQUEST_CLOSED: "REQUEST_CLOSED",
  /** Art 12(3) allows one extension, and it has been granted. */
  ALREADY_EXTENDED: "ALREADY_EXTENDED",
  /** An extension longer than the timescale allows. */
  EXTENSION_TOO_LONG: "EXTENSION_TOO_LONG",
  /** Art 12(3): the requester is told of an extension within the first month; that month has ended. */
  EXTENSION_TOO_LATE: "EXTENSION_TOO_LATE",
  /** A reason (an extension's, a decision's, a closure's) was not written down. */
  REASON_REQUIRED: "REASON_REQUIRED",
  /** The item is not one the report holds for review (already included or withheld, or not in the report). */
  ITEM_NOT_UNDER_REVIEW: "ITEM_NOT_UNDER_REVIEW",
  /** Health data is released or withheld only on the appropriate health professional's opinion (DPA 2018 Sch.3 paras 5, 6). */
  HEALTH_OPINION_REQUIRED: "HEALTH_OPINION_REQUIRED",
  /** An opinion recorded where no health data awaits one. */
  HEALTH_OPINION_NOT_APPLICABLE: "HEALTH_OPINION_NOT_APPLICABLE",
  /** The opinion is dated in the future, or older than the policy allows relying on. */
  HEALTH_OPINION_OUT_OF_DATE: "HEALTH_OPINION_OUT_OF_DATE",
  /** The decision contradicts the opinion: released though serious harm is likely, or withheld though it is not. */
  HEALTH_OPINION_CONTRADICTED: "HEALTH_OPINION_CONTRADICTED",
} as const;
export type SubjectAccessProblem = (typeof SubjectAccessProblem)[keyof typeof SubjectAccessProblem];
export const SUBJECT_ACCESS_PROBLEMS = Object.values(SubjectAccessProblem);
