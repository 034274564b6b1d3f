import { decideLink, MAX_REVIEW_CANDIDATES, type ScoredCandidate } from "../decideLink";
import { type ComparisonVector } from "../comparisonVector";

const THRESHOLDS = { autoLink: 22, review: 10, ambiguityMargin: 8 };
const AGREEING: ComparisonVector = { givenNames: "EXACT", familyName: "EXACT", dateOfBirth: "EXACT", postcode: "UNIT", sex: "SAME" };
const weights = { givenNames: 0, familyName: 0, dateOfBirth: 0, postcode: 0, sex: 0 };

function candidate(childId: string, score: number, levels: Partial<ComparisonVector> = {}): ScoredCandidate {
  return { childId, score, levels: { ...AGREEING, ...levels }, fieldWeights: weights };
}

describe("decideLink: the three bands", () => {
  it("auto-links a single candidate at or above the upper threshold", () => {
    const decision = decideLink([candidate("a", 22)], THRESHOLDS);
    expect(decision).toMatchObject({ band: "AUTO_LINK", rule: "above-auto-link-threshold" });
    expect(decision.chosen?.childId).toBe("a");
  });

  it("opens a review between the thresholds, including the lower threshold itself", () => {
    expect(decideLink([candidate("a", 21.99)], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "between-thresholds" });
    expect(decideLink([candidate("a", 10)], THRESHOLDS).band).toBe("REVIEW");
  });

  it("starts a new child below the lower threshold, or with no candidate at all", () => {
    expect(decideLink([candidate("a", 9.99)], THRESHOLDS)).toMatchObject({ band: "NEW_CHILD", chosen: null, reviewCandidates: [] });
    expect(decideLink([], THRESHOLDS).band).toBe("NEW_CHILD");
  });

  it("never auto-links a record that matches two children strongly: both go to review", () => {
    const decision = decideLink([candidate("a", 30), candidate("b", 25)], THRESHOLDS);
    expect(decision).toMatchObject({ band: "REVIEW", rule: "ambiguous-candidates" });
    expect(decision.reviewCandidates.map((c) => c.childId)).toEqual(["a", "b"]);
  });

  it("auto-links the best when it beats the second by the margin", () => {
    expect(decideLink([candidate("b", 21.9), candidate("a", 30)], THRESHOLDS).chosen?.childId).toBe("a");
  });

  it("never auto-links when the given names disagree, whatever the score (twins)", () => {
    expect(decideLink([candidate("twin", 40, { givenNames: "DIFFERENT" })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "given-names-disagree" });
    expect(decideLink([candidate("twin", 40, { givenNames: "MISSING" })], THRESHOLDS).band).toBe("REVIEW");
    expect(decideLink([candidate("a", 40, { givenNames: "JARO_WINKLER_MID", dateOfBirth: "ONE_DIGIT" })], THRESHOLDS).band).toBe("AUTO_LINK");
  });

  it("never auto-links a same-birthday record whose given name is merely alike: it could be the twin the hub does not know", () => {
    for (const givenNames of ["PHONETIC", "JARO_WINKLER_HIGH", "JARO_WINKLER_MID"] as const) {
      expect(decideLink([candidate("twin", 40, { givenNames })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "possible-twin" });
      expect(decideLink([candidate("twin", 40, { givenNames, dateOfBirth: "DAY_MONTH_SWAPPED" })], THRESHOLDS).band).toBe("REVIEW");
      expect(decideLink([candidate("a", 40, { givenNames, dateOfBirth: "ONE_DIGIT" })], THRESHOLDS).band).toBe("AUTO_LINK");
    }
    expect(decideLink([candidate("a", 40, { givenNames: "EQUIVALENT" })], THRESHOLDS).band).toBe("AUTO_LINK");
  });

  it("never auto-links across a disagreeing sex", () => {
    expect(decideLink([candidate("sibling", 40, { sex: "DIFFERENT" })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "sex-disagrees" });
    expect(decideLink([candidate("a", 40, { sex: "MISSING" })], THRESHOLDS).band).toBe("AUTO_LINK");
  });

  it("offers a steward at most the best few candidates, best first, ignoring those below the review threshold", () => {
    const many = Array.from({ length: 8 }, (_, i) => candidate(`c${i}`, 12 + i));
    const decision = decideLink([...many, candidate("weak", 3)], THRESHOLDS);
    expect(decision.reviewCandidates).toHaveLength(MAX_REVIEW_CANDIDATES);
    expect(decision.reviewCandidates[0]?.childId).toBe("c7");
    expect(decision.reviewCandidates.map((c) => c.childId)).not.toContain("weak");
  });
});
