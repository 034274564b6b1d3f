import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { RECORD_TYPES } from "../../records/RecordType";
import { loadRetentionTestSuites, runRetentionTestCase } from "../retentionTestSuites";

// The real policies and their retention suites (policies/tests/retention/): a PolicyError in either
// fails this file with the file and line that caused it.
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadRetentionTestSuites(join(POLICY_DIR, "tests", "retention"), policy);

for (const suite of suites) {
  describe(`retention/${suite.file}`, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(runRetentionTestCase(policy, suite, testCase)).toEqual(testCase.expected);
      });
    }
  });
}

describe("retention suites cover", () => {
  test("every retention rule and every record type, in at least one case", () => {
    const cases = suites.flatMap((suite) => suite.cases.map((testCase) => ({ suite, testCase })));
    const rules = new Set(cases.map(({ suite, testCase }) => runRetentionTestCase(policy, suite, { ...testCase, expected: { rule: "" } }).rule));
    expect(policy.retention.rules.map((rule) => rule.id).filter((id) => !rules.has(id))).toEqual([]);
    expect(RECORD_TYPES.filter((type) => !cases.some(({ testCase }) => testCase.recordType === type))).toEqual([]);
  });
});
