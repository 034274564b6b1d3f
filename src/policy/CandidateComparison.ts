/**
 * The comparisons a search candidate's `why` can report (`src/search/`): the identity matcher's fields
 * (`identity/matching/comparisonVector` MATCH_FIELDS) and `address`, an address's first line against
 * free address text. The policy says, per comparison, which candidate detail it tells the searcher
 * about (policies/search.yaml `candidateComparisons`).
 */
export const CANDIDATE_COMPARISONS = ["givenNames", "familyName", "dateOfBirth", "postcode", "sex", "address"] as const;
export type CandidateComparison = (typeof CANDIDATE_COMPARISONS)[number];

/**
 * The levels of a comparison that nest, finest first: agreeing at one implies agreeing at every later
 * one (a postcode's unit lies in its sector, district and area), so a finer agreement may truthfully be
 * reported as a coarser one. A comparison with no nesting levels is reported as compared, or not at all.
 */
export const NESTED_LEVELS: Readonly<Record<CandidateComparison, readonly string[]>> = {
  givenNames: [],
  familyName: [],
  dateOfBirth: [],
  postcode: ["UNIT", "SECTOR", "DISTRICT", "AREA"],
  sex: [],
  address: [],
};
