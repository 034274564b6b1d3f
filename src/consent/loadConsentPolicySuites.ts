import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLES, type Role } from "../auth/Role";
import { type PolicySet } from "../policy/PolicySet";
import { YamlNode } from "../policy/YamlNode";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { CHILD_COMPETENCES, type ChildCompetence } from "./ChildCompetence";
import { type ConsentRecording, type ConsentRecordingCheck } from "./checkConsentRecording";
import { ConsentGiver } from "./ConsentRecord";
import { CONSENT_PROBLEMS, type ConsentProblem } from "./ConsentProblem";

/** The day cases are recorded on unless they say otherwise, so suites never drift with the clock. */
export const DEFAULT_CONSENT_TEST_DAY = "2026-11-01";

/** Long enough for the policy's minimum, so a case states an assessment's text only when the text is the point. */
export const DEFAULT_ASSESSMENT = "Assessed in a private conversation: understands what would be shared, with whom and why.";

/** What a case expects: what the hub finds about the child's competence, a parent's decision recorded, or a refusal. */
export type ConsentCaseExpectation =
  | { competence: ChildCompetence; rule: string | null }
  | { recorded: true; rule: string | null }
  | { refused: ConsentProblem; rule: string | null };

export interface ConsentPolicyTestCase {
  name: string;
  file: string;
  line: number;
  recording: ConsentRecording;
  expected: ConsentCaseExpectation;
}

export interface ConsentPolicyTestSuite {
  file: string;
  description: string | null;
  cases: ConsentPolicyTestCase[];
}

/** The part of a check a case compares, in the expectation's shape (`rule` only where the case names one). */
export function outcomeOf(check: ConsentRecordingCheck, expected: ConsentCaseExpectation): ConsentCaseExpectation {
  const rule = expected.rule === null ? null : check.rule;
  if (!check.permitted) return { refused: check.problem, rule };
  return check.competence === null ? { recorded: true, rule } : { competence: check.competence, rule };
}

interface Recorder {
  roles: Role[];
  holds: RecordType[];
}

/**
 * Reads every `*.test.yaml` in `dir` (the consent suites, `policies/tests/consent/`). Strict like the
 * policies: an unknown key, recorder, child, role, record type, competence, problem code or rule id is
 * a PolicyError naming the file and line.
 */
export function loadConsentPolicySuites(dir: string, policy: Pick<PolicySet, "childCompetence" | "consentRecorders">): ConsentPolicyTestSuite[] {
  const ruleIds = new Set([policy.childCompetence.id, policy.consentRecorders.id]);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((name) => readSuite(name, YamlNode.parse(join(dir, name), readFileSync(join(dir, name), "utf8")).root, ruleIds));
}

function readSuite(file: string, root: YamlNode, ruleIds: ReadonlySet<string>): ConsentPolicyTestSuite {
  const map = root.map(["recorders", "cases"], ["description", "at", "children"]);
  const day = map.optional("at")?.date() ?? DEFAULT_CONSENT_TEST_DAY;
  const recorders = new Map(map.required("recorders").entries().map(([key, value]) => [key.string(), readRecorder(value)]));
  const children = new Map((map.optional("children")?.entries() ?? []).map(([key, value]) => [key.string(), readChild(value)]));
  const names = new Set<string>();
  const cases = map.required("cases").list().map((node) => {
    const testCase = readCase(file, node, { recorders, children, ruleIds, day });
    if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
    names.add(testCase.name);
    return testCase;
  });
  if (cases.length === 0) map.required("cases").fail("a suite has at least one case");
  return { file, description: map.optional("description")?.string() ?? null, cases };
}

function readRecorder(node: YamlNode): Recorder {
  const map = node.map(["roles"], ["holds"]);
  return {
    roles: map.required("roles").listOf(ROLES, "role"),
    holds: map.optional("holds")?.listOf(RECORD_TYPES, "record type", { allowEmpty: true }) ?? [],
  };
}

/** A child as the hub holds them: a date of birth, or none (an unborn child). */
function readChild(node: YamlNode): string | null {
  const map = node.map([], ["dateOfBirth"]);
  return map.optional("dateOfBirth")?.date() ?? null;
}

interface SuiteScope {
  recorders: ReadonlyMap<string, Recorder>;
  children: ReadonlyMap<string, string | null>;
  ruleIds: ReadonlySet<string>;
  day: string;
}

function readCase(file: string, node: YamlNode, scope: SuiteScope): ConsentPolicyTestCase {
  const map = node.map(["name", "recorder", "givenBy", "expect"], ["child", "assessment", "at"]);
  const recorderNode = map.required("recorder");
  const recorder = scope.recorders.get(recorderNode.string()) ?? recorderNode.fail(`unknown recorder "${recorderNode.string()}"; this file names: ${[...scope.recorders.keys()].join(", ")}`);
  const givenBy = map.required("givenBy").oneOf(Object.values(ConsentGiver), "giver");
  const childNode = map.optional("child");
  const child = childNode === undefined ? undefined : scope.children.get(childNode.string());
  if (childNode !== undefined && child === undefined) childNode.fail(`unknown child "${childNode.string()}"; this file names: ${[...scope.children.keys()].join(", ")}`);
  if (givenBy === ConsentGiver.CHILD && childNode === undefined) node.fail("a child's own decision names the child");
  const assessmentNode = map.optional("assessment");
  if (givenBy !== ConsentGiver.CHILD && assessmentNode !== undefined) assessmentNode.fail("an assessment goes with the child's own decision");
  const assessment = assessmentNode?.map(["assessedCompetent"], ["text"]);
  const day = map.optional("at")?.date() ?? scope.day;
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    recording: {
      givenBy,
      recorderRoles: recorder.roles,
      heldRecordTypes: recorder.holds,
      childDateOfBirth: child ?? null,
      assessment: assessment ? { assessedCompetent: assessment.required("assessedCompetent").boolean(), assessment: assessment.optional("text")?.text() ?? DEFAULT_ASSESSMENT } : null,
      at: new Date(`${day}T12:00:00Z`),
    },
    expected: readExpectation(map.required("expect"), givenBy, scope.ruleIds),
  };
}

function readExpectation(node: YamlNode, givenBy: ConsentGiver, ruleIds: ReadonlySet<string>): ConsentCaseExpectation {
  const map = node.map([], ["competence", "recorded", "refused", "rule"]);
  const ruleNode = map.optional("rule");
  const rule = ruleNode ? ruleNode.string() : null;
  if (ruleNode && rule !== null && !ruleIds.has(rule)) ruleNode.fail(`unknown rule id "${rule}": the consent rules are ${[...ruleIds].join(", ")}`);
  const stated = ["competence", "recorded", "refused"].filter((key) => map.has(key));
  if (stated.length !== 1) node.fail('expect exactly one of "competence" (a child\'s decision), "recorded: true" (a parent\'s) or "refused"');
  const refused = map.optional("refused");
  if (refused) return { refused: refused.oneOf(CONSENT_PROBLEMS, "problem code"), rule };
  if (givenBy === ConsentGiver.CHILD) {
    const competence = map.optional("competence") ?? node.fail('a child\'s decision that is recorded expects a "competence"');
    return { competence: competence.oneOf(CHILD_COMPETENCES, "competence"), rule };
  }
  const recorded = map.optional("recorded") ?? node.fail('a parent\'s decision that is recorded expects "recorded: true"');
  if (!recorded.boolean()) recorded.fail('write "refused: PROBLEM" for a decision that is not recorded');
  return { recorded: true, rule };
}
