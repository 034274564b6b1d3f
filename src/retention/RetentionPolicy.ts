import { type PolicyRule } from "../policy/PolicySet";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";

/**
 * How long the hub keeps what a record reported after the record's end (`policies/retention.yaml`).
 * `recordTypes` null: every record type. `labels` null: the record type's default — exactly one per
 * type; a rule with labels applies to a record carrying any of them (on the record or on a field), and
 * the longest period that applies wins.
 */
export interface RetentionRule extends PolicyRule {
  recordTypes: RecordType[] | null;
  labels: SensitivityLabel[] | null;
  keepYearsAfterEnd: number;
}

/** A floor set by law or guidance: no rule may keep what it covers for less (checked at start-up). */
export interface RetentionMinimum extends PolicyRule {
  recordTypes: RecordType[] | null;
  labels: SensitivityLabel[] | null;
  minimumYearsAfterEnd: number;
}

export const RetentionHoldKind = {
  /** A statutory or public inquiry asked that nothing be destroyed (e.g. Inquiries Act 2005 s.35). */
  INQUIRY: "INQUIRY",
  /** Litigation is in prospect or under way: the records it may need are preserved (CPR Part 31). */
  LITIGATION: "LITIGATION",
} as const;
export type RetentionHoldKind = (typeof RetentionHoldKind)[keyof typeof RetentionHoldKind];
export const RETENTION_HOLD_KINDS = Object.values(RetentionHoldKind);

/**
 * A hold for an inquiry or litigation: while in force (`from`, to `until` inclusive, open-ended when
 * null) nothing it covers is removed, however long past its period. `recordTypes` null: it covers every
 * record, and the retention job removes nothing at all.
 */
export interface RetentionHold extends PolicyRule {
  kind: RetentionHoldKind;
  from: string;
  until: string | null;
  recordTypes: RecordType[] | null;
}

export interface RetentionPolicy {
  rules: readonly RetentionRule[];
  minima: readonly RetentionMinimum[];
  holds: readonly RetentionHold[];
}
