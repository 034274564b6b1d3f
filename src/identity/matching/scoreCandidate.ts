import { compareDates, compareFamilyNames, compareGivenNames, comparePostcodes, compareSex } from "./comparisonLevels";
import { MATCH_FIELDS, type ComparisonVector, type IdentityFacts, type MatchField } from "./comparisonVector";
import { levelWeight, type FieldWeights, type LevelParameters, type MatchWeights, type Score } from "./matchWeights";
import { type MatchProfile } from "./MatchProfile";

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
 * Scores an incoming identity against a child: each field at the level of the child's best-agreeing
 * known value (a child known under an old surname or address still matches on it).
 */
export function scoreCandidate(weights: MatchWeights, facts: IdentityFacts, profile: MatchProfile): Score {
  const given = best(weights, "givenNames", profile.givenNames, (value) => compareGivenNames(facts.givenNames, value));
  const family = best(weights, "familyName", profile.familyNames, (value) => compareFamilyNames(facts.familyName, value));
  const date = best(weights, "dateOfBirth", [profile.dateOfBirth], (value) => compareDates(facts.dateOfBirth, value));
  const postcode = best(weights, "postcode", profile.postcodes, (value) => comparePostcodes(facts.postcode, value));
  const sex = best(weights, "sex", [profile.sex], (value) => compareSex(facts.sex, value));
  const levels: ComparisonVector = { givenNames: given.level, familyName: family.level, dateOfBirth: date.level, postcode: postcode.level, sex: sex.level };
  const fieldWeights: FieldWeights = { givenNames: given.weight, familyName: family.weight, dateOfBirth: date.weight, postcode: postcode.weight, sex: sex.weight };
  let score = 0;
  for (const field of MATCH_FIELDS) score += fieldWeights[field];
  return { score, fieldWeights, levels };
}
