import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { loadSubjectAccessPolicySuites, outcomesOf } from "../loadSubjectAccessPolicySuites";
import { REQUESTER_STANDINGS } from "../RequesterStanding";

// The real exemptions and their suites (policies/tests/subject-access/): a PolicyError in either fails
// this file with the file and line that caused it.
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadSubjectAccessPolicySuites(join(POLICY_DIR, "tests", "subject-access"), policy);

for (const suite of suites) {
  describe(`subject-access/${suite.file}`, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(outcomesOf(policy, testCase)).toEqual(testCase.expected);
      });
    }
  });
}

describe("subject access suites cover", () => {
  const cases = suites.flatMap((suite) => suite.cases);

  test("every exemption, named in at least one expectation", () => {
    const named = new Set(cases.flatMap((testCase) => Object.values(testCase.expected).flatMap((expected) => ("exemptions" in expected ? expected.exemptions : []))));
    expect(policy.subjectAccessExemptions.map(({ id }) => id).filter((id) => !named.has(id))).toEqual([]);
  });

  test("every standing of requester", () => {
    const used = new Set(cases.map((testCase) => testCase.standing));
    expect(REQUESTER_STANDINGS.filter((standing) => !used.has(standing))).toEqual([]);
  });
});
