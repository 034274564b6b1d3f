import { effectiveFieldLabels, RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, RecordType } from "../records/RecordType";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { CHILD_DETAILS, CHILD_FIELDS, type DecidedRecordType } from "./DisclosureSubject";
import { isNotificationRecordType, NOTIFICATION_FIELDS, NOTIFICATION_RECORD_TYPES, NotificationRecordType } from "./notificationFields";

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

/**
 * The fields that say where someone is: the child's addresses and the local authority derived from
 * them; the GP practice a child is registered with (registration follows where the child lives); and a
 * notification's addresses and the home authorities derived from them. LOCATION_WITHHELD on a whole
 * record (a refuge, an unaccompanied child's placement: DOMAIN rule 6, scenario 8) withholds these and
 * only these: it protects the location, not everything else the record says — a school's DSL still reads
 * the plan and the allocated worker of a social care record about a child placed in a refuge. The
 * address a record reported is protected with its labels wherever it goes (`people/identityFacts.ts`).
 */
const LOCATION_FIELDS: Readonly<Partial<Record<DecidedRecordType, readonly string[]>>> = {
  [CHILD_DETAILS]: ["addresses", "localAuthority"],
  [RecordType.HEALTH]: ["gpPracticeCode", "gpPracticeName"],
  [NotificationRecordType.PPRC_NOTIFICATION]: ["releaseAddress", "prisonerHomeLocalAuthority"],
  [NotificationRecordType.CHILD_AT_RISK]: ["homeLocalAuthority"],
  [NotificationRecordType.NOTIFIED_CHILD]: ["homeLocalAuthority"],
  [NotificationRecordType.PLAN_TRANSFER]: ["newAddress", "previousLocalAuthority"],
  [NotificationRecordType.SEX_OFFENDER_HOUSEHOLD_STAY]: ["householdAddress"],
  [NotificationRecordType.PUPIL_REMOVED_FROM_ROLL]: ["destinationAddress"],
  [NotificationRecordType.OFFENDER_MOVE]: ["newAddress", "previousLocalAuthority"],
  [NotificationRecordType.OFFENDER_CHILD_AT_RISK]: ["homeLocalAuthority"],
  [NotificationRecordType.SAFEGUARDING_ENQUIRY]: ["offenderHomeLocalAuthority"],
};

/**
 * The labels of a record that one of its fields carries: every one of them, except LOCATION_WITHHELD on
 * a field that says nothing of where anyone is (`LOCATION_FIELDS`). A label the agency put on the field
 * itself is the field's own, whatever the field.
 */
export function recordLabelsOnField(recordType: DecidedRecordType, field: string, recordLabels: readonly SensitivityLabel[]): SensitivityLabel[] {
  if (!recordLabels.includes(SensitivityLabel.LOCATION_WITHHELD) || (LOCATION_FIELDS[recordType] ?? []).includes(field)) return [...recordLabels];
  return recordLabels.filter((label) => label !== SensitivityLabel.LOCATION_WITHHELD);
}
