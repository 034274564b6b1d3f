import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLES } from "../../../auth/Role";
import { loadPolicies } from "../../../policy/loadPolicies";
import { PolicyError } from "../../../policy/PolicyError";
import { askingRole, CONSULTATION_NOT_PERMITTED } from "../askingRole";
import { loadConsultationPolicySuites, type ConsultationCaseExpectation } from "../loadConsultationPolicySuites";
import { mayAdvise } from "../mayAdvise";

// The real rule of who may ask and who advises (policies/consultations.yaml) and its suites (policies/tests/consultations/):
// a PolicyError in either fails this file with the file and line that caused it.
const POLICY_DIR = join(__dirname, "..", "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadConsultationPolicySuites(join(POLICY_DIR, "tests", "consultations"));

const outcome = (roles: Parameters<typeof askingRole>[1], expected: ConsultationCaseExpectation): ConsultationCaseExpectation => {
  if ("advises" in expected) return { advises: mayAdvise(policy.consultationAskers, roles) };
  const role = askingRole(policy.consultationAskers, roles);
  return role === null ? { refused: CONSULTATION_NOT_PERMITTED } : { asksAs: role };
};

for (const suite of suites) {
  describe(suite.file, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(outcome(testCase.roles, testCase.expected)).toEqual(testCase.expected);
      });
    }
  });
}

describe("consultation suites", () => {
  test.each([
    ["asks", (expected: ConsultationCaseExpectation) => !("advises" in expected)],
    ["advises", (expected: ConsultationCaseExpectation) => "advises" in expected],
  ])("say of every role whether it %s", (_what, about) => {
    const said = new Set(suites.flatMap((suite) => suite.cases.filter((testCase) => testCase.roles.length === 1 && about(testCase.expected)).flatMap((testCase) => testCase.roles)));
    expect(ROLES.filter((role) => !said.has(role))).toEqual([]);
  });

  test.each([
    ["an unknown role", "roles: [SCHOOL_DSL]", "roles: [TEACHER]", 'unknown role "TEACHER"'],
    ["an unknown key", "    expect: { asksAs: SCHOOL_DSL }", "    agency: SCH-1\n    expect: { asksAs: SCHOOL_DSL }", 'unknown key "agency"'],
    ["both outcomes", "expect: { asksAs: SCHOOL_DSL }", "expect: { asksAs: SCHOOL_DSL, refused: CONSULTATION_NOT_PERMITTED }", 'expect exactly one of "asksAs"'],
    ["asking and advising at once", "expect: { asksAs: SCHOOL_DSL }", "expect: { asksAs: SCHOOL_DSL, advises: false }", 'expect exactly one of "asksAs"'],
    ["advising that is not true or false", "expect: { asksAs: SCHOOL_DSL }", "expect: { advises: MASH_PRACTITIONER }", "expected true or false"],
    ["an unknown problem code", "expect: { asksAs: SCHOOL_DSL }", "expect: { refused: FORBIDDEN }", 'unknown problem code "FORBIDDEN"'],
  ])("refuse %s, naming the file and line", (_what, from, to, problem) => {
    const dir = mkdtempSync(join(tmpdir(), "hub-consultation-suites-"));
    writeFileSync(join(dir, "fixture.test.yaml"), "cases:\n  - name: a DSL asks\n    roles: [SCHOOL_DSL]\n    expect: { asksAs: SCHOOL_DSL }\n".replace(from, to));
    let error: unknown;
    try {
      loadConsultationPolicySuites(dir);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).problem).toContain(problem);
    expect((error as PolicyError).file.endsWith("fixture.test.yaml")).toBe(true);
  });
});
