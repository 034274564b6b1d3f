import { type DataSource } from "typeorm";
import { type Agency } from "../directory/Agency";
import { type Child } from "../people/Child";
import { type ChildAddress } from "../people/ChildAddress";
import { type ChildName } from "../people/ChildName";
import { type AgencyRecord } from "../records/AgencyRecord";
import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, RecordType } from "../records/RecordType";
import { type ConsentOverride } from "../consent/ConsentOverride";
import { CONSENT_STANDS, OVERRIDE_STANDS } from "../consent/decisionStandsSql";
import { consentFact, type ConsentFact, type StoredConsentDecision } from "../consent/effectiveConsent";
import { type ChildFile, type LoadedRecord, type PersonFacts } from "./ChildFile";
import { preparedStatement as prepared } from "../db/preparedStatement";
import { recordedFacts, recordedUnderSql, type RecordedRow } from "../referrals/recordedUnderReference";
import { type Referral } from "../referrals/Referral";
import { type Relationship } from "../people/Relationship";
import { RESTRICTING_LABELS } from "../records/restrictedRecord";
import { RECORD_RIGHTS_SQL, recordRightsFrom, type RecordRightsRow } from "../dataSubjectRights/loadRecordRights";
import { STANDING_EXCLUSIONS_SQL, standingExclusionFrom, type StandingExclusion, type StandingExclusionRow } from "../exclusions/loadExclusions";

/** A child's file as a read finds it, and who is kept out of it. */
export interface ChildFileRead {
  /** null when the hub holds no child with the SUI. */
  file: ChildFile | null;
  /** The standing exclusions of the child holding the SUI (`exclusions/`); none when the hub holds no such child. */
  exclusions: StandingExclusion[];
}

/** The child with this SUI and everything linked to them, or null when the hub has no such child (`loadChildFileRead`). */
export async function loadChildFile(dataSource: DataSource, sui: string, now: Date): Promise<ChildFile | null> {
  return (await loadChildFileRead(dataSource, sui, now)).file;
}

/**
 * Loads the child with this SUI and everything linked to them, and the child's standing exclusions.
 *
 * Every disclosure starts here, so it is five set-based queries rather than an entity graph: the child
 * with names (each with the records that reported it) and each record's addresses; every agency record linked to
 * the child (a POSSIBLE or REJECTED link is not this child's record, to disclose or to found a
 * relationship on) with its agency, its details (whichever detail table holds them) and the adult it
 * is about; the agencies holding a linked adult; consent decisions and the override in force; the
 * referrals MASH practitioners opened about the child. The child's statement also carries the
 * supplementary statements and restrictions on the child's records (`dataSubjectRights/loadRecordRights`)
 * and the exclusions standing on the child (`exclusions/loadExclusions`); it answers with a row whether
 * or not the hub holds the child, so both cost the same statement.
 *
 * The five are keyed by the SUI and always run, together: a child the hub does not hold costs the same
 * statements as one it does, so how long the answer takes does not say whether the child exists.
 */
export async function loadChildFileRead(dataSource: DataSource, sui: string, now: Date): Promise<ChildFileRead> {
  const [[childRow], recordRows, linkedAdultRows, consentRows, referralRows] = await Promise.all([
    prepared<ChildRow>(dataSource, "hub_child", CHILD_SQL, [sui]),
    prepared<RecordRow>(dataSource, "hub_child_records", RECORDS_SQL, [sui]),
    prepared<LinkedAdultRow>(dataSource, "hub_child_linked_adult_agencies", LINKED_ADULT_AGENCIES_SQL, [sui]),
    prepared<ConsentRow>(dataSource, "hub_child_consent", CONSENT_SQL, [sui, now]),
    prepared<ReferralRow>(dataSource, "hub_child_referrals", REFERRALS_SQL, [sui]),
  ]);
  // Asked by the SUI the child holds now, so each has one.
  const exclusions = childRow.exclusions.map((row) => standingExclusionFrom(row) as StandingExclusion);
  if (childRow.id === null) return { file: null, exclusions };

  const child = {
    id: childRow.id, sui: childRow.sui, givenNames: childRow.given_names, familyName: childRow.family_name,
    dateOfBirth: childRow.date_of_birth, expectedDateOfBirth: childRow.expected_date_of_birth, sex: childRow.sex,
    createdAt: childRow.created_at, updatedAt: childRow.updated_at,
  } as Child;
  const records = Object.fromEntries(RECORD_TYPES.map((type) => [type, [] as LoadedRecord[]])) as Record<RecordType, LoadedRecord[]>;
  const loaded = recordRows.map(loadedRecord);
  for (const record of loaded) records[record.record.recordType].push(record);

  const facts = consentRows.filter((row) => row.kind === "consent");
  const override = consentRows.find((row) => row.kind === "override");
  const file: ChildFile = {
    child,
    identity: {
      usual: { givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth, expectedDateOfBirth: child.expectedDateOfBirth, sex: child.sex },
      names: childRow.names.map((n) => ({ id: n.id, givenNames: n.given_names, familyName: n.family_name, kind: n.kind, sources: n.sources })),
      addresses: childRow.addresses.map((a) => ({
        id: a.id, kind: a.kind, line1: a.line1, line2: a.line2, town: a.town, postcode: a.postcode, localAuthority: a.local_authority,
        labels: a.labels, validFrom: a.valid_from, firstReportedAt: new Date(a.first_reported_at), sourceRecordId: a.source_record_id,
      })),
      reports: loaded.map(({ record }) => ({ recordId: record.id, labels: record.labels, identity: record.reportedIdentity })),
    },
    records,
    linkedAdultHolders: linkedAdultRows.map((row) => ({
      agencyCode: row.agency_code, sourceRecordId: row.source_record_id, relationship: row.relationship,
      holderRecord: { id: row.holder_record_id, recordType: row.holder_record_type, updatedAt: new Date(row.holder_updated_at), details: detailsOf(row.holder_record_type, row.holder_details, null) },
    })),
    consentFacts: facts.map((row) => consentFact({
      givenBy: row.given_by, competence: row.competence, adultId: row.adult_id, legacyGiverDescription: row.legacy_giver_description,
      decision: row.decision, purposes: row.purposes, recordedAt: new Date(row.recorded_at),
    })),
    consentOverride: override ? ({ id: override.id, reviewBy: new Date(override.review_by), recordedAt: new Date(override.recorded_at) } as ConsentOverride) : null,
    referrals: referralRows.map((row) => ({
      id: row.id, sui: row.sui, localAuthority: row.local_authority, reference: row.reference, stage: row.stage, referralSource: row.referral_source,
      receivedAt: new Date(row.received_at), stageStartedAt: new Date(row.stage_started_at), decidedAt: row.decided_at === null ? null : new Date(row.decided_at), decision: row.decision,
      recordedUnder: row.recorded_under.map(recordedFacts),
    })),
    rights: recordRightsFrom(childRow.rights),
  };
  return { file, exclusions };
}

const SUBJECT_FIELD: Partial<Record<RecordType, string>> = { [RecordType.PROBATION]: "offender", [RecordType.PRISON]: "prisoner" };

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A detail row (snake_case columns) as the record type's fields; the adult it is about as given. */
function detailsOf(type: RecordType, row: Record<string, unknown>, subject: PersonFacts | null): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const field of Object.keys(RECORD_FIELDS[type])) {
    details[field] = field === SUBJECT_FIELD[type] ? subject : (row[snakeCase(field)] ?? null);
  }
  return details;
}

function loadedRecord(row: RecordRow): LoadedRecord {
  const type = row.record_type;
  const details = detailsOf(type, row.details, row.subject);
  const agency = {
    code: row.agency.code, name: row.agency.name, type: row.agency.type, localAuthority: row.agency.local_authority,
    policeForceArea: row.agency.police_force_area, contactEmail: row.agency.contact_email, contactPhone: row.agency.contact_phone, active: row.agency.active,
  } as Agency;
  const record = {
    id: row.id, agencyReference: row.agency_reference, recordType: type, labels: row.labels, fieldLabels: row.field_labels,
    reportedIdentity: row.reported_identity, linkMethod: row.link_method, linkState: row.link_state, linkOrigin: row.link_origin, recordedAt: row.recorded_at,
    receivedAt: row.received_at, updatedAt: row.updated_at, version: row.version,
  } as AgencyRecord;
  return { record, agency, details };
}

// Dates as text: node-postgres would turn a DATE into a local-midnight Date, shifting it a day in some zones.
const CHILD_SQL = `
  SELECT c.id, c.sui, c.given_names, c.family_name, c.date_of_birth::text AS date_of_birth,
    c.expected_date_of_birth::text AS expected_date_of_birth, c.sex, c.created_at, c.updated_at,
    COALESCE((SELECT json_agg(n ORDER BY n.first_reported_at, n.id) FROM child_name n WHERE n.child_id = c.id), '[]') AS names,
    COALESCE((SELECT json_agg(a ORDER BY a.first_reported_at, a.id) FROM child_address a WHERE a.child_id = c.id), '[]') AS addresses,
    COALESCE((SELECT json_agg(x ORDER BY x.at, x.id) FROM (${RECORD_RIGHTS_SQL("c.id")}) x), '[]') AS rights,
    COALESCE((SELECT json_agg(e ORDER BY e.id) FROM (${STANDING_EXCLUSIONS_SQL("c.sui = $1")}) e), '[]') AS exclusions
  FROM (SELECT) AS asked LEFT JOIN child c ON c.sui = $1`;

/** The child's id from the SUI, inside each query: every query runs whether or not the child exists. */
const CHILD_ID = "(SELECT id FROM child WHERE sui = $1)";

/**
 * An adult a record is about, as the record's own agency reported them (design principle 8): that
 * agency's usual name for the person, its other names as aliases, the date of birth it gave. Another
 * agency's report of the same person (a name change a prison was told of, an address a clinic holds)
 * never shows through this record, nor does a name the agency reported only in a sealed or brokered
 * record (`SHOWN_NAME`) unless this record is restricted too.
 */
const PERSON = (alias: string) => `
  (SELECT json_build_object('givenNames', u.given_names, 'familyName', u.family_name,
     'dateOfBirth', (SELECT i.date_of_birth FROM adult_identifier i WHERE i.adult_id = p.id AND i.agency_code = r.agency_code AND i.date_of_birth IS NOT NULL ORDER BY i.created_at, i.id LIMIT 1),
     'aliases', COALESCE((SELECT json_agg(n.given_names || ' ' || n.family_name ORDER BY n.first_reported_at, n.id)
                          FROM adult_name n WHERE n.adult_id = p.id AND n.reported_by = r.agency_code AND n.id <> u.id AND ${SHOWN_NAME}), '[]'))
   FROM adult p
   JOIN LATERAL (SELECT n.id, n.given_names, n.family_name FROM adult_name n WHERE n.adult_id = p.id AND n.reported_by = r.agency_code AND ${SHOWN_NAME}
                 ORDER BY n.kind = 'USUAL' DESC, n.first_reported_at, n.id LIMIT 1) u ON true
   WHERE p.id = ${alias})`;

/** A record's detail row, whichever of the seven tables holds it (`DETAILS`), joined on the record `alias`. */
const DETAIL_JOINS = (alias: string) => ["social_care_record sc", "police_record po", "health_record he", "education_record ed", "probation_record pb", "prison_record pr", "youth_justice_record yj"]
  .map((table) => `LEFT JOIN ${table} ON ${table.split(" ")[1]}.record_id = ${alias}.id`).join("\n  ");
const DETAILS = "COALESCE(to_jsonb(sc), to_jsonb(po), to_jsonb(he), to_jsonb(ed), to_jsonb(pb), to_jsonb(pr), to_jsonb(yj), '{}')";
/** The labels that keep a record to its own agency, as an SQL array. */
const RESTRICTING = `ARRAY[${RESTRICTING_LABELS.map((label) => `'${label}'`).join(", ")}]::text[]`;
/** An adult's name `n` as record `r` may show it: a restricted name only through a restricted record. */
const SHOWN_NAME = `(NOT n.restricted OR r.labels && ${RESTRICTING})`;

const RECORDS_SQL = `
  SELECT r.*, to_jsonb(ag) AS agency,
    ${DETAILS} AS details,
    COALESCE(${PERSON("pb.offender_id")}, ${PERSON("pr.prisoner_id")}) AS subject
  FROM agency_record r
  JOIN agency ag ON ag.code = r.agency_code
  ${DETAIL_JOINS("r")}
  WHERE r.child_id = ${CHILD_ID} AND r.link_state = 'LINKED'
  ORDER BY r.received_at, r.id`;

/**
 * The agencies holding an adult the child's confirmed records relate to the child, each through a
 * confirmed record of its own that names the adult now (`rel2`, by the reference it uses for them):
 * - through the source record itself (its own agency's relationship), whatever the reference's link;
 * - through another record of its own only by a reference not linked on a guess (FOUNDED, IDENTIFIER,
 *   MANUAL), and never through a sealed or brokered record, neither the source nor its own, unless the
 *   source is its own agency's: a restricted record contributes nothing outside itself;
 * - with that record's type, last update and details, so its involvement's lapse ends the holding.
 */
const LINKED_ADULT_AGENCIES_SQL = `
  SELECT DISTINCT r2.agency_code, rel.source_record_id, rel.relationship, r2.id AS holder_record_id, r2.record_type AS holder_record_type,
    r2.updated_at AS holder_updated_at,
    ${DETAILS} AS holder_details
  FROM child_adult_relationship rel
  JOIN agency_record r ON r.id = rel.source_record_id AND r.link_state = 'LINKED' AND r.link_method <> 'PROBABILISTIC'
  JOIN child_adult_relationship rel2 ON rel2.adult_id = rel.adult_id
  JOIN agency_record r2 ON r2.id = rel2.source_record_id AND r2.link_state = 'LINKED' AND r2.link_method <> 'PROBABILISTIC'
  JOIN adult_identifier i ON i.adult_id = rel2.adult_id AND i.agency_code = r2.agency_code AND i.reference = rel2.adult_reference
  ${DETAIL_JOINS("r2")}
  WHERE rel.child_id = ${CHILD_ID}
    AND (rel2.id = rel.id
      OR (i.link_method <> 'PROBABILISTIC'
          AND NOT (r2.labels && ${RESTRICTING})
          AND (r.agency_code = r2.agency_code OR NOT (r.labels && ${RESTRICTING}))))`;

const CONSENT_SQL = `
  SELECT 'consent' AS kind, id, given_by, competence, adult_id, legacy_giver_description, decision, purposes, recorded_at, NULL::timestamptz AS review_by
    FROM consent_record c WHERE c.child_id = ${CHILD_ID} AND ${CONSENT_STANDS("c")}
  UNION ALL
  (SELECT 'override', id, NULL, NULL, NULL, NULL, NULL, NULL, recorded_at, review_by
    FROM consent_override o WHERE o.child_id = ${CHILD_ID} AND o.review_by > $2 AND ${OVERRIDE_STANDS("o")} ORDER BY o.recorded_at DESC LIMIT 1)`;

/** The referrals naming the child, its own or a household view's, each with what the authority's own system recorded under its reference about its own child. */
const REFERRALS_SQL = `
  SELECT f.id, f.sui, f.local_authority, f.reference, f.stage, f.referral_source, f.received_at, f.stage_started_at, f.decided_at, f.decision,
    COALESCE((SELECT json_agg(x ORDER BY COALESCE(x.recorded_at, x.received_at), x.received_at, x.id) FROM (${recordedUnderSql("f.local_authority", "f.reference")} AND c.sui = f.sui) x), '[]') AS recorded_under
  FROM referral f WHERE f.sui = $1 OR f.household_suis @> ARRAY[$1::varchar(10)]`;

interface ReferralRow {
  id: string; sui: string; local_authority: string; reference: string; stage: Referral["stage"]; referral_source: Referral["referralSource"];
  received_at: string | Date; stage_started_at: string | Date; decided_at: string | Date | null; decision: Referral["decision"]; recorded_under: RecordedRow[];
}

/** With every column of the child null when the hub does not hold them. */
interface ChildRow {
  rights: RecordRightsRow[];
  exclusions: StandingExclusionRow[];
  id: string | null; sui: string; given_names: string; family_name: string; date_of_birth: string | null; expected_date_of_birth: string | null;
  sex: Child["sex"]; created_at: Date; updated_at: Date;
  names: { id: string; given_names: string; family_name: string; kind: ChildName["kind"]; sources: string[] }[];
  addresses: {
    id: string; kind: ChildAddress["kind"]; line1: string; line2: string | null; town: string | null; postcode: string; local_authority: string | null;
    labels: ChildAddress["labels"]; valid_from: string | null; first_reported_at: string; source_record_id: string;
  }[];
}

interface RecordRow {
  id: string; agency_reference: string; record_type: RecordType; labels: AgencyRecord["labels"]; field_labels: AgencyRecord["fieldLabels"];
  link_method: AgencyRecord["linkMethod"]; link_state: AgencyRecord["linkState"]; link_origin: AgencyRecord["linkOrigin"];
  recorded_at: Date | null; received_at: Date; updated_at: Date; version: number; reported_identity: AgencyRecord["reportedIdentity"];
  agency: { code: string; name: string; type: Agency["type"]; local_authority: string | null; police_force_area: string | null; contact_email: string | null; contact_phone: string | null; active: boolean };
  details: Record<string, unknown>;
  subject: PersonFacts | null;
}

interface LinkedAdultRow {
  agency_code: string; source_record_id: string; relationship: Relationship;
  holder_record_id: string; holder_record_type: RecordType; holder_updated_at: Date | string; holder_details: Record<string, unknown>;
}

interface ConsentRow {
  kind: "consent" | "override"; id: string; given_by: ConsentFact["givenBy"]; competence: StoredConsentDecision["competence"]; adult_id: string | null;
  legacy_giver_description: string | null; decision: ConsentFact["decision"]; purposes: ConsentFact["purposes"]; recorded_at: string | Date; review_by: string | Date;
}
