import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { checkStatedAccess } from "../policy/checkAccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { validateAccessContext } from "../policy/validateAccessContext";
import { AuditOutcome } from "./AuditOutcome";
import { refuseUnservedPurpose, type GovernanceOperation } from "./governancePurposes";
import { recordAuditEntry, type AuditEntryInput, type AuditReceipt, type AuditRefusal } from "./recordAuditEntry";

/** What governance work needs: the database, and the policies that judge the purpose it states. */
export interface GovernanceServices {
  dataSource: DataSource;
  policy: PolicySet;
}

/** Whether the caller holds a role that may do this work at all, decided before the purpose they state. */
export interface RoleCheck {
  permitted: boolean;
  /** Recorded on the refusal, e.g. IG_LEAD_ONLY. */
  problem: string;
  rule: string;
  /** What the caller is told. */
  message: string;
}

/** One request for governance work (an IG lead's or a data steward's use of personal data), as audited. */
export interface GovernanceRequest {
  requestId: string;
  principal: Principal;
  operation: GovernanceOperation;
  /** The caller's access context as it arrived. */
  access: AccessContext;
  childSuis: string[];
  details: Record<string, unknown>;
}

/** A request whose role and access context were checked: only this may be recorded as work done. */
export interface AdmittedGovernanceRequest extends GovernanceRequest {
  readonly admitted: true;
}

/**
 * Admits a request for governance work, or refuses it with the refusal on the trail first (design
 * principles 2 and 4). The caller's role is checked (FORBIDDEN), then the purpose they state is judged
 * by the same purposes policy that judges the child query — who may state it, the lawful basis, the
 * justification — and must be one this work serves (ACCESS_CONTEXT_INVALID). Every entry of the
 * request, refusal or not, carries the caller's access context verbatim.
 */
export async function admitGovernanceRequest(services: GovernanceServices, request: GovernanceRequest, role: RoleCheck, now: Date): Promise<AdmittedGovernanceRequest> {
  const checked: AdmittedGovernanceRequest = { ...request, access: validateAccessContext(request.access), admitted: true };
  if (!role.permitted) {
    await refuseGovernanceRequest(services, checked, { code: ErrorCode.FORBIDDEN, problem: role.problem, rule: role.rule }, now);
    throw new HubError(ErrorCode.FORBIDDEN, role.message);
  }
  const refusal = checkStatedAccess(services.policy, request.principal, checked.access) ?? refuseUnservedPurpose(request.operation, checked.access.purpose);
  if (refusal) {
    await refuseGovernanceRequest(services, checked, { code: ErrorCode.ACCESS_CONTEXT_INVALID, problem: refusal.problem, rule: refusal.rule }, now);
    throw new HubError(ErrorCode.ACCESS_CONTEXT_INVALID, refusal.message, { path: "access", problem: refusal.problem, rule: refusal.rule });
  }
  return checked;
}

/** The entry of admitted work: DISCLOSED for a read of personal data, RECORDED for a decision. Commits before the caller is answered. */
export function recordGovernanceWork(services: GovernanceServices, request: AdmittedGovernanceRequest, outcome: AuditOutcome, now: Date): Promise<AuditReceipt> {
  return record(services, request, outcome, null, now);
}

/** The entry of a refusal decided after admission (e.g. an IG lead reviewing their own break-glass access). */
export async function refuseGovernanceRequest(services: GovernanceServices, request: AdmittedGovernanceRequest, refusal: AuditRefusal, now: Date): Promise<void> {
  await record(services, request, AuditOutcome.REFUSED, refusal, now);
}

function record(services: GovernanceServices, request: AdmittedGovernanceRequest, outcome: AuditOutcome, refusal: AuditRefusal | null, now: Date): Promise<AuditReceipt> {
  return recordAuditEntry(services.dataSource, governanceAuditEntry(services, request, outcome, refusal), now);
}

/** The entry of admitted work, for work that writes it in its own transaction (`recordAuditEntriesInTransaction`). */
export function governanceAuditEntry(services: GovernanceServices, request: AdmittedGovernanceRequest, outcome: AuditOutcome, refusal: AuditRefusal | null = null): AuditEntryInput {
  return {
    requestId: request.requestId,
    principal: request.principal,
    operation: request.operation,
    access: request.access,
    childSuis: request.childSuis,
    outcome,
    refusal,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    // The purposes policy judged the request: its version says which.
    policyVersion: services.policy.version,
    breakGlass: false,
    prejudicesInvestigation: false,
    details: request.details,
  };
}
