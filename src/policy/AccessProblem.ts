/**
 * Why an access context is refused before any field is decided (design principle 2: "a missing or
 * incoherent context is refused with a clear error"). Callers branch on these codes (they travel as
 * `extensions.problem` with ACCESS_CONTEXT_INVALID), so a published code is never renamed or reused.
 */
export const AccessProblem = {
  /** The justification is blank or too short to tell a reviewer why. */
  JUSTIFICATION_REQUIRED: "JUSTIFICATION_REQUIRED",
  /**
   * None of the caller's roles may state this purpose; or, for an IG lead's or a data steward's work,
   * the purpose is not one that work serves (rule `governance-purposes`).
   */
  PURPOSE_NOT_PERMITTED: "PURPOSE_NOT_PERMITTED",
  /** The lawful basis does not fit the purpose. */
  LAWFUL_BASIS_NOT_PERMITTED: "LAWFUL_BASIS_NOT_PERMITTED",
  /** LAW_ENFORCEMENT (DPA 2018 Part 3) from an agency that is not a competent authority. */
  LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY",
  /** The Art 9 / Sch.1 condition stated does not fit the purpose. */
  SPECIAL_CATEGORY_CONDITION_INVALID: "SPECIAL_CATEGORY_CONDITION_INVALID",
  /** The purpose needs a case reference (a MASH triaging a referral) and none was given. */
  CASE_REFERENCE_REQUIRED: "CASE_REFERENCE_REQUIRED",
  /** The caller's role may not break glass, or not for this purpose. */
  BREAK_GLASS_NOT_PERMITTED: "BREAK_GLASS_NOT_PERMITTED",
  /** Break-glass without a substantial reason for the reviewer. */
  BREAK_GLASS_REASON_REQUIRED: "BREAK_GLASS_REASON_REQUIRED",
  /** Consent is needed and was never recorded, or was withdrawn. */
  CONSENT_NOT_GIVEN: "CONSENT_NOT_GIVEN",
  /** Consent is needed and the governing consent (a competent child's own, if any) is a refusal. */
  CONSENT_REFUSED: "CONSENT_REFUSED",
} as const;
export type AccessProblem = (typeof AccessProblem)[keyof typeof AccessProblem];
export const ACCESS_PROBLEMS = Object.values(AccessProblem);
