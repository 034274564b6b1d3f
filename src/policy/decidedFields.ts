import { effectiveFieldLabels, RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { CHILD_DETAILS, CHILD_FIELDS, type DecidedRecordType } from "./DisclosureSubject";
import { isNotificationRecordType, NOTIFICATION_FIELDS, NOTIFICATION_RECORD_TYPES } from "./notificationFields";

/** Every record type a policy may name: the agency record types, the child's own details and a notification's content. */
export const DECIDED_RECORD_TYPES: readonly DecidedRecordType[] = [CHILD_DETAILS, ...RECORD_TYPES, ...NOTIFICATION_RECORD_TYPES];

/** The record types a data sharing agreement covers: an agency's records, and the notifications it sends. */
export const AGREED_RECORD_TYPES: readonly Exclude<DecidedRecordType, typeof CHILD_DETAILS>[] = [...RECORD_TYPES, ...NOTIFICATION_RECORD_TYPES];

/** The fields a policy may name for a record type: `CHILD_FIELDS`, the catalogue in `recordFields.ts`, or `notificationFields.ts`'s. */
export function decidedFieldsOf(recordType: DecidedRecordType): readonly string[] {
  if (recordType === CHILD_DETAILS) return CHILD_FIELDS;
  if (isNotificationRecordType(recordType)) return Object.keys(NOTIFICATION_FIELDS[recordType]);
  return Object.keys(RECORD_FIELDS[recordType]);
}

/** The labels a field always carries (its catalogue's), with those its provider added. The child's own details carry only the added. */
export function decidedFieldLabels(recordType: DecidedRecordType, field: string, added: readonly SensitivityLabel[] = []): SensitivityLabel[] {
  if (recordType === CHILD_DETAILS) return [...new Set(added)];
  if (isNotificationRecordType(recordType)) return [...new Set([...(NOTIFICATION_FIELDS[recordType][field] ?? []), ...added])];
  return effectiveFieldLabels(recordType, field, added);
}
