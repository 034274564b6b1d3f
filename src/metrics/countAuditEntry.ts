import { type AuditEntryInput } from "../audit/recordAuditEntry";
import { auditEntries, redactions, refusals } from "./hubMetrics";

/**
 * An audit entry that committed, counted: by operation, outcome and purpose; a refusal (or a
 * concealment) by its code and rule; each withheld field by the rule that withheld it. Only what the
 * hub's own vocabularies and policy rule ids name — never a child, a value or a field's content.
 */
export function countAuditEntry(entry: AuditEntryInput): void {
  const purpose = entry.access?.purpose ?? "NONE";
  auditEntries.inc({ operation: entry.operation, outcome: entry.outcome, purpose });
  if (entry.refusal) refusals.inc({ purpose, code: entry.refusal.code, rule: entry.refusal.rule ?? "none" });
  // Once per rule, by how many it withheld: a refusal lists every field of the child's file, and each
  // increment hashes its labels.
  const byRule = new Map<string, number>();
  for (const { rule } of entry.fieldsWithheld) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  for (const [rule, count] of byRule) redactions.inc({ rule }, count);
}
