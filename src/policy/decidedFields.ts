import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES } from "../records/RecordType";
import { CHILD_DETAILS, CHILD_FIELDS, type DecidedRecordType } from "./DisclosureSubject";

/** Every record type a policy may name: the agency record types and the child's own details. */
export const DECIDED_RECORD_TYPES: readonly DecidedRecordType[] = [CHILD_DETAILS, ...RECORD_TYPES];

/** The fields a policy may name for a record type: `CHILD_FIELDS` or the catalogue in `recordFields.ts`. */
export function decidedFieldsOf(recordType: DecidedRecordType): readonly string[] {
  return recordType === CHILD_DETAILS ? CHILD_FIELDS : Object.keys(RECORD_FIELDS[recordType]);
}
