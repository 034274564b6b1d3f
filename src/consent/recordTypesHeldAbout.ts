import { type DataSource } from "typeorm";
import { LinkMethod, LinkState } from "../identity/linkVocabulary";
import { type RecordType } from "../records/RecordType";

/**
 * The types of record the agency holds about the child, confirmed as the child's by the SUI or a data
 * steward: a record the matcher linked on its own says nothing yet about whom the agency works with.
 */
export async function recordTypesHeldAbout(dataSource: DataSource, childId: string, agencyCode: string): Promise<RecordType[]> {
  const rows = await dataSource.query<{ record_type: RecordType }[]>(
    `SELECT DISTINCT record_type FROM agency_record WHERE child_id = $1 AND agency_code = $2 AND link_state = $3 AND link_method <> $4`,
    [childId, agencyCode, LinkState.LINKED, LinkMethod.PROBABILISTIC],
  );
  return rows.map((row) => row.record_type);
}
