import { type LinkThresholds, type Score } from "./matchWeights";

export const LinkBand = {
  /** Above the upper threshold, unambiguous, given names agreeing: linked without a person. */
  AUTO_LINK: "AUTO_LINK",
  /** Between the thresholds, or ambiguous: a data steward decides. */
  REVIEW: "REVIEW",
  /** Below the lower threshold for every candidate: a new child, awaiting an SUI. */
  NEW_CHILD: "NEW_CHILD",
} as const;
export type LinkBand = (typeof LinkBand)[keyof typeof LinkBand];

export interface ScoredCandidate extends Score {
  childId: string;
}

export interface LinkDecision {
  band: LinkBand;
  /** AUTO_LINK: the child linked. */
  chosen: ScoredCandidate | null;
  /** REVIEW: the candidates a steward is asked about, best first. */
  reviewCandidates: ScoredCandidate[];
  /** Which rule decided, for the link history. */
  rule: string;
}

/** A date of birth a twin shares. */
const TWIN_DATES: ReadonlySet<string> = new Set(["EXACT", "DAY_MONTH_SWAPPED"]);
/** Given names that are the same name, not merely alike: exactly, or as a known short form. */
const SAME_GIVEN_NAME: ReadonlySet<string> = new Set(["EXACT", "EQUIVALENT"]);

/** A steward sees at most this many candidates for one record. */
export const MAX_REVIEW_CANDIDATES = 5;

/**
 * The three bands (HUB.md §8), with guards on the upper one that send a strong score to a person:
 * - a record that matches two children strongly is ambiguous: the best must beat the second by the
 *   ambiguity margin;
 * - twins share a family name, a date of birth and an address and differ only in their given names,
 *   and the hub may know only one of them: so given names must agree at some level, and when the date
 *   of birth is the same, the given name must be the same name (exactly, or a known short form) — a
 *   name merely alike ("Jon" and "Joan") could be the other twin;
 * - a disagreeing sex is a sibling or a twin more often than a clerical slip.
 */
export function decideLink(candidates: ScoredCandidate[], thresholds: LinkThresholds): LinkDecision {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.childId.localeCompare(b.childId));
  const plausible = ranked.filter((candidate) => candidate.score >= thresholds.review);
  const best = plausible[0];
  if (best === undefined) return { band: LinkBand.NEW_CHILD, chosen: null, reviewCandidates: [], rule: "below-review-threshold" };
  const review = (rule: string): LinkDecision => ({ band: LinkBand.REVIEW, chosen: null, reviewCandidates: plausible.slice(0, MAX_REVIEW_CANDIDATES), rule });
  if (best.score < thresholds.autoLink) return review("between-thresholds");
  const second = plausible[1];
  if (second !== undefined && best.score - second.score < thresholds.ambiguityMargin) return review("ambiguous-candidates");
  if (best.levels.givenNames === "DIFFERENT" || best.levels.givenNames === "MISSING") return review("given-names-disagree");
  if (TWIN_DATES.has(best.levels.dateOfBirth) && !SAME_GIVEN_NAME.has(best.levels.givenNames)) return review("possible-twin");
  if (best.levels.sex === "DIFFERENT") return review("sex-disagrees");
  return { band: LinkBand.AUTO_LINK, chosen: best, reviewCandidates: [], rule: "above-auto-link-threshold" };
}
