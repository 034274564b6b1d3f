import { ROLES, type Role } from "../auth/Role";
import { type PolicySet } from "../policy/PolicySet";
import { Purpose } from "../policy/Purpose";
import { type YamlNode } from "../policy/YamlNode";
import { namedOnce, readTestSuiteFiles } from "../policy/testSuiteFiles";
import { CONSENT_STATES, type ConsentState } from "../policy/ConsentState";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { CHILD_COMPETENCES, type ChildCompetence } from "./ChildCompetence";
import { type ConsentRecording, type ConsentRecordingCheck } from "./checkConsentRecording";
import { ConsentDecision, ConsentGiver } from "./ConsentRecord";
import { type StoredConsentDecision } from "./effectiveConsent";
import { CONSENT_PROBLEMS, type ConsentProblem } from "./ConsentProblem";

/** The purpose every decision of a "governs" case covers: the answer does not turn on which. */
export const GOVERNING_PURPOSE = Purpose.EARLY_HELP;

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

/**
 * A case of who decides: the decisions on record (oldest first) about a child, and the consent that
 * governs on the day, as `effectiveConsent` weighs them for who decides for that child then.
 */
export interface ConsentGoverningTestCase {
  name: string;
  file: string;
  line: number;
  child: { dateOfBirth: string | null; expectedDateOfBirth: string | null };
  decisions: StoredConsentDecision[];
  at: Date;
  expected: ConsentState;
}

export interface ConsentPolicyTestSuite {
  file: string;
  description: string | null;
  cases: ConsentPolicyTestCase[];
  governs: ConsentGoverningTestCase[];
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
  return readTestSuiteFiles(dir).map(({ file, root }) => readSuite(file, root, ruleIds));
}

function readSuite(file: string, root: YamlNode, ruleIds: ReadonlySet<string>): ConsentPolicyTestSuite {
  const map = root.map([], ["description", "at", "recorders", "children", "cases", "governs"]);
  const day = map.optional("at")?.date() ?? DEFAULT_CONSENT_TEST_DAY;
  const recorders = new Map((map.optional("recorders")?.entries() ?? []).map(([key, value]) => [key.string(), readRecorder(value)]));
  const children = new Map((map.optional("children")?.entries() ?? []).map(([key, value]) => [key.string(), readChild(value)]));
  const named = namedOnce();
  const cases = (map.optional("cases")?.list() ?? []).map((node) => named(node, readCase(file, node, { recorders, children, ruleIds, day })));
  const governs = (map.optional("governs")?.list() ?? []).map((node) => named(node, readGoverningCase(file, node, children, day)));
  if (cases.length === 0 && governs.length === 0) root.fail('a suite has at least one case, in "cases" or "governs"');
  return { file, description: map.optional("description")?.string() ?? null, cases, governs };
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

/** A decision on record, oldest first: a child's with the competence found, or a parent's (`parent` tells parents apart). */
function readGoverningCase(file: string, node: YamlNode, children: ReadonlyMap<string, string | null>, day: string): ConsentGoverningTestCase {
  const map = node.map(["name", "child", "decisions", "expect"], ["at"]);
  const childNode = map.required("child");
  const dateOfBirth = children.get(childNode.string());
  if (dateOfBirth === undefined) childNode.fail(`unknown child "${childNode.string()}"; this file names: ${[...children.keys()].join(", ")}`);
  const at = new Date(`${map.optional("at")?.date() ?? day}T12:00:00Z`);
  const decisions = map.required("decisions").list().map((item, index): StoredConsentDecision => {
    const decision = item.map(["givenBy", "decision"], ["competence", "parent"]);
    const givenBy = decision.required("givenBy").oneOf(Object.values(ConsentGiver), "giver");
    const competence = decision.optional("competence");
    const parent = decision.optional("parent");
    if (givenBy === ConsentGiver.CHILD && competence === undefined) item.fail("a child's decision states the competence found");
    if (givenBy !== ConsentGiver.CHILD && competence !== undefined) competence.fail("a competence goes with the child's own decision");
    if (givenBy === ConsentGiver.CHILD && parent !== undefined) parent.fail("a parent names a parent's decision");
    return {
      givenBy,
      competence: competence?.oneOf(CHILD_COMPETENCES, "competence") ?? null,
      adultId: givenBy === ConsentGiver.CHILD ? null : (parent?.string() ?? "parent"),
      legacyGiverDescription: null,
      decision: decision.required("decision").oneOf(Object.values(ConsentDecision), "decision"),
      purposes: [GOVERNING_PURPOSE],
      recordedAt: new Date(at.getTime() - (1000 - index) * 60_000),
    };
  });
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    child: { dateOfBirth: dateOfBirth ?? null, expectedDateOfBirth: dateOfBirth === null ? at.toISOString().slice(0, 10) : null },
    decisions,
    at,
    expected: map.required("expect").oneOf(CONSENT_STATES, "consent state"),
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
