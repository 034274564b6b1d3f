import { type DataSource, type EntityManager } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { effectiveFieldLabels, isRecordField } from "../records/recordFields";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type DataSubjectRightsRule } from "./DataSubjectRightsPolicy";
import { RightsProblem } from "./RightsProblem";
import { targetPath } from "./rightsTargets";

/** A record the caller's agency holds, with what a right over it turns on. Never its content. */
export interface HeldRecord {
  id: string;
  recordType: RecordType;
  agencyCode: string;
  labels: SensitivityLabel[];
  fieldLabels: Record<string, SensitivityLabel[]>;
  /** The child's SUI (null for a child not yet given one): the audit entry names it. */
  sui: string | null;
}

/** The record or one fact of it that a right is exercised over. */
export interface RightsTarget {
  record: HeldRecord;
  field: string | null;
  /** `police[<id>]` or `police[<id>].summary`, as disclosures name it. */
  path: string;
  /** The labels of the target: the record's own, and for one fact the field's too. */
  labels: SensitivityLabel[];
}

/**
 * The record, if the caller's agency holds it: the agency is the controller of what it sent, and its IG
 * lead acts on rights over it. Another agency's record, and one that does not exist, are both NOT_FOUND,
 * so the answer does not say which.
 */
export async function findHeldRecord(db: DataSource | EntityManager, principal: Principal, recordId: string): Promise<HeldRecord | null> {
  const [row] = await db.query<{ id: string; record_type: RecordType; agency_code: string; labels: SensitivityLabel[]; field_labels: Record<string, SensitivityLabel[]>; sui: string | null }[]>(
    `SELECT r.id, r.record_type, r.agency_code, r.labels, r.field_labels, c.sui
       FROM agency_record r LEFT JOIN child c ON c.id = r.child_id
      WHERE r.id = $1 AND r.agency_code = $2`,
    [recordId, principal.agency],
  );
  return row === undefined ? null : { id: row.id, recordType: row.record_type, agencyCode: row.agency_code, labels: row.labels, fieldLabels: row.field_labels, sui: row.sui };
}

/** The target within a held record; an unknown field is INVALID_INPUT (UNKNOWN_FIELD). */
export function rightsTarget(record: HeldRecord, field: string | null): RightsTarget {
  if (field !== null && !isRecordField(record.recordType, field)) {
    throw new HubError(ErrorCode.INVALID_INPUT, `A ${record.recordType} record has no field "${field}".`, { path: "field", problem: RightsProblem.UNKNOWN_FIELD });
  }
  const labels = new Set<SensitivityLabel>(record.labels);
  if (field !== null) for (const label of effectiveFieldLabels(record.recordType, field, record.fieldLabels[field] ?? [])) labels.add(label);
  return { record, field, path: targetPath(record.recordType, record.id, field), labels: [...labels] };
}

/** Whether the target is evidential: kept as recorded, restricted instead of rectified (DPA 2018 s.46(4)). */
export function isEvidential(rule: DataSubjectRightsRule, target: RightsTarget): boolean {
  if (rule.evidential.recordTypes.includes(target.record.recordType)) return true;
  return target.labels.some((label) => rule.evidential.labels.includes(label));
}

