import { type DataSource } from "typeorm";
import { AgencyRecord } from "../../src/records/AgencyRecord";
import { linkOutcomeOf, type StoredLink } from "../../src/records/StoredSubmission";

/**
 * How the hub linked a record, read from what it stored: what a receipt no longer tells the submitting
 * agency (`records/SubmitReceipt.ts`), for the tests of linking itself.
 */
export async function storedLinkOf(dataSource: DataSource, recordId: string): Promise<StoredLink> {
  const record = await dataSource.getRepository(AgencyRecord).findOneByOrFail({ id: recordId });
  return { method: record.linkMethod, state: record.linkState, origin: record.linkOrigin, outcome: linkOutcomeOf(record) };
}
