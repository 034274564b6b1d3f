import { MATCH_FIELDS } from "../identity/matching/comparisonVector";
import { levelWeight, type LevelParameters, type MatchWeights, type Score } from "../identity/matching/matchWeights";
import { CANDIDATE_COMPARISONS, NESTED_LEVELS, type CandidateComparison } from "../policy/CandidateComparison";
import { type Withholding } from "../policy/DisclosureDecision";
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

/**
 * The comparisons as the rule would report them to a searcher shown every detail it names: the most any
 * search may use a criterion by. A search refused before its searcher's comparisons are decided records
 * its criteria no finer than this (`criteriaDigests.ts`).
 */
export function comparisonsAnySearcherIsShown(rule: CandidateComparisonsRule): ComparisonsShown {
  return comparisonsShown(rule, [...rule.comparisons.values()].map(({ detail }) => detail));
}

/**
 * What the rule kept out of a searcher's `why`, as a disclosure's withheld fields are recorded (path,
 * reason, rule id): each comparison not reported to them, and each reported no finer than a level. A
 * first line is listed only when the search gave one (no other search compares it).
 */
export function whyWithheld(rule: CandidateComparisonsRule, shown: ComparisonsShown, firstLineGiven: boolean): Withholding[] {
  const withheld: Withholding[] = [];
  for (const comparison of CANDIDATE_COMPARISONS) {
    if (comparison === "address" && !firstLineGiven) continue;
    const finest = shown.get(comparison);
    if (!shown.has(comparison)) {
      withheld.push({ path: `why.${comparison}`, reason: "not reported: the policy shows you no candidate detail it speaks of", rule: rule.id });
    } else if (finest !== null && finest !== undefined && finest !== NESTED_LEVELS[comparison][0]) {
      withheld.push({ path: `why.${comparison}`, reason: `reported no finer than ${finest}: the policy shows you the candidate detail no finer`, rule: rule.id });
    }
  }
  return withheld;
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
