import { randomUUID } from "node:crypto";
import { type DataSource, type EntityManager } from "typeorm";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntriesInTransaction, type AuditEntryInput } from "../audit/recordAuditEntry";
import { Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { takeLinkingLock } from "../identity/linkingLock";
import { dropMatchProfiles, rebuildMatchProfiles } from "../identity/matchProfiles";
import { RestrictionGround } from "../dataSubjectRights/RightsVocabulary";
import { type PolicySet } from "../policy/PolicySet";
import { type FieldLabels } from "../records/AgencyRecord";
import { RECORD_DATE_FIELDS, RECORD_FIELD_VALUES } from "../records/recordFieldValues";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { DETAIL_ENTITY } from "../records/saveRecordDetails";
import { holdsInForce, retentionDecision } from "./retentionDecision";

/** What one run did: counts only, nothing about any child. */
export interface RetentionRun {
  runId: string;
  at: Date;
  /** HELD: a hold on every record was in force, and nothing was looked at or removed. */
  status: "APPLIED" | "HELD";
  /** The holds in force that kept something (or, when HELD, everything). */
  holds: string[];
  recordsExamined: number;
  /** Records removed, by record type. */
  recordsRemoved: Partial<Record<RecordType, number>>;
  /** Records past their retention that a hold kept. */
  recordsHeld: number;
  /** Records past their retention that a recorded consent decision rests on (its evidence of parental responsibility): kept while the decision stands. */
  recordsKeptForConsent: number;
  /**
   * Records past their retention that a data subject's right keeps (`dataSubjectRights/`, `subjectAccess/`): one
   * under a restriction in force on ground MAINTAINED_FOR_EVIDENCE or NEEDED_FOR_LEGAL_CLAIMS, one whose erasure was
   * refused under an exemption, or one about a child with a subject access request still open (its clock runs).
   */
  recordsKeptForRights: number;
  /** Names that no remaining record reports, removed with the last record that did. */
  namesRemoved: number;
  /** Addresses removed with the records that reported them (each address is one record's report). */
  addressesRemoved: number;
  /** Relationships to adults removed with the records that stated them. */
  relationshipsRemoved: number;
  /** Children no record reports any more, removed; and those kept because the hub holds something else about them (a referral, a consent decision). */
  childrenRemoved: number;
  childrenKept: number;
}

export interface RetentionServices {
  dataSource: DataSource;
  policy: PolicySet;
}

const PAGE = 1000;
const BATCH = 200;
const FOREIGN_KEY_VIOLATION = "23503";
/** Restriction grounds under which the record is kept for the data subject (UK GDPR Art 18(1)(c), DPA 2018 s.47(2)). */
const KEEPING_GROUNDS: string[] = [RestrictionGround.MAINTAINED_FOR_EVIDENCE, RestrictionGround.NEEDED_FOR_LEGAL_CLAIMS];

interface Candidate {
  id: string;
  updatedAt: string;
  agencyCode: string;
  agencyType: AgencyType;
  recordType: RecordType;
}

/**
 * Removes what the hub holds past its retention (`policies/retention.yaml`): every record whose end
 * (the end of the involvement it founds) is further back than the longest retention rule that covers
 * it, unless a hold in force covers it. A record goes with everything only it reported — its details,
 * the addresses and relationships it stated — and a name leaves only when no remaining record reports
 * it; a child no record reports any more leaves too, unless the hub holds something else about them.
 * A hold on every record stops the run before it reads anything.
 *
 * Each batch is one transaction that locks the records it removes, and removes only records unchanged
 * since they were judged (a resubmission moves a record's end); each agency whose records a batch
 * removed gets an audit entry in that transaction with the counts, so what left the hub and the record
 * of it commit together.
 */
export async function removeExpiredFacts(services: RetentionServices, now: Date, runId: string = randomUUID()): Promise<RetentionRun> {
  const { dataSource, policy } = services;
  const run: RetentionRun = {
    runId, at: now, status: "APPLIED", holds: [], recordsExamined: 0, recordsRemoved: {}, recordsHeld: 0, recordsKeptForConsent: 0, recordsKeptForRights: 0,
    namesRemoved: 0, addressesRemoved: 0, relationshipsRemoved: 0, childrenRemoved: 0, childrenKept: 0,
  };
  const everything = holdsInForce(policy.retention, now).filter((hold) => hold.recordTypes === null);
  if (everything.length > 0) return { ...run, status: "HELD", holds: everything.map((hold) => hold.id) };

  const holds = new Set<string>();
  for (const recordType of RECORD_TYPES) {
    const expired: Candidate[] = [];
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const page = await readPage(dataSource, recordType, after);
      for (const row of page) {
        run.recordsExamined += 1;
        const decision = retentionDecision(policy, { recordType, labels: labelsOf(row.labels, row.field_labels), details: row.details, updatedAt: new Date(row.updated_at) }, now);
        if (decision.heldBy !== null) {
          run.recordsHeld += 1;
          holds.add(decision.heldBy);
        } else if (decision.expired) {
          expired.push({ id: row.id, updatedAt: row.updated_at_text, agencyCode: row.agency_code, agencyType: row.agency_type, recordType });
        }
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    for (let start = 0; start < expired.length; start += BATCH) {
      await dataSource.transaction((manager) => removeBatch(manager, expired.slice(start, start + BATCH), policy.version, run, now));
    }
  }
  return { ...run, holds: [...holds].sort() };
}

interface PageRow {
  id: string;
  updated_at: Date;
  updated_at_text: string;
  agency_code: string;
  agency_type: AgencyType;
  labels: SensitivityLabel[];
  field_labels: FieldLabels;
  details: Record<string, unknown>;
}

/** A page of one record type's records, with the detail fields the involvement rules read (dates as YYYY-MM-DD text). */
async function readPage(dataSource: DataSource, recordType: RecordType, after: string): Promise<PageRow[]> {
  const metadata = dataSource.getMetadata(DETAIL_ENTITY[recordType]);
  const fields = [...new Set([...RECORD_DATE_FIELDS[recordType], ...Object.keys(RECORD_FIELD_VALUES[recordType])])];
  const pairs = fields.map((field) => {
    const column = metadata.findColumnWithPropertyName(field);
    if (column === undefined) throw new TypeError(`${recordType} has no column for ${field}`);
    const value = column.type === "date" ? `to_char(d."${column.databaseName}", 'YYYY-MM-DD')` : `d."${column.databaseName}"`;
    return `'${field}', ${value}`;
  });
  return dataSource.query<PageRow[]>(
    `SELECT r.id, r.updated_at, r.updated_at::text AS updated_at_text, r.agency_code, a.type AS agency_type, r.labels, r.field_labels,
            ${pairs.length === 0 ? `'{}'::jsonb` : `jsonb_build_object(${pairs.join(", ")})`} AS details
     FROM agency_record r JOIN agency a ON a.code = r.agency_code JOIN "${metadata.tableName}" d ON d.record_id = r.id
     WHERE r.record_type = $1 AND r.id > $2 ORDER BY r.id LIMIT $3`,
    [recordType, after, PAGE],
  );
}

function labelsOf(labels: readonly SensitivityLabel[], fieldLabels: FieldLabels): SensitivityLabel[] {
  return [...new Set([...labels, ...Object.values(fieldLabels).flatMap((field) => field ?? [])])];
}

async function removeBatch(manager: EntityManager, batch: Candidate[], policyVersion: string, run: RetentionRun, now: Date): Promise<void> {
  // The linking lock first, before any row lock (its one lock order): the batch rewrites match profiles.
  await takeLinkingLock(manager);
  // Locked, and only if unchanged since judged; a record a consent decision rests on stays while the decision does,
  // and so does one a data subject's right keeps: a restriction in force to keep it as evidence or for legal claims,
  // an erasure refused under an exemption, or an open subject access request about its child.
  const locked = await manager.query<{ id: string; child_id: string | null; consent: boolean; rights: boolean }[]>(
    `SELECT r.id, r.child_id,
            EXISTS (SELECT 1 FROM consent_record c WHERE c.parental_responsibility_source_id = r.id) AS consent,
            (EXISTS (SELECT 1 FROM processing_restriction p WHERE p.record_id = r.id AND p.status = 'IN_FORCE' AND p.ground = ANY($3::text[]))
             OR EXISTS (SELECT 1 FROM erasure_decision x WHERE x.record_id = r.id AND x.outcome = 'REFUSED' AND cardinality(x.exemptions) > 0)
             OR EXISTS (SELECT 1 FROM subject_access_request s JOIN child k ON k.sui = s.sui WHERE k.id = r.child_id AND s.status = 'OPEN')) AS rights
     FROM agency_record r JOIN unnest($1::uuid[], $2::timestamptz[]) AS e(id, updated_at) ON r.id = e.id AND r.updated_at = e.updated_at
     FOR UPDATE OF r`,
    [batch.map((record) => record.id), batch.map((record) => record.updatedAt), KEEPING_GROUNDS],
  );
  run.recordsKeptForConsent += locked.filter((row) => row.consent).length;
  run.recordsKeptForRights += locked.filter((row) => !row.consent && row.rights).length;
  const removable = locked.filter((row) => !row.consent && !row.rights);
  if (removable.length === 0) return;
  const ids = removable.map((row) => row.id);
  const children = [...new Set(removable.flatMap((row) => (row.child_id === null ? [] : [row.child_id])))];

  const [{ addresses, relationships }] = await manager.query<{ addresses: number; relationships: number }[]>(
    `SELECT (SELECT count(*)::int FROM child_address WHERE source_record_id = ANY($1::uuid[])) AS addresses,
            (SELECT count(*)::int FROM child_adult_relationship WHERE source_record_id = ANY($1::uuid[])) AS relationships`,
    [ids],
  );
  // A name stays while any record still reports it.
  await manager.query(`UPDATE child_name SET sources = ARRAY(SELECT s FROM unnest(sources) AS s WHERE s <> ALL($1::uuid[])) WHERE sources && $1::uuid[]`, [ids]);
  const [{ names }] = await manager.query<{ names: number }[]>(
    `WITH gone AS (DELETE FROM child_name WHERE sources = '{}' AND child_id = ANY($1::uuid[]) RETURNING 1) SELECT count(*)::int AS names FROM gone`,
    [children],
  );
  await manager.query(`DELETE FROM link_review WHERE record_id = ANY($1::uuid[])`, [ids]);
  // Restrictions that keep nothing (lifted, or on a ground that does not need the record kept) go with it, named
  // here: the database refuses a record's delete while any restriction of it remains.
  await manager.query(`DELETE FROM processing_restriction WHERE record_id = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM agency_record WHERE id = ANY($1::uuid[])`, [ids]);
  run.namesRemoved += names;
  run.addressesRemoved += addresses;
  run.relationshipsRemoved += relationships;

  // A child no record reports any more leaves, unless something else the hub holds still names them.
  const orphans = await manager.query<{ id: string }[]>(
    `SELECT c.id FROM child c WHERE c.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = c.id)`,
    [children],
  );
  for (const { id } of orphans) {
    await manager.query(`SAVEPOINT retention_child`);
    try {
      await manager.query(`DELETE FROM child WHERE id = $1`, [id]);
      await manager.query(`RELEASE SAVEPOINT retention_child`);
      run.childrenRemoved += 1;
    } catch (error) {
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION && (error as { driverError?: { code?: string } }).driverError?.code !== FOREIGN_KEY_VIOLATION) throw error;
      await manager.query(`ROLLBACK TO SAVEPOINT retention_child`);
      run.childrenKept += 1;
    }
  }

  await rematchWithout(manager, children);

  const byAgency = new Map<string, { agencyType: AgencyType; removed: Partial<Record<RecordType, number>> }>();
  const removedIds = new Set(ids);
  for (const record of batch.filter((candidate) => removedIds.has(candidate.id))) {
    const entry = byAgency.get(record.agencyCode) ?? { agencyType: record.agencyType, removed: {} };
    entry.removed[record.recordType] = (entry.removed[record.recordType] ?? 0) + 1;
    byAgency.set(record.agencyCode, entry);
    run.recordsRemoved[record.recordType] = (run.recordsRemoved[record.recordType] ?? 0) + 1;
  }
  const entries: AuditEntryInput[] = [...byAgency].map(([agency, { agencyType, removed }]) => ({
    requestId: `retention:${run.runId}`,
    principal: { sub: `retention:${agency}`, name: agency, agency, agencyType, roles: [Role.IG_LEAD], localAuthority: "", team: null, tokenId: null },
    operation: AuditOperation.RETENTION_APPLIED,
    access: null,
    childSuis: [],
    outcome: AuditOutcome.RECORDED,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    policyVersion,
    breakGlass: false,
    prejudicesInvestigation: false,
    details: { runId: run.runId, recordsRemoved: removed },
  }));
  await recordAuditEntriesInTransaction(manager, entries, now);
}

/**
 * A removed record's name, date of birth and postcode leave matching with it: the children's profiles and
 * blocking keys are derived again from what the remaining records report (`identity/matchProfiles.ts`),
 * or dropped when no record of the child remains (a child removed, or kept for a referral or consent
 * decision with nothing left to match on), so neither the linker nor a MASH search finds or shows a child
 * by a fact whose only source has gone.
 */
async function rematchWithout(manager: EntityManager, childIds: string[]): Promise<void> {
  if (childIds.length === 0) return;
  const reported = await manager.query<{ id: string }[]>(
    `SELECT c.id FROM child c WHERE c.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = c.id)`,
    [childIds],
  );
  const stillReported = new Set(reported.map((row) => row.id));
  await rebuildMatchProfiles(manager, [...stillReported]);
  await dropMatchProfiles(manager, childIds.filter((id) => !stillReported.has(id)));
}
