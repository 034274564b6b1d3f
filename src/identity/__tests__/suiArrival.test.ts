import { type ComparisonVector } from "../matching/comparisonVector";
import { MAX_REVIEW_CANDIDATES, type ScoredCandidate } from "../matching/decideLink";
import { proposeForSuiArrival } from "../suiArrival";

const THRESHOLDS = { autoLink: 22, review: 10, ambiguityMargin: 8 };
const AGREEING: ComparisonVector = { givenNames: "EXACT", familyName: "EXACT", dateOfBirth: "EXACT", postcode: "UNIT", sex: "SAME" };
const weights = { givenNames: 0, familyName: 0, dateOfBirth: 0, postcode: 0, sex: 0 };
const candidate = (childId: string, score: number): ScoredCandidate => ({ childId, score, levels: AGREEING, fieldWeights: weights });

describe("proposeForSuiArrival: which children awaiting an SUI a steward is asked about", () => {
  it("proposes every child at or above the review threshold, best first, and none below", () => {
    expect(proposeForSuiArrival([candidate("a", 9.99), candidate("b", 10), candidate("c", 14.5)], THRESHOLDS).map((c) => c.childId)).toEqual(["c", "b"]);
    expect(proposeForSuiArrival([candidate("a", 9.99)], THRESHOLDS)).toEqual([]);
  });

  it("proposes even a certain, unambiguous match: an SUI is never given to a child without a steward", () => {
    expect(proposeForSuiArrival([candidate("a", 40)], THRESHOLDS).map((c) => c.childId)).toEqual(["a"]);
  });

  it("shows a steward at most as many candidates as a review does", () => {
    const many = Array.from({ length: MAX_REVIEW_CANDIDATES + 2 }, (_, index) => candidate(`child-${index}`, 12 + index));
    const proposed = proposeForSuiArrival(many, THRESHOLDS);
    expect(proposed).toHaveLength(MAX_REVIEW_CANDIDATES);
    expect(proposed[0]?.childId).toBe(`child-${MAX_REVIEW_CANDIDATES + 1}`);
  });
});
