import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { PolicyError } from "../../policy/PolicyError";
import { loadSubjectAccessPolicySuites } from "../loadSubjectAccessPolicySuites";

const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));

const SUITE = `records:
  school:
    recordType: EDUCATION
    fields: [rollStatus]
disclosures:
  read:
    recipient: SCH-1
    carried: [school.rollStatus]
cases:
  - name: a parent
    requester: PERSON_WITH_PARENTAL_RESPONSIBILITY
    expect:
      school: INCLUDED
      school.rollStatus: INCLUDED
      read: INCLUDED
`;

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "hub-sar-suites-"));
  writeFileSync(join(dir, "one.test.yaml"), text);
  return loadSubjectAccessPolicySuites(dir, policy);
}

function problemOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    if (error instanceof PolicyError) return error.message;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("subject access policy suites are read strictly", () => {
  test("a valid suite: every item of the fixture, by its key", () => {
    const [suite] = load(SUITE);
    expect(Object.keys(suite?.cases[0]?.expected ?? {})).toEqual(["school", "school.rollStatus", "read"]);
    expect(suite?.cases[0]?.items.get("school.rollStatus")).toBe("education[school].rollStatus");
  });

  test.each([
    ["an item the case says nothing of", SUITE.replace("      read: INCLUDED\n", ""), 'the case says nothing of "read"'],
    ["an unknown fixture key", SUITE.replace("      read: INCLUDED", "      reed: INCLUDED"), 'unknown fixture item "reed"'],
    ["WITHHELD without its exemptions", SUITE.replace("      read: INCLUDED", "      read: WITHHELD"), "WITHHELD and REVIEW_REQUIRED name their exemptions"],
    ["an exemption the policy does not have", SUITE.replace("      read: INCLUDED", "      read: { WITHHELD: [sar-nosy-neighbour] }"), 'unknown exemption "sar-nosy-neighbour"'],
    ["a field the record type does not have", SUITE.replace("fields: [rollStatus]", "fields: [rollStatus, favouriteColour]"), 'unknown EDUCATION field "favouriteColour"'],
    ["a disclosure carrying something the fixture does not hold", SUITE.replace("carried: [school.rollStatus]", "carried: [school.leftOn]"), 'unknown fixture fact "school.leftOn"'],
    ["an unknown standing", SUITE.replace("requester: PERSON_WITH_PARENTAL_RESPONSIBILITY", "requester: NEIGHBOUR"), 'unknown requester standing "NEIGHBOUR"'],
    ["labels on a name", `${SUITE.replace("cases:", "identity:\n  nickname: { kind: NAME, labels: [SEALED], sources: [school] }\ncases:")}`, "only an address carries labels of its own"],
  ])("%s is refused at its line", (_name, text, problem) => {
    expect(problemOf(text)).toContain(problem);
  });
});
