import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { type Purpose } from "../policy/Purpose";
import { art19Recipients } from "./art19Recipients";
import { findHeldRecord, rightsTarget } from "./heldRecord";
import { admitRightsRequest, recordNotHeld, recordRightsWork, refuseRightsRequest, requireLength } from "./rightsRequest";
import { RightsProblem } from "./RightsProblem";
import { RestrictionGround, RestrictionKind, RestrictionStatus } from "./RightsVocabulary";

export interface RestrictionInput {
  recordId: string;
  field: string | null;
  kind: RestrictionKind;
  ground: RestrictionGround;
  reason: string;
}

export interface RestrictionReceipt {
  id: string;
  path: string;
  kind: RestrictionKind;
  ground: RestrictionGround;
  status: RestrictionStatus;
  allowedPurposes: Purpose[];
  restrictedAt: Date;
  recipientsToTell: string[];
}

/**
 * Restriction of processing (UK GDPR Art 18; DPA 2018 s.47(2)) or an objection (Art 21, restricting
 * under Art 18(1)(d) while it is decided), on a record or one fact of it held by the IG lead's agency.
 * From then on the fact is disclosed only for the purposes its ground allows (policies/
 * data-subject-rights.yaml) or under break-glass, and each recipient sees that it is restricted
 * (`applyRecordRights`). One restriction in force per target (ALREADY_RESTRICTED). The entry names the
 * recipients to tell (Art 19) and the reasons; the decision on it is `decideRestriction`.
 */
export async function restrictProcessing(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, input: RestrictionInput, now = new Date()): Promise<RestrictionReceipt> {
  const request = await admitRightsRequest(services, principal, requestId, access, AuditOperation.PROCESSING_RESTRICTED, now);
  const rule = services.policy.dataSubjectRights;
  requireLength(input.reason, rule.reasonMinimumLength, "reason", RightsProblem.REASON_TOO_SHORT, "why processing is restricted");
  if ((input.kind === RestrictionKind.OBJECTION) !== (input.ground === RestrictionGround.OBJECTION_PENDING)) {
    throw new HubError(ErrorCode.INVALID_INPUT, "An objection restricts on the ground OBJECTION_PENDING (UK GDPR Art 18(1)(d)), and only an objection does.", { path: "ground", problem: RightsProblem.GROUND_DOES_NOT_FIT_KIND });
  }
  const record = await findHeldRecord(services.dataSource, principal, input.recordId);
  if (record === null) return recordNotHeld(request);
  const target = rightsTarget(record, input.field);
  const allowedPurposes = rule.restrictionPurposes.get(input.ground) ?? [];
  const { toTell: recipientsToTell, toldByHub } = await art19Recipients(services.dataSource, target);
  const [held] = await services.dataSource.query<{ id: string }[]>(
    `SELECT id FROM processing_restriction WHERE record_id = $1 AND field IS NOT DISTINCT FROM $2 AND status = $3`,
    [record.id, input.field, RestrictionStatus.IN_FORCE],
  );
  if (held !== undefined) {
    return refuseRightsRequest(request, ErrorCode.CONFLICT, RightsProblem.ALREADY_RESTRICTED, "A restriction is already in force on this record or fact: decide it (decideRestriction) first.", { path: "recordId", restrictionId: held.id });
  }
  return recordRightsWork(request, record.sui === null ? [] : [record.sui], async (manager) => {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO processing_restriction (record_id, field, kind, ground, reason, allowed_purposes, status, restricted_by_sub, restricted_by_agency, restricted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [record.id, input.field, input.kind, input.ground, input.reason.trim(), allowedPurposes, RestrictionStatus.IN_FORCE, principal.sub, principal.agency, now],
    );
    return {
      result: { id: row.id, path: target.path, kind: input.kind, ground: input.ground, status: RestrictionStatus.IN_FORCE, allowedPurposes, restrictedAt: now, recipientsToTell },
      details: {
        restrictionId: row.id, recordId: record.id, recordType: record.recordType, field: input.field, path: target.path, kind: input.kind, ground: input.ground,
        allowedPurposes, reason: input.reason.trim(), recipientsToTell,
      },
      art19: { toldByHub, notice: { restrictionId: row.id, recordId: record.id, recordType: record.recordType, field: input.field, path: target.path, kind: input.kind, ground: input.ground, allowedPurposes, onBehalfOf: record.agencyCode } },
    };
  });
}
