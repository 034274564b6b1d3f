import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { art19Recipients } from "./art19Recipients";
import { findHeldRecord, isEvidential, rightsTarget } from "./heldRecord";
import { admitRightsRequest, recordNotHeld, recordRightsWork, refuseRightsRequest, requireLength } from "./rightsRequest";
import { RightsProblem } from "./RightsProblem";

export interface SupplementaryStatementInput {
  recordId: string;
  field: string | null;
  statement: string;
}

/** What the IG lead is told: the statement's id, where it sits, and whom Art 19 says to tell. */
export interface SupplementaryStatementReceipt {
  id: string;
  path: string;
  attachedAt: Date;
  recipientsToTell: string[];
}

/**
 * Rectification by supplementary statement (UK GDPR Art 16; DOMAIN rule 7): the fact is never edited.
 * The IG lead of the agency holding the record attaches the person's statement to the record or to one
 * fact of it; every later disclosure of what it is about carries it. An evidential record or fact is
 * refused (EVIDENTIAL_RECORD): it is kept as recorded and restricted instead (DPA 2018 s.46(4)). The
 * entry names the statement and the recipients to tell (Art 19), never the statement's words.
 */
export async function attachSupplementaryStatement(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, input: SupplementaryStatementInput, now = new Date()): Promise<SupplementaryStatementReceipt> {
  const request = await admitRightsRequest(services, principal, requestId, access, AuditOperation.SUPPLEMENTARY_STATEMENT_ATTACHED, now);
  const rule = services.policy.dataSubjectRights;
  requireLength(input.statement, rule.statementMinimumLength, "statement", RightsProblem.STATEMENT_TOO_SHORT, "the person's statement");
  const record = await findHeldRecord(services.dataSource, principal, input.recordId);
  if (record === null) return recordNotHeld(request);
  const target = rightsTarget(record, input.field);
  if (isEvidential(rule, target)) {
    return refuseRightsRequest(request, ErrorCode.INVALID_INPUT, RightsProblem.EVIDENTIAL_RECORD, "This record or fact is evidential: it is kept as recorded. Restrict its processing instead (restrictProcessing).", { path: "recordId", recordId: record.id, field: input.field });
  }
  const { toTell: recipientsToTell, toldByHub } = await art19Recipients(services.dataSource, target);
  return recordRightsWork(request, record.sui === null ? [] : [record.sui], async (manager) => {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO supplementary_statement (record_id, field, statement, agency_code, attached_by_sub, attached_by_agency, attached_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [record.id, input.field, input.statement.trim(), record.agencyCode, principal.sub, principal.agency, now],
    );
    return {
      result: { id: row.id, path: target.path, attachedAt: now, recipientsToTell },
      details: { statementId: row.id, recordId: record.id, recordType: record.recordType, field: input.field, path: target.path, onBehalfOf: record.agencyCode, recipientsToTell },
      art19: { toldByHub, notice: { statementId: row.id, recordId: record.id, recordType: record.recordType, field: input.field, path: target.path, onBehalfOf: record.agencyCode } },
    };
  });
}
