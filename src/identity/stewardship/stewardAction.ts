import { Role } from "../../auth/Role";
import { AuditOutcome } from "../../audit/AuditOutcome";
import {
  admitGovernanceRequest, recordGovernanceWork, type AdmittedGovernanceRequest, type GovernanceRequest, type GovernanceServices,
} from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";

/** Who may do identity stewardship: link reviews, merges and splits (HUB.md §8). */
export const STEWARD_RULE = "data-steward-only";

export interface StewardActivity extends GovernanceRequest {
  /** Roles besides DATA_STEWARD allowed (an IG lead reading a wrong-link report). */
  alsoAllowed?: Role[];
}

/**
 * Admits a data steward (or one of `alsoAllowed`) whose access context fits the work — DATA_QUALITY for
 * a steward, judged by the purposes policy — or refuses, with the refusal audited. The steward's
 * justification, purpose, lawful basis and case reference go verbatim on every entry of the request.
 */
export async function admitSteward(services: GovernanceServices, activity: StewardActivity, now: Date): Promise<AdmittedGovernanceRequest> {
  const { alsoAllowed = [], ...request } = activity;
  const allowed = [Role.DATA_STEWARD, ...alsoAllowed];
  // A refused caller's ids and lists are not validated yet: the refusal records the attempt and the
  // access context stated, not them.
  const admitted = await admitGovernanceRequest(
    services,
    { ...request, childSuis: [], details: {} },
    {
      permitted: request.principal.roles.some((role) => allowed.includes(role)),
      problem: "DATA_STEWARD_ONLY",
      rule: STEWARD_RULE,
      message: `Only a data steward (role DATA_STEWARD)${alsoAllowed.length > 0 ? ` or ${alsoAllowed.join(", ")}` : ""} may do this.`,
    },
    now,
  );
  return { ...admitted, childSuis: request.childSuis, details: request.details };
}

/** The audit entry of a steward's decision, committed before the decision takes effect (no audit, no action). */
export async function auditStewardDecision(services: GovernanceServices, request: AdmittedGovernanceRequest, now: Date): Promise<string> {
  return (await recordGovernanceWork(services, request, AuditOutcome.RECORDED, now)).id;
}

/** The audit entry of a steward's read of personal data, committed before the data is returned. */
export async function auditStewardRead(services: GovernanceServices, request: AdmittedGovernanceRequest, now: Date): Promise<string> {
  return (await recordGovernanceWork(services, request, AuditOutcome.DISCLOSED, now)).id;
}

/** A steward's reason is recorded verbatim and must say something. */
export function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 10) throw new HubError(ErrorCode.INVALID_INPUT, "Give a reason of at least 10 characters: it is recorded in the link history and the audit trail.", { path: "reason" });
  if (trimmed.length > 2000) throw new HubError(ErrorCode.INVALID_INPUT, "The reason must be at most 2,000 characters.", { path: "reason" });
  return trimmed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireId(value: string, path: string): string {
  if (!UUID.test(value)) throw new HubError(ErrorCode.INVALID_INPUT, "Not a valid id.", { path });
  return value.toLowerCase();
}
