import { type AgencyType } from "../directory/AgencyType";
import { type RestrictionGround, type RestrictionKind } from "../dataSubjectRights/RightsVocabulary";
import { buildDisclosureSubject } from "../disclosure/buildDisclosureSubject";
import { type ChildFile, type LoadedRecord } from "../disclosure/ChildFile";
import { addressPath, recordPath } from "../disclosure/recordPaths";
import { sameSources, visibleIdentity } from "../people/identityFacts";
import { ConsentState } from "../policy/ConsentState";
import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type IdentityFactUnderReview, type RecordUnderReview } from "./SubjectAccessSubject";

/** Where a fact came from (UK GDPR Art 15(1)(g)): the agency record that reported it. */
export interface FactSource {
  recordId: string;
  /** The record's own item, whose decision says whether naming this source is released. */
  recordItem: string;
  recordType: RecordType;
  agencyCode: string;
  agencyName: string;
  agencyType: AgencyType;
  /** When the agency says the facts were true, if it said. */
  recordedAt: Date | null;
  /** When the hub received the record. */
  receivedAt: Date;
}

/** A field that holds something; its value is in `FactsHeld.contents`, under its item. */
export interface HeldField {
  item: string;
  field: string;
}

/** A record; its reference (the agency's own, where the full record is: design principle 1) is in `FactsHeld.contents`, under its item. */
export interface HeldRecord {
  item: string;
  source: FactSource;
  updatedAt: Date;
  /** The fields that hold something; an empty one is not a fact held. */
  fields: HeldField[];
  /** Supplementary statements on the record or its facts, and restrictions in force (UK GDPR Arts 16, 18, 21); none on a sealed or brokered record. */
  rights: HeldRights;
}

/** A data subject's rights as exercised over one record: each names its fact (`field`), or none for the whole record. */
export interface HeldRights {
  statements: { field: string | null; statement: string; attachedAt: Date }[];
  restrictions: { field: string | null; kind: RestrictionKind; ground: RestrictionGround; since: Date }[];
}

export const IdentityFactKind = {
  NAME: "NAME",
  DATE_OF_BIRTH: "DATE_OF_BIRTH",
  EXPECTED_DATE_OF_BIRTH: "EXPECTED_DATE_OF_BIRTH",
  SEX: "SEX",
  ADDRESS: "ADDRESS",
} as const;
export type IdentityFactKind = (typeof IdentityFactKind)[keyof typeof IdentityFactKind];
export const IDENTITY_FACT_KINDS = Object.values(IdentityFactKind);

/** A name, date of birth, sex or address; its value is in `FactsHeld.contents`, under its item. */
export interface HeldIdentityFact {
  item: string;
  kind: IdentityFactKind;
  /** The controller's records that reported it, oldest first. */
  sources: FactSource[];
}

export interface FactsHeld {
  records: HeldRecord[];
  identity: HeldIdentityFact[];
  /**
   * What each item holds, by item: a field's value as the agency sent it (text, a date, a number, a
   * list, a person), a record's agency reference, an identity fact's value (a name `{ givenNames,
   * familyName, kind }`, an address `{ kind, line1, …, localAuthority }`, a date or sex as text). Kept
   * apart from the items, so that an item is built without its value and the review adds it only to an
   * item its decision does not withhold (`buildSubjectAccessReport`): deny by default.
   */
  contents: ReadonlyMap<string, unknown>;
  /** The same facts as the exemptions see them. */
  underReview: { records: RecordUnderReview[]; identity: IdentityFactUnderReview[] };
}

const NOTHING_HELD: FactsHeld = { records: [], identity: [], contents: new Map(), underReview: { records: [], identity: [] } };

/** Whose records a report is made of: one agency's (`code`), or — for the policy's own test suites — every agency's. */
export type Controller = { code: string } | "EVERY_AGENCY";

/**
 * What the controller holds about the child (UK GDPR Art 15(1)(b), (g); Art 15 is per controller): the
 * names, dates of birth, sex and addresses its own records reported, and each of its records' facts,
 * field by field, each with the record it came from — lapsed or not, it still holds them. Another
 * agency's records give nothing: no value, no item, no source. Every value its records reported is listed, not only the one a
 * disclosure would show: a date of birth it has wrong is still held. Labels are those a disclosure would
 * apply (`buildDisclosureSubject`, over the whole file, so a label another agency put on a fact this one
 * also reported still holds it: pooling never launders a restriction), so a field is judged for the
 * requester as it is for any recipient. Values are kept apart (`contents`).
 */
export function factsHeld(file: ChildFile | null, controller: Controller): FactsHeld {
  if (file === null) return NOTHING_HELD;
  const ours = ({ agency }: LoadedRecord) => controller === "EVERY_AGENCY" || agency.code === controller.code;
  const loaded = new Map<string, LoadedRecord>();
  for (const type of RECORD_TYPES) for (const entry of file.records[type]) if (ours(entry)) loaded.set(entry.record.id, entry);

  const subject = buildDisclosureSubject(file, { relationships: [], consent: ConsentState.NOT_RECORDED, openCaseReference: false });
  const byPath = new Map(subject.records.map((record) => [record.path, record]));
  const records: HeldRecord[] = [];
  const recordsUnderReview: RecordUnderReview[] = [];
  const contents = new Map<string, unknown>();
  for (const type of RECORD_TYPES) {
    for (const entry of file.records[type]) {
      const { record, details } = entry;
      const item = recordPath(type, record.id);
      const decided = byPath.get(item);
      if (decided === undefined || !loaded.has(record.id)) continue;
      const held = Object.keys(RECORD_FIELDS[type]).filter((field) => holds(details[field]));
      contents.set(item, record.agencyReference);
      for (const field of held) contents.set(`${item}.${field}`, details[field]);
      records.push({
        item, source: sourceOf(entry), updatedAt: record.updatedAt,
        fields: held.map((field) => ({ item: `${item}.${field}`, field })),
        rights: isRestrictedRecord(record.labels) ? { statements: [], restrictions: [] } : rightsOver(file, record.id),
      });
      recordsUnderReview.push({
        item, recordId: record.id, recordType: type, agencyCode: decided.providerAgencyCode ?? "", labels: decided.labels, attributes: decided.attributes,
        fields: decided.fields.filter((field) => held.includes(field.field)).map((field) => ({ item: field.path, field: field.field, labels: field.labels })),
      });
    }
  }

  const restricted = (ids: readonly string[]) => ids.every((id) => isRestrictedRecord(loaded.get(id)?.record.labels ?? []));
  const identity = identityFacts(file, (ids) => ids.filter((id) => loaded.has(id)), restricted);
  for (const fact of identity) contents.set(fact.item, fact.value);
  return {
    records,
    identity: identity.map((fact) => ({ item: fact.item, kind: fact.kind, sources: fact.sources.map((id) => sourceOf(loaded.get(id) as LoadedRecord)) })),
    contents,
    underReview: { records: recordsUnderReview, identity: identity.map(({ item, labels, sources }) => ({ item, labels, sources })) },
  };
}

function rightsOver(file: ChildFile, recordId: string): HeldRights {
  return {
    statements: file.rights.statements.filter((entry) => entry.recordId === recordId).map(({ field, statement, attachedAt }) => ({ field, statement, attachedAt })),
    restrictions: file.rights.restrictions.filter((entry) => entry.recordId === recordId).map(({ field, kind, ground, restrictedAt }) => ({ field, kind, ground, since: restrictedAt })),
  };
}

function sourceOf({ record, agency }: LoadedRecord): FactSource {
  return {
    recordId: record.id, recordItem: recordPath(record.recordType, record.id), recordType: record.recordType,
    agencyCode: agency.code, agencyName: agency.name, agencyType: agency.type, recordedAt: record.recordedAt, receivedAt: record.receivedAt,
  };
}

interface IdentityFact {
  item: string;
  kind: IdentityFactKind;
  value: unknown;
  labels: readonly SensitivityLabel[];
  /** Ids of linked records. */
  sources: string[];
}

/**
 * Each name and address with its sources, and each distinct date of birth, expected date of birth and
 * sex some record reported. An item's name never carries what its value withholds: names and addresses
 * are named by their ids, and a date or sex by its value only when a record that is not restricted
 * reports it (it is shown then anyway) — one only sealed or brokered records report is named by the
 * least id among those records, so `demographics.sex[…]` cannot tell a new identity's sex or date of
 * birth while its value is withheld.
 */
function identityFacts(file: ChildFile, linked: (ids: readonly string[]) => string[], restricted: (ids: readonly string[]) => boolean): IdentityFact[] {
  const { identity } = file;
  const facts: IdentityFact[] = [];
  for (const name of identity.names) {
    const sources = linked(name.sources);
    if (sources.length > 0) facts.push({ item: `demographics.names[${name.id}]`, kind: IdentityFactKind.NAME, value: { givenNames: name.givenNames, familyName: name.familyName, kind: name.kind }, labels: [], sources });
  }
  // Records from before the hub kept what each reported stand for the child's usual identity.
  const reported = <T>(usual: T | null, read: (report: (typeof identity.reports)[number]) => T | null): Map<T, string[]> => {
    const values = new Map<T, string[]>();
    for (const report of identity.reports) {
      const value = report.identity.backfilled === true ? usual : read(report);
      if (value !== null && value !== undefined) values.set(value, [...(values.get(value) ?? []), report.recordId]);
    }
    return values;
  };
  const single = <T>(kind: IdentityFactKind, key: string, values: Map<T, string[]>) => {
    for (const [value, ids] of values) {
      const sources = linked(ids);
      if (sources.length === 0) continue;
      const named = restricted(sources) ? `record:${[...sources].sort()[0]}` : String(value);
      facts.push({ item: `demographics.${key}[${named}]`, kind, value, labels: [], sources });
    }
  };
  single(IdentityFactKind.DATE_OF_BIRTH, "dateOfBirth", reported(identity.usual.dateOfBirth, (report) => report.identity.dateOfBirth));
  single(IdentityFactKind.EXPECTED_DATE_OF_BIRTH, "expectedDateOfBirth", reported(identity.usual.expectedDateOfBirth, (report) => report.identity.expectedDateOfBirth));
  single(IdentityFactKind.SEX, "sex", reported(identity.usual.sex, (report) => report.identity.sex));
  // Every linked record is "visible" here: what is wanted is each address with its effective labels.
  const everyRecord = new Set(identity.reports.map((report) => report.recordId));
  for (const address of visibleIdentity(identity, sameSources(everyRecord)).addresses) {
    const sources = linked(address.sources);
    if (sources.length === 0) continue;
    const { kind, line1, line2, town, postcode, localAuthority, validFrom } = address;
    facts.push({ item: addressPath(address.id), kind: IdentityFactKind.ADDRESS, value: { kind, line1, line2, town, postcode, localAuthority, validFrom }, labels: address.labels, sources });
  }
  return facts;
}

function holds(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}
