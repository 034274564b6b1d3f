import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { type AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { recordAuditEntry, type AuditReceipt } from "./recordAuditEntry";

export interface RecordedDecision {
  requestId: string;
  principal: Principal;
  operation: AuditOperation;
  /** Null for a decision about a child not yet identified (a referral opened before a search finds the child). */
  childSui: string | null;
  policyVersion: string;
  /** RECORDED for a decision taken (consent, override); NOT_SHARED for s.16LA. */
  outcome?: AuditOutcome;
  access?: AccessContext | null;
  details: Record<string, unknown>;
}

/**
 * The audit entry of a decision someone recorded about a child (a consent, an override, a decision not
 * to share): nothing disclosed, nothing withheld, the decision's facts in `details`.
 * DOMAIN rule 4: record the decision and the reasons, whether or not you share.
 */
export function recordDecision(dataSource: DataSource, decision: RecordedDecision): Promise<AuditReceipt> {
  return recordAuditEntry(dataSource, {
    requestId: decision.requestId,
    principal: decision.principal,
    operation: decision.operation,
    access: decision.access ?? null,
    childSuis: decision.childSui === null ? [] : [decision.childSui],
    outcome: decision.outcome ?? AuditOutcome.RECORDED,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    policyVersion: decision.policyVersion,
    breakGlass: false,
    prejudicesInvestigation: false,
    details: decision.details,
  });
}
