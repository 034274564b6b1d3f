import { type EntityManager, type ObjectLiteral } from "typeorm";
import { insertRows } from "../db/insertRows";
import { type StatementWriter } from "../db/statementBatch";
import { type Adult } from "../people/Adult";
import { type AgencyRecord } from "./AgencyRecord";
import { DETAIL_KEY_OF_TYPE, type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { RECORD_FIELDS } from "./recordFields";
import { RecordType } from "./RecordType";
import { type RecordDetails } from "./details/RecordDetails";
import { SocialCareRecord } from "./details/SocialCareRecord";
import { PoliceRecord } from "./details/PoliceRecord";
import { HealthRecord } from "./details/HealthRecord";
import { EducationRecord } from "./details/EducationRecord";
import { ProbationRecord } from "./details/ProbationRecord";
import { PrisonRecord } from "./details/PrisonRecord";
import { YouthJusticeRecord } from "./details/YouthJusticeRecord";

type DetailEntity = new () => RecordDetails;

export const DETAIL_ENTITY: Record<RecordType, DetailEntity> = {
  [RecordType.SOCIAL_CARE]: SocialCareRecord,
  [RecordType.POLICE]: PoliceRecord,
  [RecordType.HEALTH]: HealthRecord,
  [RecordType.EDUCATION]: EducationRecord,
  [RecordType.PROBATION]: ProbationRecord,
  [RecordType.PRISON]: PrisonRecord,
  [RecordType.YOUTH_JUSTICE]: YouthJusticeRecord,
};

/** Fields that are never null: an omitted value means "none". */
const EMPTY_VALUE: Partial<Record<string, unknown>> = {
  conditions: [], unscheduledCareAttendances: [], exclusions: [], safeguardingConcerns: [], roshTo: [],
  senStatus: "NONE", activeInvestigation: false,
};

/** Fields derived from the related adults rather than submitted directly. */
const SUBJECT_FIELD: Partial<Record<RecordType, string>> = {
  [RecordType.PROBATION]: "offender",
  [RecordType.PRISON]: "prisoner",
};

/**
 * Writes the record's detail row. Every catalogued field is written, an omitted one as null (or its
 * empty value), so a resubmission that leaves a fact out removes it rather than keeping a stale one.
 */
export async function saveRecordDetails(manager: EntityManager, record: AgencyRecord, submission: AgencyRecordSubmission, subject: Adult | null): Promise<void> {
  await manager.getRepository(DETAIL_ENTITY[record.recordType]).save(detailRow(record.recordType, record.id, submission, subject));
}

/** New records' detail rows, one statement per record type (sent by `writer`, when not at once). */
export async function insertRecordDetails(manager: EntityManager, rows: readonly { recordType: RecordType; recordId: string; submission: AgencyRecordSubmission; subject: Adult | null }[], writer: StatementWriter = manager): Promise<void> {
  const byType = new Map<RecordType, Record<string, unknown>[]>();
  for (const { recordType, recordId, submission, subject } of rows) {
    const list = byType.get(recordType) ?? [];
    list.push(detailRow(recordType, recordId, submission, subject));
    byType.set(recordType, list);
  }
  for (const [recordType, list] of byType) await insertRows<ObjectLiteral>(manager, DETAIL_ENTITY[recordType], list, writer);
}

function detailRow(recordType: RecordType, recordId: string, submission: AgencyRecordSubmission, subject: Adult | null): Record<string, unknown> {
  const submitted = detailsBlock(recordType, submission);
  const row: Record<string, unknown> = { recordId };
  const subjectField = SUBJECT_FIELD[recordType];
  for (const field of Object.keys(RECORD_FIELDS[recordType])) {
    row[field] = field === subjectField ? subject : (submitted[field] ?? EMPTY_VALUE[field] ?? null);
  }
  return row;
}

function detailsBlock(recordType: RecordType, submission: AgencyRecordSubmission): Record<string, unknown> {
  return { ...(submission[DETAIL_KEY_OF_TYPE[recordType]] ?? {}) };
}
