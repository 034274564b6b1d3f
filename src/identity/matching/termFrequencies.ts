import { type IdentityFacts } from "./comparisonVector";
import { type MatchProfile } from "./MatchProfile";
import { firstGivenName, normaliseName } from "./normaliseName";

/** The fields whose exact agreement is weighed by how common the shared value is. */
export const TERM_FIELDS = ["givenNames", "familyName", "dateOfBirth"] as const;
export type TermField = (typeof TERM_FIELDS)[number];

const PREFIX: Record<TermField, string> = { givenNames: "given", familyName: "family", dateOfBirth: "date" };
/** Normalised names hold only a–z, 0–9 and spaces, and dates only digits and hyphens: `*` is no value. */
const ALL = "*";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The value a field is counted under: the first given name (as normalised, a hyphenated one whole, not
 * its formal form: "Fredie" and "Freddie" are counted apart, which is how a slip is told from a name),
 * the family name without spaces or punctuation, the date of birth. Null when there is none.
 */
export function termValue(field: TermField, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (field === "givenNames") return firstGivenName(raw);
  if (field === "familyName") return normaliseName(raw).replace(/ /g, "") || null;
  return ISO_DATE.test(raw) ? raw : null;
}

export function termKey(field: TermField, value: string): string {
  return `${PREFIX[field]}:${value}`;
}

/** The key under which the number of children with any value of the field is kept. */
export function fieldTotalKey(field: TermField): string {
  return termKey(field, ALL);
}

/** The terms a child's profile is counted under: each distinct value, and each field it has a value for. */
export function profileTerms(profile: Pick<MatchProfile, "givenNames" | "familyNames" | "dateOfBirth">): string[] {
  const terms = new Set<string>();
  const add = (field: TermField, raws: readonly (string | null)[]) => {
    const values = raws.map((raw) => termValue(field, raw)).filter((value) => value !== null);
    for (const value of values) terms.add(termKey(field, value));
    if (values.length > 0) terms.add(fieldTotalKey(field));
  };
  add("givenNames", profile.givenNames);
  add("familyName", profile.familyNames);
  add("dateOfBirth", [profile.dateOfBirth]);
  return [...terms];
}

/** The terms of a child's first given names. */
export function firstGivenNameTerms(profile: Pick<MatchProfile, "givenNames">): string[] {
  return profile.givenNames.map((raw) => termValue("givenNames", raw)).filter((value) => value !== null).map((value) => termKey("givenNames", value));
}

/** The terms an incoming record's values are looked up under, with the fields' totals. */
export function factsTerms(facts: IdentityFacts): string[] {
  const terms: string[] = TERM_FIELDS.map(fieldTotalKey);
  const values: [TermField, string | null][] = [["givenNames", termValue("givenNames", facts.givenNames)], ["familyName", termValue("familyName", facts.familyName)], ["dateOfBirth", termValue("dateOfBirth", facts.dateOfBirth)]];
  for (const [field, value] of values) if (value !== null) terms.push(termKey(field, value));
  return terms;
}

/** How many children hold each value: a snapshot of `child_match_term` for the terms a batch needs. */
export class TermFrequencies {
  static readonly NONE = new TermFrequencies(new Map());

  constructor(private readonly counts: ReadonlyMap<string, number>) {}

  /** Children whose profile holds this value of the field (0 when unknown). */
  children(field: TermField, value: string): number {
    return this.counts.get(termKey(field, value)) ?? 0;
  }

  /** Children with any value of the field. */
  total(field: TermField): number {
    return this.counts.get(fieldTotalKey(field)) ?? 0;
  }
}
