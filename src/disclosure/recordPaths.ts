import { type RecordType } from "../records/RecordType";
import { DETAIL_KEY_OF_TYPE } from "../records/AgencyRecordSubmission";

/** Where each record type's records sit in a ChildRecord response (`police[…].intelligence`): the same key as its details block on submission. */
export const RESPONSE_KEY: Record<RecordType, string> = DETAIL_KEY_OF_TYPE;

export const DEMOGRAPHICS = "demographics";

/**
 * A record's place in a response and on the audit trail, by its identity: `police[<recordId>]`. Never by
 * position: a position counts the records before it, and so would betray a sealed record the caller
 * may not know of (design principle 5).
 */
export function recordPath(type: RecordType, recordId: string): string {
  return `${RESPONSE_KEY[type]}[${recordId}]`;
}

/** An address of the child, by its identity: `demographics.addresses[<addressId>]`. */
export function addressPath(addressId: string): string {
  return `${DEMOGRAPHICS}.addresses[${addressId}]`;
}

/** The record a field path belongs to (`police[<id>].intelligence` → `police[<id>]`). */
export function recordOfField(path: string): string {
  return path.slice(0, path.lastIndexOf("."));
}
