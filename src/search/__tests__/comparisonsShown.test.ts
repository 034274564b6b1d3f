import { defaultMatchWeights } from "../../identity/matching/defaultMatchWeights";
import { levelWeight, scoreComparison } from "../../identity/matching/matchWeights";
import { type CandidateComparisonsRule } from "../../policy/PolicySet";
import { comparisonsAnySearcherIsShown, comparisonsShown, shownScore, whyWithheld } from "../comparisonsShown";

const weights = defaultMatchWeights();
const rule: CandidateComparisonsRule = {
  id: "why-as-shown", description: "For tests.", source: { file: "search.yaml", line: 1 },
  comparisons: new Map([
    ["givenNames", { detail: "givenNames", finestLevel: null }],
    ["dateOfBirth", { detail: "dateOfBirth", finestLevel: null }],
    ["postcode", { detail: "addresses", finestLevel: "DISTRICT" }],
  ]),
};
const compared = (postcode: "UNIT" | "SECTOR" | "DISTRICT" | "AREA" | "DIFFERENT") =>
  scoreComparison(weights, { givenNames: "EXACT", familyName: "EXACT", dateOfBirth: "DAY_MONTH_SWAPPED", postcode, sex: "SAME" });

describe("a candidate's why, as far as the policy shows the searcher each detail", () => {
  const district = levelWeight(weights.fields.postcode.DISTRICT);

  it("reports a postcode agreeing finer than the district shown as DISTRICT, weighing what DISTRICT weighs", () => {
    const shown = comparisonsShown(rule, ["givenNames", "dateOfBirth", "addresses"]);
    for (const level of ["UNIT", "SECTOR", "DISTRICT"] as const) {
      const score = shownScore(weights, compared(level), shown);
      expect(score.why.find((why) => why.field === "postcode")).toEqual({ field: "postcode", level: "DISTRICT", weight: Math.round(district * 100) / 100 });
    }
    expect(shownScore(weights, compared("UNIT"), shown)).toEqual(shownScore(weights, compared("SECTOR"), shown));
    expect(shownScore(weights, compared("AREA"), shown).why).toContainEqual(expect.objectContaining({ field: "postcode", level: "AREA" }));
    expect(shownScore(weights, compared("DIFFERENT"), shown).why).toContainEqual(expect.objectContaining({ field: "postcode", level: "DIFFERENT" }));
  });

  it("leaves out, and weighs nothing for, a comparison whose detail is not shown or which the policy does not name", () => {
    const score = compared("UNIT");
    const shown = shownScore(weights, score, comparisonsShown(rule, ["givenNames", "dateOfBirth", "sex"]));
    expect(shown.why.map((why) => why.field)).toEqual(["givenNames", "dateOfBirth"]);
    expect(shown.score).toBeCloseTo(score.fieldWeights.givenNames + score.fieldWeights.dateOfBirth, 10);
  });

  it("lists, with the rule's id, each why withheld from the searcher or reported coarser, as a disclosure lists what it withheld", () => {
    const withheld = (disclosed: string[], firstLine = false) => whyWithheld(rule, comparisonsShown(rule, disclosed), firstLine).map(({ path, rule: id }) => `${path}:${id}`);
    expect(withheld(["givenNames", "dateOfBirth", "addresses"])).toEqual(["why.familyName:why-as-shown", "why.postcode:why-as-shown", "why.sex:why-as-shown"]);
    expect(withheld(["givenNames", "dateOfBirth"], true)).toEqual(["why.familyName:why-as-shown", "why.postcode:why-as-shown", "why.sex:why-as-shown", "why.address:why-as-shown"]);
    expect(whyWithheld(rule, comparisonsShown(rule, ["addresses"]), false).find(({ path }) => path === "why.postcode")?.reason).toMatch(/no finer than DISTRICT/);
    // The most any search is shown: every comparison the rule names, at its finest level.
    expect([...comparisonsAnySearcherIsShown(rule)]).toEqual([["givenNames", null], ["dateOfBirth", null], ["postcode", "DISTRICT"]]);
  });
});
