import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type PolicySet } from "../policy/PolicySet";
import { YamlNode } from "../policy/YamlNode";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SENSITIVITY_LABELS, type SensitivityLabel } from "../records/SensitivityLabel";
import { parseHubInstant } from "../timescales/londonTime";
import { readRetentionHold } from "./readRetentionPolicy";
import { type RetentionHold } from "./RetentionPolicy";
import { retentionDecision, type RetentionDecision } from "./retentionDecision";

/** What a case expects; only the keys it states are compared. */
export type RetentionExpectation = Partial<RetentionDecision>;

export interface RetentionTestCase {
  name: string;
  line: number;
  recordType: RecordType;
  labels: SensitivityLabel[];
  details: Record<string, unknown>;
  updatedAt: Date;
  at: Date;
  expected: RetentionExpectation;
}

/** A suite may state holds of its own (as `retentionHolds` entries), added to the policy for its cases only. */
export interface RetentionTestSuite {
  file: string;
  holds: RetentionHold[];
  cases: RetentionTestCase[];
}

/**
 * Reads every `*.test.yaml` in `dir` (`policies/tests/retention/`), strictly: an unknown key, record
 * type, label or rule id, or an instant that is not one, is a PolicyError naming the file and line.
 */
export function loadRetentionTestSuites(dir: string, policy: PolicySet): RetentionTestSuite[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((file) => {
      const { root } = YamlNode.parse(join(dir, file), readFileSync(join(dir, file), "utf8"));
      const map = root.map(["cases"], ["description", "holds"]);
      map.optional("description")?.string();
      const holds = (map.optional("holds")?.list() ?? []).map(readRetentionHold);
      const ruleIds = [...policy.retention.rules.map((rule) => rule.id)];
      const holdIds = [...policy.retention.holds, ...holds].map((hold) => hold.id);
      const names = new Set<string>();
      const cases = map.required("cases").list().map((node) => {
        const testCase = readCase(node, ruleIds, holdIds);
        if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
        names.add(testCase.name);
        return testCase;
      });
      if (cases.length === 0) map.required("cases").fail("a retention suite has at least one case");
      return { file, holds, cases };
    });
}

function readCase(node: YamlNode, ruleIds: string[], holdIds: string[]): RetentionTestCase {
  const map = node.map(["name", "recordType", "details", "updatedAt", "at", "expect"], ["labels"]);
  const details: Record<string, unknown> = {};
  for (const [key, value] of map.required("details").entries()) details[key.string()] = value.isNull() ? null : value.isBoolean() ? value.boolean() : value.string();
  const expectMap = map.required("expect").map([], ["rule", "endedOn", "keptUntil", "expired", "heldBy"]);
  const expected: RetentionExpectation = {};
  const rule = expectMap.optional("rule");
  if (rule) expected.rule = rule.oneOf(ruleIds, "retention rule");
  for (const key of ["endedOn", "keptUntil"] as const) {
    const day = expectMap.optional(key);
    if (day) expected[key] = day.isNull() ? null : day.date();
  }
  const expired = expectMap.optional("expired");
  if (expired) expected.expired = expired.boolean();
  const heldBy = expectMap.optional("heldBy");
  if (heldBy) expected.heldBy = heldBy.isNull() ? null : heldBy.oneOf(holdIds, "hold");
  return {
    name: map.required("name").string(),
    line: node.line,
    recordType: map.required("recordType").oneOf(RECORD_TYPES, "record type"),
    labels: map.optional("labels")?.listOf(SENSITIVITY_LABELS, "label", { allowEmpty: true }) ?? [],
    details,
    updatedAt: readInstant(map.required("updatedAt")),
    at: readInstant(map.required("at")),
    expected,
  };
}

function readInstant(node: YamlNode): Date {
  const parsed = parseHubInstant(node.string());
  if ("problem" in parsed) node.fail(parsed.problem);
  return parsed;
}

/** Decides a case under the suite's policy, in the shape of its expectation (only the keys it states). */
export function runRetentionTestCase(policy: PolicySet, suite: RetentionTestSuite, testCase: RetentionTestCase): RetentionExpectation {
  const withHolds: PolicySet = { ...policy, retention: { ...policy.retention, holds: [...policy.retention.holds, ...suite.holds] } };
  const decision = retentionDecision(withHolds, { recordType: testCase.recordType, labels: testCase.labels, details: testCase.details, updatedAt: testCase.updatedAt }, testCase.at);
  return Object.fromEntries(Object.keys(testCase.expected).map((key) => [key, decision[key as keyof RetentionDecision]]));
}
