import { type RecordType } from "../records/RecordType";
import { DETAIL_KEY_OF_TYPE } from "../records/AgencyRecordSubmission";

/** Where each record type's records sit in a ChildRecord response (`police[0].intelligence`): the same key as its details block on submission. */
export const RESPONSE_KEY: Record<RecordType, string> = DETAIL_KEY_OF_TYPE;

export const DEMOGRAPHICS = "demographics";

export function recordPath(type: RecordType, index: number): string {
  return `${RESPONSE_KEY[type]}[${index}]`;
}
