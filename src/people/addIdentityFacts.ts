import { type StatementWriter } from "../db/statementBatch";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type AddressKind } from "./AddressKind";
import { type NameKind } from "./NameKind";

export interface NameFactRow {
  childId: string;
  givenNames: string;
  familyName: string;
  kind: NameKind;
  reportedBy: string | null;
  sources: string[];
}

export interface AddressFactRow {
  childId: string;
  kind: AddressKind;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  localAuthority: string | null;
  validFrom: string | null;
  labels: readonly SensitivityLabel[];
  reportedBy: string | null;
  /** The record that reported it: each record's addresses are its own rows, with its own details. */
  sourceRecordId: string;
}

/**
 * Adds names to children's histories, or adds sources to names they already have. One statement for
 * the batch; sources are merged in the database, so two submissions reporting one name at once both
 * stay its sources. A batch reporting one name of one child more than once (two records of a merged
 * child, say) sends it once with all their sources: one statement may not update a row twice.
 */
export async function addNameFacts(manager: StatementWriter, reported: readonly NameFactRow[]): Promise<void> {
  const rows = oncePerName(reported);
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO child_name (child_id, given_names, family_name, kind, reported_by, sources)
     SELECT x.child_id, x.given_names, x.family_name, x.kind, x.reported_by, x.sources
     FROM jsonb_to_recordset($1::jsonb) AS x(child_id uuid, given_names text, family_name text, kind text, reported_by text, sources uuid[])
     ON CONFLICT (child_id, given_names, family_name) DO UPDATE SET last_reported_at = now(),
       sources = ARRAY(SELECT DISTINCT unnest(child_name.sources || EXCLUDED.sources))`,
    [JSON.stringify(rows.map((row) => ({ child_id: row.childId, given_names: row.givenNames, family_name: row.familyName, kind: row.kind, reported_by: row.reportedBy, sources: row.sources })))],
  );
}

/** One row per child and name, the first report's kind and reporter, every report's sources. */
function oncePerName(rows: readonly NameFactRow[]): NameFactRow[] {
  const byName = new Map<string, NameFactRow>();
  for (const row of rows) {
    const key = JSON.stringify([row.childId, row.givenNames, row.familyName]);
    const seen = byName.get(key);
    byName.set(key, seen === undefined ? row : { ...seen, sources: [...new Set([...seen.sources, ...row.sources])] });
  }
  return [...byName.values()];
}

/**
 * Adds what records report of where a child lives, one row per record and address, or updates the row
 * a record reported before with what it reports now. Labels only grow. Details a report leaves out do
 * not erase what the same record said before; nothing from one record fills in another's. (A record
 * that withholds its location protects what it reports through its own labels, read with the address:
 * see `identityFacts.ts` and `unrestrictedSource.ts`.)
 */
export async function addAddressFacts(manager: StatementWriter, rows: readonly AddressFactRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO child_address (child_id, source_record_id, kind, line1, line2, town, postcode, local_authority, valid_from, labels, reported_by)
     SELECT x.child_id, x.source_record_id, x.kind, x.line1, x.line2, x.town, x.postcode, x.local_authority, x.valid_from, x.labels, x.reported_by
     FROM jsonb_to_recordset($1::jsonb) AS x(child_id uuid, source_record_id uuid, kind text, line1 text, line2 text, town text, postcode text, local_authority text, valid_from date, labels text[], reported_by text)
     ON CONFLICT (child_id, source_record_id, kind, line1, postcode) DO UPDATE SET last_reported_at = now(),
       line2 = COALESCE(EXCLUDED.line2, child_address.line2), town = COALESCE(EXCLUDED.town, child_address.town),
       local_authority = COALESCE(EXCLUDED.local_authority, child_address.local_authority), valid_from = COALESCE(EXCLUDED.valid_from, child_address.valid_from),
       labels = ARRAY(SELECT DISTINCT unnest(child_address.labels || EXCLUDED.labels))`,
    [JSON.stringify(rows.map((row) => ({
      child_id: row.childId, source_record_id: row.sourceRecordId, kind: row.kind, line1: row.line1, line2: row.line2, town: row.town, postcode: row.postcode,
      local_authority: row.localAuthority, valid_from: row.validFrom, labels: row.labels, reported_by: row.reportedBy,
    })))],
  );
}

/**
 * The addresses records reported go with them from the child each belonged to (`fromChildId`) to the
 * child it belongs to now. Rows a record left on any other child (it was matched elsewhere, or awaited
 * review) say nothing about anyone and are dropped, so each record's addresses sit with one child.
 */
export async function moveAddressFacts(manager: StatementWriter, moves: readonly { recordId: string; childId: string; fromChildId: string | null }[]): Promise<void> {
  if (moves.length === 0) return;
  const json = JSON.stringify(moves.map((move) => ({ record_id: move.recordId, child_id: move.childId, from_child_id: move.fromChildId })));
  const moved = `jsonb_to_recordset($1::jsonb) AS x(record_id uuid, child_id uuid, from_child_id uuid)`;
  await manager.query(`DELETE FROM child_address a USING ${moved} WHERE a.source_record_id = x.record_id AND a.child_id IS DISTINCT FROM x.from_child_id`, [json]);
  await manager.query(`UPDATE child_address a SET child_id = x.child_id FROM ${moved} WHERE a.source_record_id = x.record_id AND a.child_id <> x.child_id`, [json]);
}
