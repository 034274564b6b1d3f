import { type CandidateComparisonsRule } from "../../policy/PolicySet";
import { comparisonsShown } from "../comparisonsShown";
import { criteriaShown } from "../criteriaShown";
import { searchKeys } from "../findCandidates";
import { candidateQuery } from "../searchChildren";
import { type SearchCriteria } from "../SearchCriteria";
import { fieldsGiven } from "../criteriaDigests";

const rule = (postcode: { finestLevel: string | null } | null, address = false): CandidateComparisonsRule => ({
  id: "why-as-shown", description: "For tests.", source: { file: "search.yaml", line: 1 },
  comparisons: new Map([
    ["givenNames", { detail: "givenNames", finestLevel: null }],
    ["familyName", { detail: "familyName", finestLevel: null }],
    ["dateOfBirth", { detail: "dateOfBirth", finestLevel: null }],
    ...(postcode === null ? [] : [["postcode", { detail: "addresses", finestLevel: postcode.finestLevel }] as const]),
    ...(address ? [["address", { detail: "addresses", finestLevel: null }] as const] : []),
  ]),
});
const NOW = new Date("2026-12-01T00:00:00Z");
const usable = (criteria: SearchCriteria, shownRule: CandidateComparisonsRule, disclosed = ["givenNames", "familyName", "dateOfBirth", "addresses"]) =>
  criteriaShown(candidateQuery(criteria, NOW), fieldsGiven(criteria), comparisonsShown(shownRule, disclosed));
const keysOf = (result: ReturnType<typeof usable>) => ("query" in result ? searchKeys(result.query) : []);
const CHILD = { givenNames: "Perpetua", familyName: "Winterbourne", dateOfBirth: { exact: "2010-10-10" } };

describe("the criteria a searcher may search by: no finer than the policy shows them the detail", () => {
  it("finds by a postcode shown as its district only through the district: any postcode of the district gives the same keys", () => {
    const district = rule({ finestLevel: "DISTRICT" });
    const keys = keysOf(usable({ ...CHILD, postcode: "HP24 7SL" }, district));
    expect(keys.some((key) => key.includes("HP24 7SL"))).toBe(false);
    expect(keys).toContain("GY|PRPT|2010|HP24");
    expect(keys).toEqual(keysOf(usable({ ...CHILD, postcode: "HP24 2VR" }, district)));
  });

  it("finds by the unit where the policy shows the postcode as compared, and by no postcode key where it shows only the area", () => {
    expect(keysOf(usable({ ...CHILD, postcode: "HP24 7SL" }, rule({ finestLevel: null })))).toContain("DP|2010-10-10|HP24 7SL");
    expect(keysOf(usable({ ...CHILD, postcode: "HP24 7SL" }, rule({ finestLevel: "AREA" }))).some((key) => key.includes("HP24"))).toBe(false);
  });

  it("refuses a postcode, or address text, about a detail not shown at all", () => {
    expect(usable({ ...CHILD, postcode: "HP24 7SL" }, rule(null))).toEqual({ notShown: { field: "postcode" } });
    expect(usable({ ...CHILD, address: "7 Sorrel Lane, HP24 7SL" }, rule(null))).toEqual({ notShown: { field: "address" } });
    // The policy names the comparison, but does not disclose its detail to this searcher.
    expect(usable({ ...CHILD, postcode: "HP24 7SL" }, rule({ finestLevel: "DISTRICT" }), ["givenNames", "familyName", "dateOfBirth"])).toEqual({ notShown: { field: "postcode" } });
  });

  it("uses address text for what in it is shown: its postcode's district, its first line only where addresses are shown that finely", () => {
    const district = usable({ ...CHILD, address: "7 Sorrel Lane, HP24 7SL" }, rule({ finestLevel: "DISTRICT" }));
    expect("query" in district && district.query.address).toBeNull();
    expect(keysOf(district)).toEqual(keysOf(usable({ ...CHILD, postcode: "HP24 2VR" }, rule({ finestLevel: "DISTRICT" }))));
    expect(usable({ ...CHILD, address: "7 Sorrel Lane, Sampleton" }, rule({ finestLevel: "DISTRICT" }))).toEqual({ notShown: { field: "address" } });
    const line = usable({ ...CHILD, address: "7 Sorrel Lane, Sampleton" }, rule({ finestLevel: "DISTRICT" }, true));
    expect("query" in line && line.query.address).toEqual({ postcode: null, line: "7 sorrel lane sampleton" });
  });

  it("refuses address text beside a postcode given on its own when only its postcode would be shown: that postcode is searched, not the text's", () => {
    const old = { ...CHILD, postcode: "HP24 7SL", address: "2 Old Road, HP22 5QQ" };
    expect(usable(old, rule({ finestLevel: "DISTRICT" }))).toEqual({ notShown: { field: "address" } });
    // Its first line, where the policy shows addresses that finely, is still used.
    expect("query" in usable(old, rule({ finestLevel: "DISTRICT" }, true))).toBe(true);
  });
});
