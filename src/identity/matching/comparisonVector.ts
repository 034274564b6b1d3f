import { compareDates, compareExpectedBirth, compareFamilyNames, compareGivenNames, comparePostcodes, compareSex, type DateLevel, type NameLevel, type PostcodeLevel, type SexLevel } from "./comparisonLevels";

/** The fields a record's identity is compared on, in the order weights and reports list them. */
export const MATCH_FIELDS = ["givenNames", "familyName", "dateOfBirth", "postcode", "sex"] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/**
 * The levels each field can agree at, strongest first. MISSING (no evidence on one side) is not listed:
 * it always weighs 0 and has no m or u of its own.
 */
export const FIELD_LEVELS = {
  givenNames: ["EXACT", "EQUIVALENT", "PHONETIC", "JARO_WINKLER_HIGH", "JARO_WINKLER_MID", "DIFFERENT"],
  familyName: ["EXACT", "PHONETIC", "JARO_WINKLER_HIGH", "JARO_WINKLER_MID", "DIFFERENT"],
  dateOfBirth: ["EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT", "ONE_DAY_APART", "SAME_MONTH_YEAR", "SAME_YEAR", "DIFFERENT"],
  postcode: ["UNIT", "SECTOR", "DISTRICT", "AREA", "DIFFERENT"],
  sex: ["SAME", "DIFFERENT"],
} as const satisfies Record<MatchField, readonly string[]>;

/** How alike two identities are, field by field: one comparison level per field. */
export interface ComparisonVector {
  givenNames: NameLevel;
  familyName: NameLevel;
  dateOfBirth: DateLevel;
  postcode: PostcodeLevel;
  sex: SexLevel;
}

/** An identity as the matcher sees it: what an agency reported, or one of a child's known versions. */
export interface IdentityFacts {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  /** A child not yet born: the expected date, compared with a known child's date of birth when there is no date of birth. */
  expectedDateOfBirth?: string | null;
  sex: string | null;
  postcode: string | null;
}

/** A record's date of birth against a child's; for a record with only an expected date, whether the child could be that baby. */
export function compareBirth(facts: Pick<IdentityFacts, "dateOfBirth" | "expectedDateOfBirth">, born: string | null): DateLevel {
  if (facts.dateOfBirth === null && facts.expectedDateOfBirth) return compareExpectedBirth(facts.expectedDateOfBirth, born);
  return compareDates(facts.dateOfBirth, born);
}

/**
 * A record's birth against a child's as the matcher knows it: the child's date of birth, or, for a child
 * not yet born, its expected date against the record's date of birth (`compareExpectedBirth`).
 */
export function compareBirthWith(facts: Pick<IdentityFacts, "dateOfBirth" | "expectedDateOfBirth">, child: { dateOfBirth: string | null; expectedDateOfBirth?: string | null }): DateLevel {
  if (child.dateOfBirth === null && child.expectedDateOfBirth && facts.dateOfBirth !== null) return compareExpectedBirth(child.expectedDateOfBirth, facts.dateOfBirth);
  return compareBirth(facts, child.dateOfBirth);
}

export function compareIdentities(a: IdentityFacts, b: IdentityFacts): ComparisonVector {
  return {
    givenNames: compareGivenNames(a.givenNames, b.givenNames),
    familyName: compareFamilyNames(a.familyName, b.familyName),
    dateOfBirth: compareBirth(a, b.dateOfBirth),
    postcode: comparePostcodes(a.postcode, b.postcode),
    sex: compareSex(a.sex, b.sex),
  };
}
