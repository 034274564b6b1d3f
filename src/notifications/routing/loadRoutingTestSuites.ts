import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AGENCY_TYPES } from "../../directory/AgencyType";
import { type PolicySet } from "../../policy/PolicySet";
import { type YamlMap, YamlNode } from "../../policy/YamlNode";
import { NotificationType, ROUTED_NOTIFICATION_TYPES, type RoutedNotificationType } from "../NotificationType";
import { PPRC_EVENTS } from "../PprcEvent";
import { ROUTED_EVENT_VOCABULARY } from "../RoutedEventVocabulary";
import { type RecipientAgency, type RecipientLookup } from "./recipientAgencies";
import { pprcRoutingFacts } from "./routePprcNotification";
import { type RoutingDecision, type RoutingFacts, type RoutingTarget } from "./routeNotification";
import { SubjectAge } from "./RoutingArea";

const LOCAL_AUTHORITY = /^[EWSN]\d{8}$/;

/** One routing case: a notification's facts, and exactly whom it reaches and by which rules. */
export interface RoutingTestCase {
  name: string;
  file: string;
  line: number;
  facts: RoutingFacts;
  /** Agency code → the ids of the rules that chose it, in policy order. */
  recipients: Record<string, string[]>;
  /** The rules' findings that reached no agency, when the case states them. */
  unrouted: UnroutedExpectation[] | null;
}

export type UnroutedExpectation = Pick<RoutingDecision, "rule" | "outcome" | "localAuthority" | "agency">;

export interface RoutingTestSuite {
  file: string;
  description: string | null;
  notificationType: RoutedNotificationType;
  lookup: RecipientLookup;
  cases: RoutingTestCase[];
}

/**
 * Reads every `*.test.yaml` in `dir` (policies/tests/routing/): the notification type its cases are
 * of, a directory of fictional agencies, and cases. Strict like the disclosure suites: an unknown key,
 * event, area, agency, agency type or rule id is a PolicyError naming the file and line.
 *
 * A PPRC case states the prisoner, the release area and the children's home areas; a case of any other
 * type states each area's targets directly (`targets: { CHILD_HOME: [E06000060], SCHOOL: [{ agency: SCH-1 }] }`).
 */
export function loadRoutingTestSuites(dir: string, policy: PolicySet): RoutingTestSuite[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((name) => {
      const { root } = YamlNode.parse(join(dir, name), readFileSync(join(dir, name), "utf8"));
      return readSuite(name, root, policy);
    });
}

function readSuite(file: string, root: YamlNode, policy: PolicySet): RoutingTestSuite {
  const map = root.map(["notificationType", "directory", "cases"], ["description"]);
  const notificationType = map.required("notificationType").oneOf(ROUTED_NOTIFICATION_TYPES, "routed notification type");
  const ruleIds = new Set(policy.notificationRouting.filter((rule) => rule.notificationType === notificationType).map((rule) => rule.id));
  const agencies: RecipientAgency[] = map.required("directory").entries().map(([code, value]) => {
    const entry = value.map(["type", "localAuthority"]);
    return { code: code.string(), type: entry.required("type").oneOf(AGENCY_TYPES, "agency type"), localAuthority: localAuthority(entry.required("localAuthority")) };
  });
  const codes = agencies.map((agency) => agency.code);
  const names = new Set<string>();
  const cases = map.required("cases").list().map((node) => {
    const testCase = readCase(file, node, notificationType, codes, ruleIds);
    if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
    names.add(testCase.name);
    return testCase;
  });
  if (cases.length === 0) map.required("cases").fail("a suite has at least one case");
  const lookup: RecipientLookup = (query) =>
    Promise.resolve(agencies
      .filter((agency) => agency.type === query.type && ("agencyCode" in query ? agency.code === query.agencyCode : agency.localAuthority === query.localAuthority))
      .map((agency) => ("agencyCode" in query ? { ...agency, localAuthority: null } : agency))
      .sort((a, b) => a.code.localeCompare(b.code)));
  return { file, description: map.optional("description")?.string() ?? null, notificationType, lookup, cases };
}

function readCase(file: string, node: YamlNode, notificationType: RoutedNotificationType, codes: readonly string[], ruleIds: ReadonlySet<string>): RoutingTestCase {
  const pprc = notificationType === NotificationType.PPRC;
  const map = node.map(["name", "event", "expect", ...(pprc ? ["eventDate", "prisoner"] : [])], pprc ? ["releaseLocalAuthority", "childHomeLocalAuthorities"] : ["subjectAge", "targets"]);
  const expect = map.required("expect").map(["recipients"], ["unrouted"]);
  const recipients: Record<string, string[]> = {};
  for (const [code, rules] of expect.required("recipients").entries()) {
    recipients[code.oneOf(codes, "agency of this suite's directory")] = rules.listOf([...ruleIds], "routing rule");
  }
  const unroutedNode = expect.optional("unrouted");
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    facts: pprc ? pprcFacts(map) : genericFacts(map, notificationType),
    recipients,
    unrouted: unroutedNode === undefined ? null : unroutedNode.list().map((entry) => {
      const decision = entry.map(["rule", "outcome"], ["localAuthority", "agency"]);
      const agency = decision.optional("agency");
      return {
        rule: decision.required("rule").oneOf([...ruleIds], "routing rule"),
        outcome: decision.required("outcome").oneOf(["NO_AGENCY", "AREA_UNKNOWN"] as const, "outcome"),
        localAuthority: optionalArea(decision.optional("localAuthority")),
        ...(agency === undefined ? {} : { agency: agency.string() }),
      };
    }),
  };
}

function pprcFacts(map: YamlMap): RoutingFacts {
  const prisoner = map.required("prisoner").map(["dateOfBirth"], ["homeLocalAuthority"]);
  return pprcRoutingFacts({
    event: map.required("event").oneOf(PPRC_EVENTS, "PPRC event"),
    eventDate: map.required("eventDate").date(),
    prisonerDateOfBirth: prisoner.required("dateOfBirth").date(),
    prisonerHomeLocalAuthority: optionalArea(prisoner.optional("homeLocalAuthority")),
    releaseLocalAuthority: optionalArea(map.optional("releaseLocalAuthority")),
    childHomeLocalAuthorities: (map.optional("childHomeLocalAuthorities")?.list() ?? []).map((area) => optionalArea(area)),
  });
}

function genericFacts(map: YamlMap, notificationType: RoutedNotificationType): RoutingFacts {
  const vocabulary = ROUTED_EVENT_VOCABULARY[notificationType];
  const targets: RoutingFacts["targets"] = {};
  for (const [area, list] of map.optional("targets")?.entries() ?? []) {
    targets[area.oneOf(vocabulary.areas, "routing area")] = list.list().map((target): RoutingTarget => {
      if (target.isNull() || target.isScalarValue()) return { localAuthority: optionalArea(target) };
      return { agencyCode: target.map(["agency"]).required("agency").string() };
    });
  }
  const age = map.optional("subjectAge");
  return {
    notificationType,
    event: map.required("event").oneOf(vocabulary.events, vocabulary.eventLabel),
    subjectAge: age === undefined ? null : age.oneOf([SubjectAge.ADULT, SubjectAge.UNDER_18] as const, "subject age"),
    targets,
  };
}

function localAuthority(node: YamlNode): string {
  const code = node.string();
  if (!LOCAL_AUTHORITY.test(code)) node.fail(`"${code}" is not an ONS local authority code such as E06000060`);
  return code;
}

function optionalArea(node: YamlNode | undefined): string | null {
  return node === undefined || node.isNull() ? null : localAuthority(node);
}
