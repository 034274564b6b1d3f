import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AGENCY_TYPES } from "../../directory/AgencyType";
import { type PolicySet } from "../../policy/PolicySet";
import { YamlNode } from "../../policy/YamlNode";
import { PPRC_EVENTS } from "../PprcEvent";
import { type RecipientAgency, type RecipientLookup } from "./recipientAgencies";
import { type PprcRoutingFacts, type RoutingDecision } from "./routePprcNotification";

const LOCAL_AUTHORITY = /^[EWSN]\d{8}$/;

/** One routing case: a notification's facts, and exactly whom it reaches and by which rules. */
export interface RoutingTestCase {
  name: string;
  file: string;
  line: number;
  facts: PprcRoutingFacts;
  /** Agency code → the ids of the rules that chose it, in policy order. */
  recipients: Record<string, string[]>;
  /** The rules' findings that reached no agency, when the case states them. */
  unrouted: Pick<RoutingDecision, "rule" | "outcome" | "localAuthority">[] | null;
}

export interface RoutingTestSuite {
  file: string;
  description: string | null;
  lookup: RecipientLookup;
  cases: RoutingTestCase[];
}

/**
 * Reads every `*.test.yaml` in `dir` (policies/tests/routing/): a directory of fictional agencies and
 * cases. Strict like the disclosure suites: an unknown key, event, agency, agency type or rule id is a
 * PolicyError naming the file and line.
 */
export function loadRoutingTestSuites(dir: string, policy: PolicySet): RoutingTestSuite[] {
  const ruleIds = new Set(policy.notificationRouting.map((rule) => rule.id));
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((name) => {
      const { root } = YamlNode.parse(join(dir, name), readFileSync(join(dir, name), "utf8"));
      return readSuite(name, root, ruleIds);
    });
}

function readSuite(file: string, root: YamlNode, ruleIds: ReadonlySet<string>): RoutingTestSuite {
  const map = root.map(["directory", "cases"], ["description"]);
  const agencies: RecipientAgency[] = map.required("directory").entries().map(([code, value]) => {
    const entry = value.map(["type", "localAuthority"]);
    return { code: code.string(), type: entry.required("type").oneOf(AGENCY_TYPES, "agency type"), localAuthority: localAuthority(entry.required("localAuthority")) };
  });
  const codes = agencies.map((agency) => agency.code);
  const names = new Set<string>();
  const cases = map.required("cases").list().map((node) => {
    const testCase = readCase(file, node, codes, ruleIds);
    if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
    names.add(testCase.name);
    return testCase;
  });
  if (cases.length === 0) map.required("cases").fail("a suite has at least one case");
  const lookup: RecipientLookup = ({ type, localAuthority: area }) =>
    Promise.resolve(agencies.filter((agency) => agency.type === type && agency.localAuthority === area).sort((a, b) => a.code.localeCompare(b.code)));
  return { file, description: map.optional("description")?.string() ?? null, lookup, cases };
}

function readCase(file: string, node: YamlNode, codes: readonly string[], ruleIds: ReadonlySet<string>): RoutingTestCase {
  const map = node.map(["name", "event", "eventDate", "prisoner", "expect"], ["releaseLocalAuthority", "childHomeLocalAuthorities"]);
  const prisoner = map.required("prisoner").map(["dateOfBirth"], ["homeLocalAuthority"]);
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
    facts: {
      event: map.required("event").oneOf(PPRC_EVENTS, "PPRC event"),
      eventDate: map.required("eventDate").date(),
      prisonerDateOfBirth: prisoner.required("dateOfBirth").date(),
      prisonerHomeLocalAuthority: optionalArea(prisoner.optional("homeLocalAuthority")),
      releaseLocalAuthority: optionalArea(map.optional("releaseLocalAuthority")),
      childHomeLocalAuthorities: (map.optional("childHomeLocalAuthorities")?.list() ?? []).map((area) => optionalArea(area)),
    },
    recipients,
    unrouted: unroutedNode === undefined ? null : unroutedNode.list().map((entry) => {
      const decision = entry.map(["rule", "outcome"], ["localAuthority"]);
      return {
        rule: decision.required("rule").oneOf([...ruleIds], "routing rule"),
        outcome: decision.required("outcome").oneOf(["NO_AGENCY", "AREA_UNKNOWN"] as const, "outcome"),
        localAuthority: optionalArea(decision.optional("localAuthority")),
      };
    }),
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
