import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { type Purpose } from "../policy/Purpose";
import { art19Recipients } from "./art19Recipients";
import { findHeldRecord, rightsTarget } from "./heldRecord";
import { type RestrictionReceipt } from "./restrictProcessing";
import { admitRightsRequest, recordRightsWork, refuseRightsRequest, requireLength } from "./rightsRequest";
import { RightsProblem } from "./RightsProblem";
import { RestrictionDecision, RestrictionStatus, type RestrictionGround, type RestrictionKind } from "./RightsVocabulary";

/**
 * An IG lead decides a restriction or objection of their agency's: KEEP it (an objection upheld — no
 * compelling legitimate grounds override it, Art 21(1) — or the dispute still open), or LIFT it (the
 * accuracy checked, or the grounds override the objection; Art 18(3): the person is told first). A
 * lifted restriction is not decided again (RESTRICTION_NOT_IN_FORCE). Audited with the reasons and the
 * recipients to tell.
 */
export async function decideRestriction(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, decision: RestrictionDecision, reason: string, now = new Date()): Promise<RestrictionReceipt> {
  const request = await admitRightsRequest(services, principal, requestId, access, AuditOperation.RESTRICTION_DECIDED, now);
  requireLength(reason, services.policy.dataSubjectRights.reasonMinimumLength, "reason", RightsProblem.REASON_TOO_SHORT, "the reasons for the decision");
  const [row] = await services.dataSource.query<{ record_id: string; field: string | null; kind: RestrictionKind; ground: RestrictionGround; status: RestrictionStatus; allowed_purposes: Purpose[]; restricted_at: Date }[]>(
    `SELECT p.record_id, p.field, p.kind, p.ground, p.status, p.allowed_purposes, p.restricted_at
       FROM processing_restriction p JOIN agency_record r ON r.id = p.record_id WHERE p.id = $1 AND r.agency_code = $2`,
    [id, principal.agency],
  );
  const record = row === undefined ? null : await findHeldRecord(services.dataSource, principal, row.record_id);
  if (row === undefined || record === null) return refuseRightsRequest(request, ErrorCode.NOT_FOUND, RightsProblem.RESTRICTION_NOT_FOUND, "No restriction by that id is held by your agency.");
  if (row.status !== RestrictionStatus.IN_FORCE) {
    return refuseRightsRequest(request, ErrorCode.CONFLICT, RightsProblem.RESTRICTION_NOT_IN_FORCE, "This restriction was lifted already.", { restrictionId: id });
  }
  const target = rightsTarget(record, row.field);
  const status = decision === RestrictionDecision.LIFT ? RestrictionStatus.LIFTED : RestrictionStatus.IN_FORCE;
  const { toTell: recipientsToTell, toldByHub } = await art19Recipients(services.dataSource, target);
  return recordRightsWork(request, record.sui === null ? [] : [record.sui], async (manager) => {
    await manager.query(
      `UPDATE processing_restriction SET status = $2, decision = $3, decision_reason = $4, decided_by_sub = $5, decided_at = $6 WHERE id = $1`,
      [id, status, decision, reason.trim(), principal.sub, now],
    );
    return {
      result: { id, path: target.path, kind: row.kind, ground: row.ground, status, allowedPurposes: row.allowed_purposes, restrictedAt: new Date(row.restricted_at), recipientsToTell },
      details: { restrictionId: id, recordId: record.id, recordType: record.recordType, field: row.field, path: target.path, kind: row.kind, decision, reason: reason.trim(), recipientsToTell },
      art19: { toldByHub, notice: { restrictionId: id, recordId: record.id, recordType: record.recordType, field: row.field, path: target.path, kind: row.kind, decision, onBehalfOf: record.agencyCode } },
    };
  });
}
