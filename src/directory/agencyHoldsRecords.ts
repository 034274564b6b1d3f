import { type EntityManager } from "typeorm";

/**
 * Whether the hub holds anything an agency submitted: records about children, or adults it identified.
 * What an agency's records may say, and to whom, follows from its type (the policies are written per
 * agency type), so such an agency's type is fixed: retyping a school as a police force would turn its
 * pupils' records into police intelligence. A mistaken type is corrected by a new agency and the records
 * resubmitted under it.
 */
export async function agencyHoldsRecords(manager: EntityManager, code: string): Promise<boolean> {
  const [{ holds }] = await manager.query<{ holds: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM agency_record WHERE agency_code = $1) OR EXISTS (SELECT 1 FROM adult_identifier WHERE agency_code = $1) AS holds`,
    [code],
  );
  return holds;
}
