import { type ComparisonVector } from "./comparisonVector";
import { type LinkThresholds, type Score } from "./matchWeights";
import { type TwinEvidence } from "./twinEvidence";

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
  /** What says whether the record could be about this child's twin; none known when absent. */
  twin?: TwinEvidence;
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

/**
 * Dates of birth a record about this child's twin could give: the same, or the same as a slip of the pen
 * makes it (swapped, one digit out, a day out), or none.
 */
const TWIN_DATES: ReadonlySet<string> = new Set(["EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT", "ONE_DAY_APART", "SAME_MONTH_YEAR", "MISSING"]);
/** Dates of birth a sibling's gives: a year or more apart. */
const SIBLING_DATES: ReadonlySet<string> = new Set(["SAME_YEAR", "DIFFERENT"]);
/** Given names alike but not the same name: a slip of one name, or two names a spelling apart. */
const ALIKE_GIVEN_NAME: ReadonlySet<string> = new Set(["PHONETIC", "JARO_WINKLER_HIGH", "JARO_WINKLER_MID"]);

/** A steward sees at most this many candidates for one record. */
export const MAX_REVIEW_CANDIDATES = 5;

const NO_TWIN_EVIDENCE: TwinEvidence = { siblingKnown: false, sameFirstName: false, spellingSlip: false };

/** Whether a record at these levels could be about the candidate's twin: a given name only alike, a date of birth a twin could give. */
export function twinQuestion(levels: ComparisonVector): boolean {
  return ALIKE_GIVEN_NAME.has(levels.givenNames) && TWIN_DATES.has(levels.dateOfBirth);
}

/**
 * The three bands (HUB.md §8), with guards on the upper one that send a strong score to a person:
 * - a record that matches two children strongly is ambiguous: the best must beat the second by the
 *   ambiguity margin;
 * - the given names must agree at some level;
 * - twins share a family name, a date of birth and an address and differ only in their given names,
 *   and the hub may know only one of them. A given name merely alike the child's ("Eva" and "Ava"),
 *   with a date of birth a twin could give, goes to a person when the evidence makes a twin plausible:
 *   the hub knows a sibling born the same day in the same family or at the same address, or the two
 *   first names are both names in use rather than a slip of one of them. The same first name with
 *   another middle name, or a rare misspelling of a common name with no twin known, is linked;
 * - a sibling shares a family name and an address and is born a year or more apart: with such a date of
 *   birth the given name must be exactly the child's (a short form could be a brother's name);
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
  const { givenNames, dateOfBirth } = best.levels;
  if (givenNames === "DIFFERENT" || givenNames === "MISSING") return review("given-names-disagree");
  const twin = best.twin ?? NO_TWIN_EVIDENCE;
  if (twinQuestion(best.levels) && !twin.sameFirstName) {
    if (twin.siblingKnown) return review("possible-twin-sibling-known");
    if (!twin.spellingSlip) return review("possible-twin");
  }
  if (SIBLING_DATES.has(dateOfBirth) && givenNames !== "EXACT") return review("possible-sibling");
  if (best.levels.sex === "DIFFERENT") return review("sex-disagrees");
  return { band: LinkBand.AUTO_LINK, chosen: best, reviewCandidates: [], rule: "above-auto-link-threshold" };
}
