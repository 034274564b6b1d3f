import { type DisclosureSubject, type RecordSubject } from "./DisclosureSubject";
import { type PolicySet } from "./PolicySet";

/**
 * The subject with every label a record carries because of what it says (labels.yaml `derivedLabels`),
 * on the record and each of its fields, as if its agency had labelled it: a police record of an
 * active investigation is WITHHOLD_FROM_FAMILY (DOMAIN rule 6) whether or not the force said so.
 */
export function withDerivedLabels(policy: PolicySet, subject: DisclosureSubject): DisclosureSubject {
  if (policy.derivedLabels.length === 0) return subject;
  return { ...subject, records: subject.records.map((record) => withLabels(record, derivedFor(policy, record))) };
}

function derivedFor(policy: PolicySet, record: RecordSubject): RecordSubject["labels"] {
  return policy.derivedLabels
    .filter((rule) => rule.recordType === record.recordType && rule.when.values.includes(record.attributes[rule.when.field] as never))
    .map((rule) => rule.label)
    .filter((label) => !record.labels.includes(label));
}

function withLabels(record: RecordSubject, added: RecordSubject["labels"]): RecordSubject {
  if (added.length === 0) return record;
  return {
    ...record,
    labels: [...record.labels, ...added],
    fields: record.fields.map((field) => ({ ...field, labels: [...new Set([...field.labels, ...added])] })),
  };
}
