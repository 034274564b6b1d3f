import { type EntityManager } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, governanceAuditEntry, refuseGovernanceRequest, type AdmittedGovernanceRequest, type GovernanceServices } from "../audit/governanceAccess";
import { type GovernanceOperation } from "../audit/governancePurposes";
import { recordAuditEntriesInTransaction } from "../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { art19Notice, type Art19Recipients } from "./art19Recipients";
import { rightsWorker } from "./rightsWorker";
import { RightsProblem } from "./RightsProblem";

/** One data subject's rights operation, admitted: the IG lead's role and stated purpose were checked, and any refusal is on the trail. */
export interface RightsRequest {
  services: GovernanceServices;
  admitted: AdmittedGovernanceRequest;
  now: Date;
}

export async function admitRightsRequest(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, operation: GovernanceOperation, now: Date): Promise<RightsRequest> {
  const admitted = await admitGovernanceRequest(services, { requestId, principal, operation, access, childSuis: [], details: {} }, rightsWorker(principal), now);
  return { services, admitted, now };
}

/** Refuses with the refusal on the trail first (design principle 4), naming the policy rule that decided it. */
export async function refuseRightsRequest(request: RightsRequest, code: ErrorCode, problem: RightsProblem, message: string, details: Record<string, unknown> = {}): Promise<never> {
  await refuseGovernanceRequest(request.services, { ...request.admitted, details }, { code, problem, rule: request.services.policy.dataSubjectRights.id }, request.now);
  throw new HubError(code, message, { problem, ...("path" in details ? { path: details.path } : {}) });
}

/** A record not held by the caller's agency, or none at all: the same NOT_FOUND, refused on the trail. */
export function recordNotHeld(request: RightsRequest): Promise<never> {
  return refuseRightsRequest(request, ErrorCode.NOT_FOUND, RightsProblem.RECORD_NOT_HELD, "No record by that id is held by your agency.");
}

/** INVALID_INPUT for a reason or statement shorter than the policy asks. */
export function requireLength(text: string, minimum: number, path: string, problem: RightsProblem, what: string): void {
  if (text.trim().length < minimum) throw new HubError(ErrorCode.INVALID_INPUT, `Write ${what} (at least ${minimum} characters).`, { path, problem });
}

/**
 * Does the work and writes its entry in one transaction: the decision and its record on the trail
 * commit together or not at all, so the trail never says a fact was rectified, restricted or erased
 * that was not, and nothing changes without its entry.
 */
export async function recordRightsWork<T>(request: RightsRequest, childSuis: string[], work: (manager: EntityManager) => Promise<{ result: T; details: Record<string, unknown>; art19?: Art19Told }>): Promise<T> {
  const { services, admitted, now } = request;
  return services.dataSource.transaction(async (manager) => {
    const { result, details, art19 } = await work(manager);
    const notices = (art19?.toldByHub ?? []).map((recipient) => art19Notice(recipient, { requestId: admitted.requestId, operation: admitted.operation, policyVersion: services.policy.version }, childSuis, art19?.notice ?? {}));
    await recordAuditEntriesInTransaction(manager, [governanceAuditEntry(services, { ...admitted, childSuis, details }, AuditOutcome.RECORDED), ...notices], now);
    return result;
  });
}

/** The recipients the hub tells itself (`art19Recipients.ts`), and what their notice names: written with the decision, so neither commits without the other. */
export interface Art19Told {
  toldByHub: Art19Recipients["toldByHub"];
  notice: Record<string, unknown>;
}
