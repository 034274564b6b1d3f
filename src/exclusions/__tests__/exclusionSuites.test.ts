import { join } from "node:path";
import { excludes } from "../excludes";
import { loadExclusionTestSuites } from "../loadExclusionTestSuites";

// The named-staff exclusion rule as data (policies/tests/exclusions/): a case that fails names its line.
const suites = loadExclusionTestSuites(join(__dirname, "..", "..", "..", "policies", "tests", "exclusions"));

for (const suite of suites) {
  describe(`exclusions/${suite.file}`, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(testCase.exclusions.some((exclusion) => excludes(exclusion, testCase.caller))).toBe(testCase.excluded);
      });
    }
  });
}

test("there are exclusion suites", () => {
  expect(suites.reduce((count, suite) => count + suite.cases.length, 0)).toBeGreaterThan(0);
});
