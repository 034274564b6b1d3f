import { type ChildCompetenceRule } from "../policy/PolicySet";
import { childAgeOn } from "./childAgeOn";

/** Whose decisions can govern consent about a child on a given day (DOMAIN rule 3). */
export const ConsentDeciders = {
  /** Under the age of presumed capacity: a competent child's own decision, otherwise one person with parental responsibility. */
  CHILD_OR_PARENT: "CHILD_OR_PARENT",
  /** At or over it: the young person's own decision alone; a parent cannot consent for them. */
  YOUNG_PERSON: "YOUNG_PERSON",
} as const;
export type ConsentDeciders = (typeof ConsentDeciders)[keyof typeof ConsentDeciders];

/**
 * Who decides for this child today. A young person of `presumedCompetentFromAge` (policies/consent.yaml)
 * or over is presumed to have capacity (Mental Capacity Act 2005 s.1(2)), and a person with parental
 * responsibility cannot consent in their place; below it a parent may, unless the child decides for
 * themself (Gillick). The age is the child's today, from the date of birth the hub holds for the child
 * (not the one any caller may see); an unborn child (only an expected date) is below every age. A child
 * of no known age is given no parent's decision — consent-based sharing is default deny — though the
 * database holds every child with a date of birth or an expected one.
 */
export function consentDeciders(rule: Pick<ChildCompetenceRule, "presumedCompetentFromAge">, child: { dateOfBirth: string | null; expectedDateOfBirth: string | null }, at: Date): ConsentDeciders {
  if (child.dateOfBirth === null) return child.expectedDateOfBirth === null ? ConsentDeciders.YOUNG_PERSON : ConsentDeciders.CHILD_OR_PARENT;
  return childAgeOn(child.dateOfBirth, at) >= rule.presumedCompetentFromAge ? ConsentDeciders.YOUNG_PERSON : ConsentDeciders.CHILD_OR_PARENT;
}
