/**
 * What the hub found about a child's capacity to decide, when their own decision was recorded. Only a
 * competent child's decision governs over a parent's (src/consent/effectiveConsent.ts); any other is
 * the child's view, recorded and shown but not deciding.
 */
export const ChildCompetence = {
  /** 16 or over: presumed to have capacity (Mental Capacity Act 2005 s.1(2)). */
  PRESUMED: "PRESUMED",
  /** Under 16, assessed by the recorder as Gillick competent; the assessment is recorded. */
  ASSESSED_COMPETENT: "ASSESSED_COMPETENT",
  /** Under the manager-confirmation age, assessed competent and recorded by a confirming manager. */
  CONFIRMED_BY_MANAGER: "CONFIRMED_BY_MANAGER",
  /** Assessed as not competent (under 16) or as lacking capacity (16 or over); the assessment is recorded. */
  ASSESSED_NOT_COMPETENT: "ASSESSED_NOT_COMPETENT",
  /** Under 16 and not assessed: the child's view. */
  NOT_ASSESSED: "NOT_ASSESSED",
  /**
   * Decisions recorded before the age rules: marked competent under the manager-confirmation age with
   * no manager's confirmation. New ones are refused instead.
   */
  NOT_CONFIRMED: "NOT_CONFIRMED",
  /** Decisions recorded before the age rules, for a child with no date of birth. New ones are refused. */
  AGE_UNKNOWN: "AGE_UNKNOWN",
} as const;
export type ChildCompetence = (typeof ChildCompetence)[keyof typeof ChildCompetence];
export const CHILD_COMPETENCES = Object.values(ChildCompetence);

const COMPETENT: ReadonlySet<ChildCompetence> = new Set([ChildCompetence.PRESUMED, ChildCompetence.ASSESSED_COMPETENT, ChildCompetence.CONFIRMED_BY_MANAGER]);

/** Whether the child's own decision governs over a parent's. */
export function isCompetent(competence: ChildCompetence | null): boolean {
  return competence !== null && COMPETENT.has(competence);
}
