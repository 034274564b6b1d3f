import { PolicyError } from "../policy/PolicyError";
import { type Located } from "../policy/readPolicyFile";
import { ruleBase } from "../policy/ruleBase";
import { type YamlNode } from "../policy/YamlNode";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SENSITIVITY_LABELS, type SensitivityLabel } from "../records/SensitivityLabel";
import { RETENTION_HOLD_KINDS, type RetentionHold, type RetentionMinimum, type RetentionPolicy, type RetentionRule } from "./RetentionPolicy";
import { retentionYears } from "./retentionDecision";

/** `retention:` — one rule: the record types (all if absent), the labels (a type's default if absent), the years kept after the end. */
export function readRetentionRule(node: YamlNode): RetentionRule {
  const map = node.map(["id", "description", "keepYearsAfterEnd"], ["recordTypes", "labels"]);
  return {
    ...ruleBase(node, map),
    recordTypes: map.optional("recordTypes")?.listOf(RECORD_TYPES, "record type") ?? null,
    labels: map.optional("labels")?.listOf(SENSITIVITY_LABELS, "label") ?? null,
    keepYearsAfterEnd: map.required("keepYearsAfterEnd").integer(1),
  };
}

/** `retentionMinima:` — a statutory or guidance floor, in years after the end, for record types and labels. */
export function readRetentionMinimum(node: YamlNode): RetentionMinimum {
  const map = node.map(["id", "description", "minimumYearsAfterEnd"], ["recordTypes", "labels"]);
  return {
    ...ruleBase(node, map),
    recordTypes: map.optional("recordTypes")?.listOf(RECORD_TYPES, "record type") ?? null,
    labels: map.optional("labels")?.listOf(SENSITIVITY_LABELS, "label") ?? null,
    minimumYearsAfterEnd: map.required("minimumYearsAfterEnd").integer(0),
  };
}

/** `retentionHolds:` — an inquiry's or litigation's hold: its kind, when it is in force, what it covers (all if absent). */
export function readRetentionHold(node: YamlNode): RetentionHold {
  const map = node.map(["id", "description", "kind", "from"], ["until", "recordTypes"]);
  const from = map.required("from").date();
  const untilNode = map.optional("until");
  const until = untilNode === undefined || untilNode.isNull() ? null : untilNode.date();
  if (until !== null && until < from) untilNode?.fail(`a hold cannot end (${until}) before it begins (${from})`);
  return {
    ...ruleBase(node, map),
    kind: map.required("kind").oneOf(RETENTION_HOLD_KINDS, "hold kind"),
    from,
    until,
    recordTypes: map.optional("recordTypes")?.listOf(RECORD_TYPES, "record type") ?? null,
  };
}

/**
 * The retention policy, checked as a whole: every record type has exactly one default rule (none is
 * kept for ever by omission, none twice), and no record is kept for less than a minimum that covers
 * it — for each record type and each label a minimum names, the period a record carrying it would get.
 */
export function retentionPolicy(dir: string, rules: Located<RetentionRule>[], minima: Located<RetentionMinimum>[], holds: Located<RetentionHold>[]): RetentionPolicy {
  const defaults = new Map<RecordType, Located<RetentionRule>>();
  for (const located of rules) {
    if (located.value.labels !== null) continue;
    for (const type of located.value.recordTypes ?? RECORD_TYPES) {
      const earlier = defaults.get(type);
      if (earlier) located.node.fail(`${type} already has a default retention rule at ${earlier.node.file}:${earlier.node.line}`);
      defaults.set(type, located);
    }
  }
  const missing = RECORD_TYPES.filter((type) => !defaults.has(type));
  if (missing.length > 0) throw new PolicyError(dir, 0, 0, `no retention rule for record type(s) ${missing.join(", ")}: every record type must say how long what it reports is kept`);
  const policy: RetentionPolicy = { rules: rules.map(({ value }) => value), minima: minima.map(({ value }) => value), holds: holds.map(({ value }) => value) };
  for (const { value: minimum, node } of minima) {
    const labelSets: SensitivityLabel[][] = minimum.labels === null ? [[]] : minimum.labels.map((label) => [label]);
    for (const type of minimum.recordTypes ?? RECORD_TYPES) {
      for (const labels of labelSets) {
        const { years, rule } = retentionYears(policy, type, labels);
        if (years < minimum.minimumYearsAfterEnd) {
          node.fail(`minimum "${minimum.id}" requires ${minimum.minimumYearsAfterEnd} years for ${type}${labels.length > 0 ? ` labelled ${labels[0]}` : ""}, but rule "${rule}" keeps it ${years}`);
        }
      }
    }
  }
  return policy;
}
