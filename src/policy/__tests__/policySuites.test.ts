import { join } from "node:path";
import { ROLES } from "../../auth/Role";
import { ACCESS_PROBLEMS } from "../AccessProblem";
import { decideDisclosure } from "../decideDisclosure";
import { loadPolicies } from "../loadPolicies";
import { loadPolicyTestSuites } from "../loadPolicyTestSuites";
import { runInvolvementTestCase, runPolicyTestCase } from "../runPolicyTestCase";
import { referralWindowEnd } from "../../referrals/referralWindow";
import { REFERRAL_STAGES } from "../../referrals/ReferralStage";

// The real policies and their suites (design principle 3): a PolicyError in either fails this file
// with the file and line that caused it.
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadPolicyTestSuites(join(POLICY_DIR, "tests"), policy);

for (const suite of suites) {
  describe(suite.file, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(runPolicyTestCase(policy, testCase)).toEqual(testCase.expected);
      });
    }
    for (const testCase of suite.involvementCases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(runInvolvementTestCase(policy, testCase)).toEqual(testCase.expected);
      });
    }
    for (const testCase of suite.referralCases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        expect(referralWindowEnd(policy, testCase.stage, testCase.receivedAt).toISOString()).toBe(testCase.expected.researchUntil.toISOString());
      });
    }
  });
}

describe("policy suites cover", () => {
  const cases = suites.flatMap((suite) => suite.cases);

  test("every role, in at least one case", () => {
    const tested = new Set(cases.flatMap((testCase) => testCase.principal.roles));
    expect(ROLES.filter((role) => !tested.has(role))).toEqual([]);
  });

  test("every access problem code, in at least one refused case", () => {
    const refused = new Set(cases.flatMap((testCase) => ("refused" in testCase.expected ? [testCase.expected.refused] : [])));
    expect(ACCESS_PROBLEMS.filter((problem) => !refused.has(problem))).toEqual([]);
  });

  test("every involvement rule, both while it holds and after it lapses", () => {
    const involvement = suites.flatMap((suite) => suite.involvementCases);
    for (const rule of policy.involvement.values()) {
      const outcomes = new Set(involvement.filter((testCase) => testCase.recordType === rule.recordType).map((testCase) => testCase.expected.involved));
      expect({ rule: rule.id, outcomes: [...outcomes].sort() }).toEqual({ rule: rule.id, outcomes: [false, true] });
    }
  });

  test("every referral stage's window", () => {
    const stages = new Set(suites.flatMap((suite) => suite.referralCases.map((testCase) => testCase.stage)));
    expect(REFERRAL_STAGES.filter((stage) => !stages.has(stage))).toEqual([]);
  });

  test("every grant, in at least one case that discloses through it", () => {
    const granted = new Set(cases.flatMap((testCase) => {
      const decision = decideDisclosure(policy, testCase.principal, testCase.access, testCase.subject, testCase.at);
      return decision.outcome === "DECIDED" ? decision.grantingRules : [];
    }));
    expect(policy.grants.map((grant) => grant.id).filter((id) => !granted.has(id))).toEqual([]);
  });
});
