import { join } from "node:path";
import { loadPolicies } from "../../../policy/loadPolicies";
import { ROUTED_NOTIFICATION_TYPES } from "../../NotificationType";
import { ROUTED_EVENT_VOCABULARY } from "../../RoutedEventVocabulary";
import { loadRoutingTestSuites } from "../loadRoutingTestSuites";
import { routeNotification } from "../routeNotification";

const POLICIES = join(__dirname, "..", "..", "..", "..", "policies");
const policy = loadPolicies(POLICIES);
const suites = loadRoutingTestSuites(join(POLICIES, "tests", "routing"), policy);

describe.each(suites.map((suite) => [suite.file, suite] as const))("%s", (_file, suite) => {
  test.each(suite.cases.map((testCase) => [`${testCase.name} (line ${testCase.line})`, testCase] as const))("%s", async (_name, testCase) => {
    const routing = await routeNotification(policy.notificationRouting, testCase.facts, suite.lookup);
    expect(Object.fromEntries(routing.recipients.map((recipient) => [recipient.agencyCode, recipient.rules]))).toEqual(testCase.recipients);
    if (testCase.unrouted !== null) {
      expect(routing.decisions.filter((decision) => decision.outcome !== "ROUTED").map(({ rule, outcome, localAuthority, agency }) => ({ rule, outcome, localAuthority, ...(agency === undefined ? {} : { agency }) }))).toEqual(testCase.unrouted);
    }
  });
});

describe("the routing suites cover", () => {
  test("every routing rule, in a case where it chooses a recipient", () => {
    const chosen = new Set(suites.flatMap((suite) => suite.cases.flatMap((testCase) => Object.values(testCase.recipients).flat())));
    expect(policy.notificationRouting.map((rule) => rule.id).filter((id) => !chosen.has(id))).toEqual([]);
  });

  test("every PPRC event", () => {
    const events = new Set(suites.flatMap((suite) => suite.cases.filter((testCase) => testCase.facts.notificationType === "PPRC").map((testCase) => testCase.facts.event)));
    expect(["RECEPTION", "TRANSFER", "TEMPORARY_RELEASE", "RELEASE", "NAME_CHANGE_REQUEST", "STATUS_CHANGE"].filter((event) => !events.has(event))).toEqual([]);
  });

  test("every event of every routed notification type", () => {
    const told = new Set(suites.flatMap((suite) => suite.cases.map((testCase) => `${testCase.facts.notificationType} ${testCase.facts.event}`)));
    const every = ROUTED_NOTIFICATION_TYPES.flatMap((type) => ROUTED_EVENT_VOCABULARY[type].events.map((event) => `${type} ${event}`));
    expect(every.filter((event) => !told.has(event))).toEqual([]);
  });
});
