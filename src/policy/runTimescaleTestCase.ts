import { deadline } from "../timescales/deadline";
import { formatHubInstant } from "../timescales/londonTime";
import { type PolicySet } from "./PolicySet";
import { type DeadlineExpectation, type TimescaleTestCase } from "./TimescaleTestSuite";

/** Counts a case's deadline and returns it in the shape of its expectation (only the keys the case states), for a whole-object comparison. */
export function runTimescaleTestCase(policy: PolicySet, testCase: TimescaleTestCase): DeadlineExpectation {
  const due = deadline(testCase.timescale, testCase.startedAt, policy, testCase.at ?? testCase.startedAt);
  const actual: DeadlineExpectation = { dueAt: formatHubInstant(due.dueAt) };
  if ("edition" in testCase.expected) actual.edition = due.edition;
  if ("startEvent" in testCase.expected) actual.startEvent = due.startEvent;
  if ("extendedDueAt" in testCase.expected) actual.extendedDueAt = due.extendedDueAt ? formatHubInstant(due.extendedDueAt) : null;
  return actual;
}
