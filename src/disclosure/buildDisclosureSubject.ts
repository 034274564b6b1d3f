import { effectiveFieldLabels, RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { RECORD_FIELD_VALUES, type FieldValue } from "../records/recordFieldValues";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { type VisibleIdentity } from "../people/identityFacts";
import { CHILD_DETAILS, type DisclosureSubject, type FieldSubject, type RecordSubject } from "../policy/DisclosureSubject";
import { recordLabelsOnField } from "../policy/decidedFields";
import { type ConsentState } from "../policy/ConsentState";
import { type RelationshipKind } from "../policy/RelationshipKind";
import { type ChildFile } from "./ChildFile";
import { childNotYetBorn } from "./childNotYetBorn";
import { addressPath, DEMOGRAPHICS, recordPath } from "./recordPaths";

/** Record labels that decide the record as a whole rather than travel to each field. */
const RECORD_ONLY_LABELS = new Set<SensitivityLabel>([SensitivityLabel.SEALED, SensitivityLabel.BROKERED]);

export interface SubjectContext {
  relationships: RelationshipKind[];
  consent: ConsentState;
  /** The caller's case reference names an open referral about the child at the caller's local authority. */
  openCaseReference: boolean;
}

/**
 * What the policy engine decides on first: every field of every agency record, with its effective
 * labels (the catalogue's, the agency's field labels and the record's own — a protected location's only
 * on the fields that say where the child is: `policy/decidedFields.ts`). The child's own details
 * are decided afterwards (`demographicsSubject`), from the records the caller turned out to see.
 */
export function buildDisclosureSubject(file: ChildFile | null, context: SubjectContext): DisclosureSubject {
  const base = {
    relationships: context.relationships, consent: context.consent, consentOverride: file?.consentOverride != null, openCaseReference: context.openCaseReference,
    childNotYetBorn: file !== null && childNotYetBorn(file),
  };
  if (file === null) return { ...base, records: [] };
  const records: RecordSubject[] = [];
  for (const type of RECORD_TYPES) {
    for (const { record, agency, details } of file.records[type]) {
      const path = recordPath(type, record.id);
      const inherited = record.labels.filter((label) => !RECORD_ONLY_LABELS.has(label));
      const fields: FieldSubject[] = Object.keys(RECORD_FIELDS[type]).map((field) => ({
        path: `${path}.${field}`,
        recordType: type,
        field,
        labels: [...new Set([...effectiveFieldLabels(type, field, record.fieldLabels[field] ?? []), ...recordLabelsOnField(type, field, inherited)])],
      }));
      records.push({ path, recordType: type, providerAgencyType: agency.type, providerAgencyCode: agency.code, labels: record.labels, attributes: testableValues(type, details), fields });
    }
  }
  return { ...base, records };
}

/**
 * The child's own details as one caller may receive them: a field for each fact the records the caller
 * sees support (a fact no such record reports is not offered at all, so it leaves no trace), each
 * address with its labels, and the local authority with the labels of the residence it comes from — a
 * protected placement's area is as protected as the placement.
 */
export function demographicsSubject(identity: VisibleIdentity): RecordSubject {
  const field = (name: string, labels: readonly SensitivityLabel[] = []): FieldSubject => ({ path: `${DEMOGRAPHICS}.${name}`, recordType: CHILD_DETAILS, field: name, labels: [...labels] });
  const fields: FieldSubject[] = [];
  if (identity.givenNames) fields.push(field("givenNames"), field("familyName"), field("aliases"));
  if (identity.dateOfBirth) fields.push(field("dateOfBirth"));
  if (identity.sex) fields.push(field("sex"));
  if (identity.residence) fields.push(field("localAuthority", identity.residence.labels));
  for (const address of identity.addresses) {
    fields.push({ path: addressPath(address.id), recordType: CHILD_DETAILS, field: "addresses", labels: [...address.labels] });
  }
  return childDetails(fields);
}

/** The child's own details offered for disclosure as these fields. */
export function childDetails(fields: FieldSubject[]): RecordSubject {
  return { path: DEMOGRAPHICS, recordType: CHILD_DETAILS, providerAgencyType: null, providerAgencyCode: null, labels: [], attributes: {}, fields };
}

/** The values of a record's fields that policies may test (a police record's incident type, a school's roll status). */
function testableValues(type: RecordType, details: Readonly<Record<string, unknown>>): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of Object.keys(RECORD_FIELD_VALUES[type])) {
    const value = details[field];
    if (typeof value === "string" || typeof value === "boolean") values[field] = value;
  }
  return values;
}
