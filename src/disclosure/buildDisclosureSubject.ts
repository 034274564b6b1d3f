import { effectiveFieldLabels, RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES } from "../records/RecordType";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { CHILD_DETAILS, CHILD_FIELDS, type DisclosureSubject, type FieldSubject, type RecordSubject } from "../policy/DisclosureSubject";
import { type ConsentState } from "../policy/ConsentState";
import { type RelationshipKind } from "../policy/RelationshipKind";
import { type ChildFile } from "./ChildFile";
import { DEMOGRAPHICS, recordPath } from "./recordPaths";

/** Record labels that decide the record as a whole rather than travel to each field. */
const RECORD_ONLY_LABELS = new Set<SensitivityLabel>([SensitivityLabel.SEALED, SensitivityLabel.BROKERED]);

/**
 * What the policy engine decides on: every field of every record, with its effective labels (the
 * catalogue's, the agency's field labels and the record's own), and each address of the child with
 * its own labels (a refuge or a placement is LOCATION_WITHHELD).
 */
export function buildDisclosureSubject(file: ChildFile | null, relationships: RelationshipKind[], consent: ConsentState): DisclosureSubject {
  if (file === null) return { relationships, consent, consentOverride: false, records: [] };
  const records: RecordSubject[] = [demographicsSubject(file)];
  for (const type of RECORD_TYPES) {
    file.records[type].forEach(({ record, agency }, index) => {
      const path = recordPath(type, index);
      const inherited = record.labels.filter((label) => !RECORD_ONLY_LABELS.has(label));
      const fields: FieldSubject[] = Object.keys(RECORD_FIELDS[type]).map((field) => ({
        path: `${path}.${field}`,
        recordType: type,
        field,
        labels: [...new Set([...effectiveFieldLabels(type, field, record.fieldLabels[field] ?? []), ...inherited])],
      }));
      records.push({ path, recordType: type, providerAgencyType: agency.type, providerAgencyCode: agency.code, labels: record.labels, fields });
    });
  }
  return { relationships, consent, consentOverride: file.consentOverride !== null, records };
}

function demographicsSubject(file: ChildFile): RecordSubject {
  const fields: FieldSubject[] = CHILD_FIELDS.filter((field) => field !== "addresses").map((field) => ({
    path: `${DEMOGRAPHICS}.${field}`,
    recordType: CHILD_DETAILS,
    field,
    labels: [],
  }));
  file.addresses.forEach((address, index) => {
    fields.push({ path: `${DEMOGRAPHICS}.addresses[${index}]`, recordType: CHILD_DETAILS, field: "addresses", labels: address.labels });
  });
  return { path: DEMOGRAPHICS, recordType: CHILD_DETAILS, providerAgencyType: null, providerAgencyCode: null, labels: [], fields };
}
