import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { PolicyError } from "../../policy/PolicyError";
import { writePolicyDir } from "../../policy/__tests__/policyFixture";
import { checkConsentRecording } from "../checkConsentRecording";
import { DEFAULT_ASSESSMENT, loadConsentPolicySuites, outcomeOf } from "../loadConsentPolicySuites";

const policy = loadPolicies(writePolicyDir());

const SUITE = `description: A consent suite against the fixture policy.
recorders:
  social-worker:
    roles: [SOCIAL_WORKER]
    holds: [SOCIAL_CARE]
children:
  fifteen:
    dateOfBirth: 2011-03-15
cases:
  - name: assessed competent
    recorder: social-worker
    child: fifteen
    givenBy: CHILD
    assessment:
      assessedCompetent: true
    expect:
      competence: ASSESSED_COMPETENT
      rule: child-competence
  - name: a parent's consent
    recorder: social-worker
    givenBy: PERSON_WITH_PARENTAL_RESPONSIBILITY
    expect:
      recorded: true
`;

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "hub-consent-suites-"));
  writeFileSync(join(dir, "fixture.test.yaml"), text);
  return loadConsentPolicySuites(dir, policy);
}

function loadError(from: string, to: string): PolicyError {
  if (!SUITE.includes(from)) throw new Error(`the suite has no "${from}"`);
  try {
    load(SUITE.replace(from, to));
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("loadConsentPolicySuites", () => {
  test("reads recorders, children and cases, recorded at noon on the suite's day", () => {
    const [suite] = load(SUITE);
    expect(suite?.cases.map((testCase) => testCase.name)).toEqual(["assessed competent", "a parent's consent"]);
    expect(suite?.cases[0]?.recording).toEqual({
      givenBy: "CHILD", recorderRoles: ["SOCIAL_WORKER"], heldRecordTypes: ["SOCIAL_CARE"], childDateOfBirth: "2011-03-15",
      assessment: { assessedCompetent: true, assessment: DEFAULT_ASSESSMENT }, at: new Date("2026-11-01T12:00:00Z"),
    });
    for (const testCase of suite?.cases ?? []) {
      expect(outcomeOf(checkConsentRecording(policy, testCase.recording), testCase.expected)).toEqual(testCase.expected);
    }
  });

  test("a case expecting the wrong outcome does not pass", () => {
    const [suite] = load(SUITE.replace("competence: ASSESSED_COMPETENT", "competence: PRESUMED"));
    const [testCase] = suite?.cases ?? [];
    expect(outcomeOf(checkConsentRecording(policy, testCase.recording), testCase.expected)).not.toEqual(testCase.expected);
  });

  test.each([
    ["an unknown key", "    givenBy: CHILD\n", "    givenBy: CHILD\n    giverDescription: mother\n", 'unknown key "giverDescription"'],
    ["an unknown recorder", "    recorder: social-worker\n    child", "    recorder: prison-omu\n    child", 'unknown recorder "prison-omu"'],
    ["an unknown child", "child: fifteen", "child: fourteen", 'unknown child "fourteen"'],
    ["an unknown record type", "holds: [SOCIAL_CARE]", "holds: [FAMILY_HUB]", 'unknown record type "FAMILY_HUB"'],
    ["an unknown competence", "competence: ASSESSED_COMPETENT", "competence: GILLICK", 'unknown competence "GILLICK"'],
    ["an unknown rule id", "rule: child-competence", "rule: consent-basis", 'unknown rule id "consent-basis"'],
    ["a child's decision expecting a parent's outcome", "competence: ASSESSED_COMPETENT", "recorded: true", 'expects a "competence"'],
    ["two outcomes at once", "      recorded: true\n", "      recorded: true\n      refused: NOT_WORKING_WITH_FAMILY\n", "exactly one of"],
    ["an assessment on a parent's decision", "    givenBy: PERSON_WITH_PARENTAL_RESPONSIBILITY\n", "    givenBy: PERSON_WITH_PARENTAL_RESPONSIBILITY\n    assessment:\n      assessedCompetent: true\n", "goes with the child's own decision"],
  ])("refuses %s, naming the file and line", (_what, from, to, problem) => {
    const error = loadError(from, to);
    expect(error.file.endsWith("fixture.test.yaml")).toBe(true);
    expect(error.line).toBeGreaterThan(0);
    expect(error.problem).toContain(problem);
  });
});
