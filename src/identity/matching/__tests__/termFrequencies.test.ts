import { type IdentityFacts } from "../comparisonVector";
import { type MatchProfile } from "../MatchProfile";
import { type MatchWeights } from "../matchWeights";
import { loadMatchWeights, DEFAULT_MATCH_WEIGHTS_PATH } from "../loadMatchWeights";
import { scoreCandidate, termFrequencyAdjustment } from "../scoreCandidate";
import { factsTerms, fieldTotalKey, profileTerms, TermFrequencies, termKey, termValue } from "../termFrequencies";

const WEIGHTS: MatchWeights = loadMatchWeights(DEFAULT_MATCH_WEIGHTS_PATH);
const CHILD: MatchProfile = { childId: "c", givenNames: ["Oliver James", "Ollie"], familyNames: ["Smith", "Smith-Ashford"], dateOfBirth: "2014-03-07", sex: "MALE", postcodes: ["HP20 1UA"] };
const RECORD: IdentityFacts = { givenNames: "Oliver James", familyName: "Smith", dateOfBirth: "2014-03-07", sex: "MALE", postcode: "HP20 1UA" };

/** A hub of 100,000 children: Smith common (1,800), Thornley rare (12). */
function hub(counts: Record<string, number>): TermFrequencies {
  return new TermFrequencies(new Map([[fieldTotalKey("givenNames"), 100_000], [fieldTotalKey("familyName"), 100_000], [fieldTotalKey("dateOfBirth"), 100_000], ...Object.entries(counts)]));
}

describe("term frequencies: what a child is counted under", () => {
  it("counts the first given name as written, the family name without punctuation, and the date of birth", () => {
    expect(termValue("givenNames", "Fredie James")).toBe("fredie");
    expect(termValue("familyName", "O'Brien-Smith")).toBe("obriensmith");
    expect(termValue("dateOfBirth", "2014-03-07")).toBe("2014-03-07");
    expect(termValue("dateOfBirth", null)).toBeNull();
  });

  it("counts each distinct value of a profile once, and the profile once per field it has a value for", () => {
    expect(profileTerms(CHILD).sort()).toEqual(["date:*", "date:2014-03-07", "family:*", "family:smith", "family:smithashford", "given:*", "given:oliver", "given:ollie"].sort());
    expect(profileTerms({ givenNames: ["Ava"], familyNames: [], dateOfBirth: null })).toEqual(["given:ava", "given:*"]);
    expect(factsTerms(RECORD)).toEqual(expect.arrayContaining(["given:oliver", "family:smith", "date:2014-03-07", "given:*", "family:*", "date:*"]));
  });
});

describe("term-frequency adjustment: a shared common value weighs less than a shared rare one", () => {
  const frequencies = hub({ [termKey("familyName", "smith")]: 1_800, [termKey("familyName", "thornley")]: 12, [termKey("givenNames", "oliver")]: 1_200, [termKey("dateOfBirth", "2014-03-07")]: 15 });

  it("lowers an exact common surname and raises an exact rare one, never above the field's minimum u", () => {
    const smith = termFrequencyAdjustment(WEIGHTS, frequencies, "familyName", "Smith");
    const thornley = termFrequencyAdjustment(WEIGHTS, frequencies, "familyName", "Thornley");
    expect(smith).toBeCloseTo(Math.log2(WEIGHTS.fields.familyName.EXACT.u / 0.018), 6);
    expect(smith).toBeLessThan(0);
    expect(thornley).toBeCloseTo(Math.log2(WEIGHTS.fields.familyName.EXACT.u / WEIGHTS.termFrequency.fields.familyName.minimumU), 6);
    expect(thornley).toBeGreaterThan(0);
  });

  it("scales by the field's weight, and makes no adjustment with weight 0", () => {
    const half: MatchWeights = { ...WEIGHTS, termFrequency: { ...WEIGHTS.termFrequency, fields: { ...WEIGHTS.termFrequency.fields, familyName: { ...WEIGHTS.termFrequency.fields.familyName, weight: 0.5 } } } };
    expect(termFrequencyAdjustment(half, frequencies, "familyName", "Smith")).toBeCloseTo(termFrequencyAdjustment(WEIGHTS, frequencies, "familyName", "Smith") / 2, 6);
    const off: MatchWeights = { ...half, termFrequency: { ...half.termFrequency, fields: { ...half.termFrequency.fields, familyName: { weight: 0, minimumU: 0.001 } } } };
    expect(termFrequencyAdjustment(off, frequencies, "familyName", "Smith")).toBe(0);
  });

  it("makes none in a hub with fewer children than the minimum, or for a value nobody holds", () => {
    const small = new TermFrequencies(new Map([[fieldTotalKey("familyName"), WEIGHTS.termFrequency.minimumChildren - 1], [termKey("familyName", "smith"), 500]]));
    expect(termFrequencyAdjustment(WEIGHTS, small, "familyName", "Smith")).toBe(0);
    expect(termFrequencyAdjustment(WEIGHTS, frequencies, "familyName", "Quillfeather")).toBe(0);
  });

  it("adjusts only exact agreement, in the field's weight and the score", () => {
    const plain = scoreCandidate(WEIGHTS, RECORD, CHILD);
    const adjusted = scoreCandidate(WEIGHTS, RECORD, CHILD, frequencies);
    const family = termFrequencyAdjustment(WEIGHTS, frequencies, "familyName", "Smith");
    const given = termFrequencyAdjustment(WEIGHTS, frequencies, "givenNames", "Oliver James");
    const date = termFrequencyAdjustment(WEIGHTS, frequencies, "dateOfBirth", "2014-03-07");
    expect(adjusted.fieldWeights.familyName).toBeCloseTo(plain.fieldWeights.familyName + family, 6);
    expect(adjusted.fieldWeights.givenNames).toBeCloseTo(plain.fieldWeights.givenNames + given, 6);
    expect(adjusted.fieldWeights.dateOfBirth).toBeCloseTo(plain.fieldWeights.dateOfBirth + date, 6);
    expect(adjusted.score).toBeCloseTo(plain.score + family + given + date, 6);
    // A typo is no exact agreement: its level's weight stands as it is.
    const typo = scoreCandidate(WEIGHTS, { ...RECORD, familyName: "Smiht" }, CHILD, frequencies);
    expect(typo.fieldWeights.familyName).toBeCloseTo(scoreCandidate(WEIGHTS, { ...RECORD, familyName: "Smiht" }, CHILD).fieldWeights.familyName, 6);
  });
});
