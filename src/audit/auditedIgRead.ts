import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { AUDIT_ACCESS_RULE, mayUseAudit, type AuditAction } from "./auditAccess";
import { type AuditOutcome } from "./AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, type GovernanceServices } from "./governanceAccess";
import { type GovernanceOperation } from "./governancePurposes";

/** One use of the audit trail by an IG lead, described for its own audit entry. */
export interface IgActivity {
  action: AuditAction;
  operation: GovernanceOperation;
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
 * data), and states why like any read of personal data (principle 2): the IG lead's access context —
 * INFORMATION_GOVERNANCE, or SUBJECT_ACCESS_REQUEST for a report to a data subject — is judged by the
 * purposes policy and recorded verbatim. A caller who is not an IG lead, or whose access context does
 * not fit, is refused, and the refusal recorded, before anything is read. An IG lead's read runs, then
 * its entry commits, then the result is returned: if the entry cannot be written the IG lead gets
 * AUDIT_UNAVAILABLE and nothing else.
 */
export async function auditedIgRead<T>(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  activity: IgActivity,
  read: () => Promise<IgReadResult<T>>,
  now: Date,
): Promise<T> {
  const request = await admitGovernanceRequest(
    services,
    { requestId, principal, operation: activity.operation, access, childSuis: activity.childSuis, details: activity.details },
    {
      permitted: mayUseAudit(principal, activity.action),
      problem: "IG_LEAD_ONLY",
      rule: AUDIT_ACCESS_RULE,
      message: "Only an information governance lead (role IG_LEAD) may read, export or verify the disclosure audit.",
    },
    now,
  );
  const { result, childSuis, details } = await read();
  await recordGovernanceWork(services, { ...request, childSuis: [...request.childSuis, ...childSuis], details: { ...request.details, ...details } }, activity.outcome, now);
  return result;
}
