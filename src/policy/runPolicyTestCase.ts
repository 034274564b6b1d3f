import { decideDisclosure } from "./decideDisclosure";
import { type PolicySet } from "./PolicySet";
import { DISCLOSED, type ExpectedOutcome, type PolicyTestCase } from "./PolicyTestSuite";

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
