import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { DETAIL_ENTITY } from "../records/saveRecordDetails";
import { erasureOutcome } from "./erasureOutcome";
import { eraseStoredCopies } from "./eraseStoredCopies";
import { art19Recipients } from "./art19Recipients";
import { findHeldRecord, rightsTarget, type RightsTarget } from "./heldRecord";
import { admitRightsRequest, recordNotHeld, recordRightsWork, requireLength } from "./rightsRequest";
import { RightsProblem } from "./RightsProblem";
import { ErasureOutcome, type ErasureRegime } from "./RightsVocabulary";

export interface ErasureInput {
  recordId: string;
  field: string;
  /** The Art 17(1) grounds (or DPA 2018 s.47(1)) the IG lead found met, by id. */
  groundsMet: string[];
  /** The Art 17(3) exemptions (or s.47(2)) the IG lead found to apply, by id. */
  exemptionsApplying: string[];
  reason: string;
}

export interface ErasureReceipt {
  id: string;
  path: string;
  regime: ErasureRegime;
  outcome: ErasureOutcome;
  decidedAt: Date;
  recipientsToTell: string[];
}

/**
 * An erasure request over one fact (field) of a record held by the IG lead's agency (UK GDPR Art 17;
 * DPA 2018 s.47 for Part 3 data — a fact with one of `partThreeLabels`). The grounds are decided first:
 * with none met there is no right to erasure (under public task, Art 17(1) is rarely met); then the
 * exemptions: any that applies keeps the fact. Erased only when a ground is met and no exemption
 * applies: the fact leaves the hub (its column set to null, and every copy of it stored outside the
 * record overwritten by its tombstone: `eraseStoredCopies`), and the decision stays — in
 * `erasure_decision` and on the trail, the tombstone: who erased what kind of fact (record type and
 * field), when and why, never its content. Audit rows are never edited: they hold paths, not content,
 * so the hash chains stay verifiable. A fact the record cannot exist without is FIELD_NOT_ERASABLE.
 */
export async function decideErasure(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, input: ErasureInput, now = new Date()): Promise<ErasureReceipt> {
  const request = await admitRightsRequest(services, principal, requestId, access, AuditOperation.ERASURE_DECIDED, now);
  const rule = services.policy.dataSubjectRights;
  requireLength(input.reason, rule.reasonMinimumLength, "reason", RightsProblem.REASON_TOO_SHORT, "the reasons for the decision");
  const record = await findHeldRecord(services.dataSource, principal, input.recordId);
  if (record === null) return recordNotHeld(request);
  const target = rightsTarget(record, input.field);
  const { regime, outcome, grounds, exemptions } = erasureOutcome(rule, target.labels, input.groundsMet, input.exemptionsApplying);
  const column = outcome === ErasureOutcome.ERASED ? erasableColumn(services, target) : null;
  const { toTell: recipientsToTell, toldByHub } = outcome === ErasureOutcome.ERASED ? await art19Recipients(services.dataSource, target) : { toTell: [], toldByHub: [] };
  return recordRightsWork(request, record.sui === null ? [] : [record.sui], async (manager) => {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO erasure_decision (record_id, record_type, agency_code, field, regime, grounds, exemptions, outcome, reason, decided_by_sub, decided_by_agency, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [record.id, record.recordType, record.agencyCode, input.field, regime, grounds, exemptions, outcome, input.reason.trim(), principal.sub, principal.agency, now],
    );
    if (column !== null) await manager.query(`UPDATE "${column.table}" SET "${column.name}" = NULL WHERE record_id = $1`, [record.id]);
    const storedCopiesErased = column !== null ? await eraseStoredCopies(manager, record.id, input.field, row.id) : 0;
    return {
      result: { id: row.id, path: target.path, regime, outcome, decidedAt: now, recipientsToTell },
      details: {
        erasureDecisionId: row.id, recordId: record.id, recordType: record.recordType, field: input.field, path: target.path,
        regime, groundsMet: grounds, exemptionsApplying: exemptions, outcome, reason: input.reason.trim(), recipientsToTell, storedCopiesErased,
      },
      art19: { toldByHub, notice: { erasureDecisionId: row.id, recordId: record.id, recordType: record.recordType, field: input.field, path: target.path, regime, outcome, onBehalfOf: record.agencyCode } },
    };
  });
}

/** The detail table's column holding the fact, if the record can exist without it. */
function erasableColumn(services: GovernanceServices, target: RightsTarget): { table: string; name: string } {
  const metadata = services.dataSource.getMetadata(DETAIL_ENTITY[target.record.recordType]);
  const column = target.field === null ? undefined : metadata.findColumnWithPropertyName(target.field);
  if (column === undefined || !column.isNullable) {
    throw new HubError(ErrorCode.INVALID_INPUT, "The record cannot exist without this fact: it is erased by erasing the record at the agency that holds it.", { path: "field", problem: RightsProblem.FIELD_NOT_ERASABLE });
  }
  return { table: metadata.tableName, name: column.databaseName };
}
