import { MATCH_FIELDS } from "../identity/matching/comparisonVector";
import { levelWeight, type LevelParameters, type MatchWeights, type Score } from "../identity/matching/matchWeights";
import { NESTED_LEVELS, type CandidateComparison } from "../policy/CandidateComparison";
import { type CandidateComparisonsRule } from "../policy/PolicySet";
import { type FieldAgreement } from "./SearchResult";

/** The comparisons a searcher's `why` reports, each with the finest level it is reported at (null: as compared). */
export type ComparisonsShown = ReadonlyMap<CandidateComparison, string | null>;

/**
 * The comparisons of `policies/search.yaml` `candidateComparisons` whose candidate detail the policy
 * discloses to this searcher (`disclosed`: the CHILD fields decided for them under SEARCH_CANDIDATE). A
 * level is a statement about the candidate: a searcher not shown the detail is told nothing of it.
 */
export function comparisonsShown(rule: CandidateComparisonsRule, disclosed: readonly string[]): ComparisonsShown {
  const shown = new Map<CandidateComparison, string | null>();
  for (const [comparison, { detail, finestLevel }] of rule.comparisons) if (disclosed.includes(detail)) shown.set(comparison, finestLevel);
  return shown;
}

/** The level reported for `level` when no finer than `finest` may be: a nested finer agreement is reported as `finest`. */
function reportedLevel(comparison: CandidateComparison, level: string, finest: string | null): string {
  if (finest === null) return level;
  const nested = NESTED_LEVELS[comparison];
  const at = nested.indexOf(level);
  return at !== -1 && at < nested.indexOf(finest) ? finest : level;
}

/** A candidate's score as the searcher may be told it: the sum of the `why` it is given, nothing more. */
export interface ShownScore {
  score: number;
  why: FieldAgreement[];
}

/**
 * The matcher's score of a candidate re-told in what the searcher may learn: a comparison not shown to
 * them weighs nothing, and one reported at a coarser level than compared weighs what that level weighs
 * (a postcode agreeing at UNIT, for a searcher shown the district, scores as DISTRICT). The search ranks
 * and bounds candidates by this score, so the order of the answer says no more than its `why` does.
 */
export function shownScore(weights: MatchWeights, score: Score, shown: ComparisonsShown): ShownScore {
  const why: FieldAgreement[] = [];
  let total = 0;
  for (const field of MATCH_FIELDS) {
    if (!shown.has(field)) continue;
    const compared = score.levels[field];
    const level = reportedLevel(field, compared, shown.get(field) ?? null);
    const weight = level === compared ? score.fieldWeights[field] : levelWeight((weights.fields[field] as Record<string, LevelParameters>)[level]);
    why.push({ field, level, weight: Math.round(weight * 100) / 100 });
    total += weight;
  }
  return { score: total, why };
}
