import { decideLink, MAX_REVIEW_CANDIDATES, type ScoredCandidate } from "../decideLink";
import { type ComparisonVector } from "../comparisonVector";
import { type TwinEvidence } from "../twinEvidence";

const THRESHOLDS = { autoLink: 22, review: 10, ambiguityMargin: 8 };
const AGREEING: ComparisonVector = { givenNames: "EXACT", familyName: "EXACT", dateOfBirth: "EXACT", postcode: "UNIT", sex: "SAME" };
const weights = { givenNames: 0, familyName: 0, dateOfBirth: 0, postcode: 0, sex: 0 };

function candidate(childId: string, score: number, levels: Partial<ComparisonVector> = {}, twin?: Partial<TwinEvidence>): ScoredCandidate {
  return { childId, score, levels: { ...AGREEING, ...levels }, fieldWeights: weights, ...(twin === undefined ? {} : { twin: { siblingKnown: false, sameFirstName: false, spellingSlip: false, ...twin } }) };
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
    expect(decideLink([candidate("a", 40, { givenNames: "JARO_WINKLER_MID", dateOfBirth: "ONE_DIGIT" }, { spellingSlip: true })], THRESHOLDS).band).toBe("AUTO_LINK");
  });

  const ALIKE = ["PHONETIC", "JARO_WINKLER_HIGH", "JARO_WINKLER_MID"] as const;
  const TWIN_DATES = ["EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT", "ONE_DAY_APART", "SAME_MONTH_YEAR", "MISSING"] as const;

  it("never auto-links a record whose given name is merely alike, with a date a twin could give, when nothing says it is a slip: it could be the twin the hub does not know", () => {
    for (const givenNames of ALIKE) {
      for (const dateOfBirth of TWIN_DATES) {
        expect(decideLink([candidate("twin", 40, { givenNames, dateOfBirth })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "possible-twin" });
        // Two names in use a spelling apart (Eva beside Ava): no slip, so a person decides.
        expect(decideLink([candidate("twin", 40, { givenNames, dateOfBirth }, { spellingSlip: false })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "possible-twin" });
      }
    }
    expect(decideLink([candidate("a", 40, { givenNames: "EQUIVALENT" })], THRESHOLDS).band).toBe("AUTO_LINK");
  });

  it("auto-links a spelling slip of the child's name, or another middle name, when no same-birthday sibling is known", () => {
    for (const givenNames of ALIKE) {
      for (const dateOfBirth of TWIN_DATES) {
        expect(decideLink([candidate("a", 40, { givenNames, dateOfBirth }, { spellingSlip: true })], THRESHOLDS)).toMatchObject({ band: "AUTO_LINK", rule: "above-auto-link-threshold" });
        expect(decideLink([candidate("a", 40, { givenNames, dateOfBirth }, { sameFirstName: true })], THRESHOLDS).band).toBe("AUTO_LINK");
      }
    }
  });

  it("never auto-links a record to a child whose same-birthday sibling the hub knows, unless the given name is the child's", () => {
    for (const givenNames of ALIKE) {
      for (const dateOfBirth of TWIN_DATES) {
        expect(decideLink([candidate("twin", 40, { givenNames, dateOfBirth }, { siblingKnown: true, spellingSlip: true })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "possible-twin-sibling-known" });
      }
    }
    expect(decideLink([candidate("twin", 40, { givenNames: "EXACT" }, { siblingKnown: true })], THRESHOLDS).band).toBe("AUTO_LINK");
    expect(decideLink([candidate("twin", 40, { givenNames: "EQUIVALENT" }, { siblingKnown: true })], THRESHOLDS).band).toBe("AUTO_LINK");
    // The first given name is the child's and only a middle name differs: a twin never shares it.
    expect(decideLink([candidate("twin", 40, { givenNames: "PHONETIC" }, { siblingKnown: true, sameFirstName: true })], THRESHOLDS).band).toBe("AUTO_LINK");
  });

  it("never auto-links a record born a year or more from the child unless the given name is exactly the child's: it could be a sibling", () => {
    for (const dateOfBirth of ["SAME_YEAR", "DIFFERENT"] as const) {
      expect(decideLink([candidate("sibling", 40, { givenNames: "EQUIVALENT", dateOfBirth })], THRESHOLDS)).toMatchObject({ band: "REVIEW", rule: "possible-sibling" });
      expect(decideLink([candidate("sibling", 40, { givenNames: "JARO_WINKLER_HIGH", dateOfBirth }, { spellingSlip: true })], THRESHOLDS).band).toBe("REVIEW");
      expect(decideLink([candidate("a", 40, { dateOfBirth })], THRESHOLDS).band).toBe("AUTO_LINK");
    }
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
