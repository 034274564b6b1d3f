import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { type AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry, type AuditEntryInput } from "../../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../../errors/HubError";
import { LawfulBasis } from "../../policy/LawfulBasis";
import { Purpose } from "../../policy/Purpose";

/** Who may do identity stewardship: link reviews, merges and splits (HUB.md §8). */
export const STEWARD_RULE = "data-steward-only";

export interface StewardActivity {
  requestId: string;
  principal: Principal;
  operation: AuditOperation;
  /** The steward's reason, verbatim; for a read, what was read. */
  justification: string;
  childSuis: string[];
  details: Record<string, unknown>;
  /** Roles besides DATA_STEWARD allowed (an IG lead reading a wrong-link report). */
  alsoAllowed?: Role[];
}

function entry(activity: StewardActivity, outcome: AuditOutcome): AuditEntryInput {
  return {
    requestId: activity.requestId,
    principal: activity.principal,
    operation: activity.operation,
    // Identity stewardship is data quality work under the controller's public task.
    access: { purpose: Purpose.DATA_QUALITY, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null, justification: activity.justification, caseReference: null, breakGlass: false },
    childSuis: activity.childSuis,
    outcome,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    policyVersion: null,
    breakGlass: false,
    prejudicesInvestigation: false,
    details: activity.details,
  };
}

/** Refuses, and audits the refusal, unless the caller is a data steward (or one of `alsoAllowed`). */
export async function requireSteward(dataSource: DataSource, activity: StewardActivity, now: Date): Promise<void> {
  const allowed = [Role.DATA_STEWARD, ...(activity.alsoAllowed ?? [])];
  if (activity.principal.roles.some((role) => allowed.includes(role))) return;
  // A refused caller's free text and lists are not validated yet: the entry records the attempt, not them.
  const refused = { ...activity, justification: `refused: ${activity.operation} is for data stewards`, details: {} };
  await recordAuditEntry(dataSource, { ...entry(refused, AuditOutcome.REFUSED), refusal: { code: ErrorCode.FORBIDDEN, problem: "DATA_STEWARD_ONLY", rule: STEWARD_RULE } }, now);
  throw new HubError(ErrorCode.FORBIDDEN, `Only a data steward (role DATA_STEWARD)${activity.alsoAllowed?.length ? ` or ${activity.alsoAllowed.join(", ")}` : ""} may do this.`);
}

/** The audit entry of a steward's decision, committed before the decision takes effect (no audit, no action). */
export async function auditStewardDecision(dataSource: DataSource, activity: StewardActivity, now: Date): Promise<string> {
  return (await recordAuditEntry(dataSource, entry(activity, AuditOutcome.RECORDED), now)).id;
}

/** The audit entry of a steward's read of personal data, committed before the data is returned. */
export async function auditStewardRead(dataSource: DataSource, activity: StewardActivity, now: Date): Promise<string> {
  return (await recordAuditEntry(dataSource, entry(activity, AuditOutcome.DISCLOSED), now)).id;
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
