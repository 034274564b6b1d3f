import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { excludes } from "../excludes";
import { EXCLUSION_NOT_YOURS, exclusionManager, exclusionStanding } from "../exclusionAccess";
import { loadExclusionTestSuites, type RecordingOutcome, type RecordingTestCase } from "../loadExclusionTestSuites";

// The named-staff exclusion rules as data (policies/tests/exclusions/): a case that fails names its line.
const policies = join(__dirname, "..", "..", "..", "policies");
const suites = loadExclusionTestSuites(join(policies, "tests", "exclusions"));
const rule = loadPolicies(policies).exclusionRecording;

/** What the hub decides for a recording case: the role first (`exclusionManager`), then whom (`exclusionStanding`). */
function recording({ recorder, exclusion }: RecordingTestCase): RecordingOutcome {
  if (!exclusionManager(recorder, rule).permitted) return { refused: "EXCLUSION_MANAGERS_ONLY" };
  const standing = exclusionStanding(rule, recorder, exclusion);
  return standing === null ? { refused: EXCLUSION_NOT_YOURS } : { recorded: standing };
}

for (const suite of suites) {
  describe(`exclusions/${suite.file}`, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(testCase.exclusions.some((exclusion) => excludes(exclusion, testCase.caller))).toBe(testCase.excluded);
      });
    }
    for (const testCase of suite.recordings) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(recording(testCase)).toEqual(testCase.expect);
      });
    }
  });
}

test("there are exclusion suites, of who is kept out and of who may record", () => {
  expect(suites.reduce((count, suite) => count + suite.cases.length, 0)).toBeGreaterThan(0);
  expect(suites.reduce((count, suite) => count + suite.recordings.length, 0)).toBeGreaterThan(0);
});
