import { type DataSource, type EntityManager } from "typeorm";
import { recordPath } from "../disclosure/recordPaths";
import { type RecordType } from "../records/RecordType";
import { recordRightsFrom, type RecordRightsRow } from "./loadRecordRights";
import { type RecordRights } from "./RecordRights";

/** A fact erased by an erasure decision (Art 17; DPA 2018 s.47): it never leaves the hub again. */
export interface ErasedFact {
  recordId: string;
  field: string;
}

/** What data subjects' rights have attached to some records, wherever a fact of them is going. */
export interface RightsOverRecords {
  rights: RecordRights;
  erased: ErasedFact[];
  /** Each record's path (`police[<id>]`), as disclosures and rights name it. */
  paths: Map<string, string>;
}

/**
 * The statements, the restrictions in force and the erased facts over these records, in one
 * statement, sent whether or not any records are named (constant shape): what an outbound path other
 * than `child` (a notification's delivery, its webhook, the list of plans held elsewhere) needs to hold
 * them as `child` does.
 */
export async function loadRightsOverRecords(db: DataSource | EntityManager, recordIds: readonly string[]): Promise<RightsOverRecords> {
  const rows = await db.query<(RecordRightsRow & { record_type: RecordType; erased: boolean })[]>(
    `SELECT 'statement' AS kind, s.id, s.record_id, s.field, s.statement AS text, s.agency_code, s.attached_at AS at,
            NULL::text AS restriction_kind, NULL::text AS ground, NULL::text[] AS allowed_purposes, r.record_type, false AS erased
       FROM supplementary_statement s JOIN agency_record r ON r.id = s.record_id WHERE s.record_id = ANY($1::uuid[])
     UNION ALL
     SELECT 'restriction', p.id, p.record_id, p.field, NULL, NULL, p.restricted_at, p.kind, p.ground, p.allowed_purposes, r.record_type, false
       FROM processing_restriction p JOIN agency_record r ON r.id = p.record_id WHERE p.record_id = ANY($1::uuid[]) AND p.status = 'IN_FORCE'
     UNION ALL
     SELECT 'restriction', e.id, e.record_id, e.field, NULL, NULL, e.decided_at, NULL, NULL, NULL, e.record_type, true
       FROM erasure_decision e WHERE e.record_id = ANY($1::uuid[]) AND e.outcome = 'ERASED'`,
    [[...new Set(recordIds)]],
  );
  const paths = new Map(rows.map((row) => [row.record_id, recordPath(row.record_type, row.record_id)]));
  return {
    rights: recordRightsFrom(rows.filter((row) => !row.erased)),
    erased: rows.filter((row) => row.erased && row.field !== null).map((row) => ({ recordId: row.record_id, field: row.field as string })),
    paths,
  };
}
