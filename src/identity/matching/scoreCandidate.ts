import { compareFamilyNames, compareGivenNames, comparePostcodes, compareSex } from "./comparisonLevels";
import { compareBirthWith, MATCH_FIELDS, type ComparisonVector, type IdentityFacts, type MatchField } from "./comparisonVector";
import { levelWeight, type FieldWeights, type LevelParameters, type MatchWeights, type Score } from "./matchWeights";
import { type MatchProfile } from "./MatchProfile";
import { termValue, TermFrequencies, type TermField } from "./termFrequencies";

function weightOf(weights: MatchWeights, field: MatchField, level: string): number {
  if (level === "MISSING") return 0;
  const parameters = (weights.fields[field] as Record<string, LevelParameters | undefined>)[level];
  return parameters === undefined ? 0 : levelWeight(parameters);
}

/** The level of `values` that weighs most against `compare`: a child's best-agreeing name or address counts. */
function best<L extends string>(weights: MatchWeights, field: MatchField, values: readonly (string | null)[], compare: (value: string | null) => L): { level: L; weight: number } {
  let chosen: { level: L; weight: number } | null = null;
  for (const value of values.length === 0 ? [null] : values) {
    const level = compare(value);
    const weight = weightOf(weights, field, level);
    if (chosen === null || weight > chosen.weight) chosen = { level, weight };
  }
  return chosen as { level: L; weight: number };
}

/**
 * The term-frequency adjustment of an exact agreement on `raw` (`TermFrequencySettings`): log2 of the
 * EXACT level's u over the value's share of the children, floored at the field's minimum u, times the
 * field's weight. Nothing while the hub holds too few children for a share to mean anything.
 */
export function termFrequencyAdjustment(weights: MatchWeights, frequencies: TermFrequencies, field: TermField, raw: string | null): number {
  const settings = weights.termFrequency.fields[field];
  const total = frequencies.total(field);
  const value = termValue(field, raw);
  if (settings.weight === 0 || value === null || total < weights.termFrequency.minimumChildren) return 0;
  const children = frequencies.children(field, value);
  if (children === 0) return 0;
  const share = Math.max(children / total, settings.minimumU);
  return settings.weight * Math.log2(weights.fields[field].EXACT.u / share);
}

/**
 * Scores an incoming identity against a child: each field at the level of the child's best-agreeing
 * known value (a child known under an old surname or address still matches on it); an exact agreement
 * on a given name, family name or date of birth adjusted by how common the value is.
 */
export function scoreCandidate(weights: MatchWeights, facts: IdentityFacts, profile: MatchProfile, frequencies: TermFrequencies = TermFrequencies.NONE): Score {
  const given = best(weights, "givenNames", profile.givenNames, (value) => compareGivenNames(facts.givenNames, value));
  const family = best(weights, "familyName", profile.familyNames, (value) => compareFamilyNames(facts.familyName, value));
  const date = best(weights, "dateOfBirth", [profile.dateOfBirth], (value) => compareBirthWith(facts, { dateOfBirth: value, expectedDateOfBirth: profile.expectedDateOfBirth }));
  const postcode = best(weights, "postcode", profile.postcodes, (value) => comparePostcodes(facts.postcode, value));
  const sex = best(weights, "sex", [profile.sex], (value) => compareSex(facts.sex, value));
  const levels: ComparisonVector = { givenNames: given.level, familyName: family.level, dateOfBirth: date.level, postcode: postcode.level, sex: sex.level };
  const exact = (level: string, field: TermField, raw: string | null) => (level === "EXACT" ? termFrequencyAdjustment(weights, frequencies, field, raw) : 0);
  const fieldWeights: FieldWeights = {
    givenNames: given.weight + exact(given.level, "givenNames", facts.givenNames),
    familyName: family.weight + exact(family.level, "familyName", facts.familyName),
    dateOfBirth: date.weight + exact(date.level, "dateOfBirth", facts.dateOfBirth),
    postcode: postcode.weight,
    sex: sex.weight,
  };
  let score = 0;
  for (const field of MATCH_FIELDS) score += fieldWeights[field];
  return { score, fieldWeights, levels };
}
