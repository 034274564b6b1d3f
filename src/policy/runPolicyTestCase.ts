import { decideDisclosure } from "./decideDisclosure";
import { type PolicySet } from "./PolicySet";
import { involvementCurrent } from "./involvementLapse";
import { DISCLOSED, type ExpectedOutcome, type InvolvementTestCase, type PolicyTestCase } from "./PolicyTestSuite";

/**
 * Decides a policy test case and returns the outcome in the same shape as its expectation, so a test
 * runner compares the two whole and shows a field-by-field diff when they differ.
 */
export function runPolicyTestCase(policy: PolicySet, testCase: PolicyTestCase): ExpectedOutcome {
  const decision = decideDisclosure(policy, testCase.principal, testCase.access, testCase.subject, testCase.at);
  if (decision.outcome === "REFUSED") {
    return { refused: decision.problem, rule: "refused" in testCase.expected && testCase.expected.rule === null ? null : decision.rule };
  }
  const fields: Record<string, string> = {};
  for (const path of decision.disclosed) fields[path] = DISCLOSED;
  for (const { path, rule } of decision.withheld) fields[path] = rule;
  return {
    fields,
    brokered: decision.brokered.map(({ path }) => path).sort(),
    sealed: [...decision.sealed].sort(),
    grantingRules: "fields" in testCase.expected && testCase.expected.grantingRules !== null ? decision.grantingRules : null,
  };
}

/** Runs an involvement case: whether the record still founds its agency's involvement, and by which rule. */
export function runInvolvementTestCase(policy: PolicySet, testCase: InvolvementTestCase): InvolvementTestCase["expected"] {
  const rule = policy.involvement.get(testCase.recordType);
  if (rule === undefined) throw new Error(`no involvement rule for ${testCase.recordType}`);
  return { involved: involvementCurrent(rule, testCase.details, testCase.updatedAt, testCase.at), rule: rule.id };
}
