import { involvementEnd, londonDay } from "../policy/involvementLapse";
import { type PolicySet } from "../policy/PolicySet";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type RetentionHold, type RetentionPolicy } from "./RetentionPolicy";

/** What retention reads of a record: its type, every label on it or its fields, its details, and when the hub was last told of it. */
export interface RetainedRecord {
  recordType: RecordType;
  labels: readonly SensitivityLabel[];
  details: Readonly<Record<string, unknown>>;
  updatedAt: Date;
}

export interface RetentionDecision {
  /** The rule whose period applies (the longest of those that cover the record). */
  rule: string;
  /** The day the record ended (`policies/relationships.yaml`'s involvement rule for its type); null while it goes on. */
  endedOn: string | null;
  /** The last day it is kept; null while it goes on. */
  keptUntil: string | null;
  /** Past its last day and not held: what it reported may leave the hub (if no other record reported it). */
  expired: boolean;
  /** The hold in force that keeps it past its last day; null if none (or it has not expired). */
  heldBy: string | null;
}

/** The years a record of this type with these labels is kept after its end, and the rule that says so: the longest that applies. */
export function retentionYears(policy: RetentionPolicy, recordType: RecordType, labels: readonly SensitivityLabel[]): { years: number; rule: string } {
  let best: { years: number; rule: string } | null = null;
  for (const rule of policy.rules) {
    if (rule.recordTypes !== null && !rule.recordTypes.includes(recordType)) continue;
    if (rule.labels !== null && !rule.labels.some((label) => labels.includes(label))) continue;
    if (best === null || rule.keepYearsAfterEnd > best.years) best = { years: rule.keepYearsAfterEnd, rule: rule.id };
  }
  if (best === null) throw new TypeError(`no retention rule covers ${recordType}`);
  return best;
}

/** The holds in force on the day `now` falls on in England. */
export function holdsInForce(policy: RetentionPolicy, now: Date): RetentionHold[] {
  const today = londonDay(now);
  return policy.holds.filter((hold) => hold.from <= today && (hold.until === null || today <= hold.until));
}

/** Adds whole years to a calendar day (29 February moves to 1 March in a year without one). */
export function addYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/**
 * Whether a record has passed its retention on the day `now` falls on in England: its end is the end
 * of the involvement it founds (the same rule that says when the agency stops being involved), its
 * period the longest retention rule that covers its type and labels, and a hold in force that covers
 * its type keeps it.
 */
export function retentionDecision(policy: PolicySet, record: RetainedRecord, now: Date): RetentionDecision {
  const { years, rule } = retentionYears(policy.retention, record.recordType, record.labels);
  const involvement = policy.involvement.get(record.recordType);
  if (involvement === undefined) throw new TypeError(`no involvement rule for ${record.recordType}`);
  const end = involvementEnd(involvement, record.details, londonDay(record.updatedAt));
  if (end === null) return { rule, endedOn: null, keptUntil: null, expired: false, heldBy: null };
  const keptUntil = addYears(end.on, years);
  if (londonDay(now) <= keptUntil) return { rule, endedOn: end.on, keptUntil, expired: false, heldBy: null };
  const hold = holdsInForce(policy.retention, now).find((candidate) => candidate.recordTypes === null || candidate.recordTypes.includes(record.recordType));
  return { rule, endedOn: end.on, keptUntil, expired: hold === undefined, heldBy: hold?.id ?? null };
}
