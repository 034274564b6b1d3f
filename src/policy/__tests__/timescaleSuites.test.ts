import { join } from "node:path";
import { TIMESCALE_IDS } from "../../timescales/TimescaleId";
import { loadPolicies } from "../loadPolicies";
import { loadTimescaleTestSuites } from "../loadTimescaleTestSuites";
import { runTimescaleTestCase } from "../runTimescaleTestCase";

// The real policies and their timescale suites (policies/tests/timescales/): a PolicyError in either
// fails this file with the file and line that caused it.
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadTimescaleTestSuites(join(POLICY_DIR, "tests", "timescales"), policy);

for (const suite of suites) {
  describe(`timescales/${suite.file}`, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(runTimescaleTestCase(policy, testCase)).toEqual(testCase.expected);
      });
    }
    if (suite.workingDays.length > 0) {
      test("working days", () => {
        const actual = suite.workingDays.map(({ date, line }) => `${date} (line ${line}): ${policy.workingDays.calendar.isWorkingDay(date) ? "working" : "not working"}`);
        const expected = suite.workingDays.map(({ date, line, working }) => `${date} (line ${line}): ${working ? "working" : "not working"}`);
        expect(actual).toEqual(expected);
      });
    }
  });
}

describe("timescale suites cover", () => {
  test("every timescale, in at least one case", () => {
    const tested = new Set(suites.flatMap((suite) => suite.cases.map((testCase) => testCase.timescale)));
    expect(TIMESCALE_IDS.filter((id) => !tested.has(id))).toEqual([]);
  });
});
