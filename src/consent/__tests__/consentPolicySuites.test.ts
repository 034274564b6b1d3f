import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { ChildCompetence } from "../ChildCompetence";
import { checkConsentRecording } from "../checkConsentRecording";
import { consentDeciders } from "../consentDeciders";
import { CONSENT_PROBLEMS } from "../ConsentProblem";
import { consentFact, effectiveConsent } from "../effectiveConsent";
import { GOVERNING_PURPOSE, loadConsentPolicySuites, outcomeOf } from "../loadConsentPolicySuites";

// The real consent rules and their suites (policies/tests/consent/): a PolicyError in either fails
// this file with the file and line that caused it.
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadConsentPolicySuites(join(POLICY_DIR, "tests", "consent"), policy);

for (const suite of suites) {
  describe(suite.file, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(outcomeOf(checkConsentRecording(policy, testCase.recording), testCase.expected)).toEqual(testCase.expected);
      });
    }
    for (const testCase of suite.governs) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        const deciders = consentDeciders(policy.childCompetence, testCase.child, testCase.at);
        expect(effectiveConsent(testCase.decisions.map(consentFact), GOVERNING_PURPOSE, deciders)).toBe(testCase.expected);
      });
    }
  });
}

describe("consent suites cover", () => {
  const expectations = suites.flatMap((suite) => suite.cases.map((testCase) => testCase.expected));

  test("every problem code, in at least one refused case", () => {
    const refused = new Set(expectations.flatMap((expected) => ("refused" in expected ? [expected.refused] : [])));
    expect(CONSENT_PROBLEMS.filter((problem) => !refused.has(problem))).toEqual([]);
  });

  test("every competence a new decision can be found to have", () => {
    const found = new Set(expectations.flatMap((expected) => ("competence" in expected ? [expected.competence] : [])));
    const reachable = Object.values(ChildCompetence).filter((competence) => competence !== ChildCompetence.NOT_CONFIRMED && competence !== ChildCompetence.AGE_UNKNOWN);
    expect(reachable.filter((competence) => !found.has(competence))).toEqual([]);
  });
});
