import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { AUDIT_ACCESS_RULE, mayUseAudit, type AuditAction } from "./auditAccess";
import { type AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { recordAuditEntry, type AuditEntryInput } from "./recordAuditEntry";

/** One use of the audit trail by an IG lead, described for its own audit entry. */
export interface IgActivity {
  action: AuditAction;
  operation: AuditOperation;
  /** INFORMATION_GOVERNANCE, or SUBJECT_ACCESS_REQUEST for a report to a data subject. */
  purpose: Purpose;
  /** Recorded as the entry's justification: these services take none from the caller. */
  justification: string;
  /** The children the request names (a filter's SUI, a SAR's subject). */
  childSuis: string[];
  details: Record<string, unknown>;
  /** RECORDED for work that returns no personal data (verification), DISCLOSED otherwise. */
  outcome: AuditOutcome;
}

export interface IgReadResult<T> {
  result: T;
  /** Children whose entries the read returned, so "who looked at this child" finds IG reads too. */
  childSuis: string[];
  details: Record<string, unknown>;
}

/**
 * Reading the audit is itself audited (design principle 4 applies to the trail as to any personal
 * data). A caller who is not an IG lead is refused, and the refusal recorded, before anything is read.
 * An IG lead's read runs, then its entry commits, then the result is returned: if the entry cannot be
 * written the IG lead gets AUDIT_UNAVAILABLE and nothing else.
 *
 * The lawful basis is legal obligation: UK GDPR Art 5(2) accountability for IG review, Art 15 for a
 * subject access request.
 */
export async function auditedIgRead<T>(
  dataSource: DataSource,
  principal: Principal,
  requestId: string,
  activity: IgActivity,
  read: () => Promise<IgReadResult<T>>,
  now: Date,
): Promise<T> {
  const access: AccessContext = {
    purpose: activity.purpose,
    lawfulBasis: LawfulBasis.LEGAL_OBLIGATION,
    specialCategoryCondition: null,
    justification: activity.justification,
    caseReference: null,
    breakGlass: false,
  };
  const entry: Omit<AuditEntryInput, "outcome" | "childSuis" | "details"> = {
    requestId,
    principal,
    operation: activity.operation,
    access,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    policyVersion: null,
    breakGlass: false,
    prejudicesInvestigation: false,
  };
  if (!mayUseAudit(principal, activity.action)) {
    await recordAuditEntry(
      dataSource,
      { ...entry, outcome: AuditOutcome.REFUSED, childSuis: activity.childSuis, refusal: { code: ErrorCode.FORBIDDEN, problem: "IG_LEAD_ONLY", rule: AUDIT_ACCESS_RULE }, details: activity.details },
      now,
    );
    throw new HubError(ErrorCode.FORBIDDEN, "Only an information governance lead (role IG_LEAD) may read, export or verify the disclosure audit.");
  }
  const { result, childSuis, details } = await read();
  await recordAuditEntry(
    dataSource,
    { ...entry, outcome: activity.outcome, childSuis: [...activity.childSuis, ...childSuis], details: { ...activity.details, ...details } },
    now,
  );
  return result;
}
