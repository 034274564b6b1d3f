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

/** A steward sees at most this many candidates for one record. */
export const MAX_REVIEW_CANDIDATES = 5;

/**
 * The three bands (HUB.md §8), with two guards on the upper one:
 * - a record that matches two children strongly is ambiguous: the best must beat the second by the
 *   ambiguity margin, or a steward decides;
 * - given names must agree at some level: twins share a family name, a date of birth and an address,
 *   and differ only there, so a disagreeing given name never links automatically, whatever the score.
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
  return { band: LinkBand.AUTO_LINK, chosen: best, reviewCandidates: [], rule: "above-auto-link-threshold" };
}
