import { type DataSource } from "typeorm";
import { LinkMethod, LinkState } from "../identity/linkVocabulary";
import { type RecordType } from "../records/RecordType";

export interface RecordHeldAbout {
  id: string;
  recordType: RecordType;
}

/**
 * The records the agency holds about the child, confirmed as the child's by the SUI or a data
 * steward: a record the matcher linked on its own says nothing yet about whom the agency works with.
 * A decision recorded because the agency holds them keeps their ids, and stands only while one of them
 * is still the child's (`decisionStandsSql.ts`).
 */
export async function recordsHeldAbout(dataSource: DataSource, childId: string, agencyCode: string): Promise<RecordHeldAbout[]> {
  const rows = await dataSource.query<{ id: string; record_type: RecordType }[]>(
    `SELECT id, record_type FROM agency_record WHERE child_id = $1 AND agency_code = $2 AND link_state = $3 AND link_method <> $4 ORDER BY received_at, id`,
    [childId, agencyCode, LinkState.LINKED, LinkMethod.PROBABILISTIC],
  );
  return rows.map((row) => ({ id: row.id, recordType: row.record_type }));
}
