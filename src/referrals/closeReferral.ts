import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { recordDecision } from "../audit/recordDecision";
import { AuditOperation } from "../audit/AuditOperation";
import { ErrorCode, HubError } from "../errors/HubError";
import { type PolicySet } from "../policy/PolicySet";
import { LawfulBasis } from "../policy/LawfulBasis";
import { Purpose } from "../policy/Purpose";
import { Referral } from "./Referral";
import { type ReferralDecision } from "./ReferralStage";
import { validReference } from "./validReference";

const MIN_REASON_LENGTH = 10;

export interface ClosedReferral {
  referralId: string;
  reference: string;
  decision: ReferralDecision;
  decidedAt: Date;
}

/**
 * A referral's decision (Working Together 2023: within one working day): from then on its reference
 * opens nothing. Only the authority that holds it decides it; a reference the authority does not hold,
 * or already decided, is NOT_FOUND / CONFLICT. Audited (REFERRAL_DECIDED) before it takes effect.
 */
export async function closeReferral(dataSource: DataSource, principal: Principal, requestId: string, policy: PolicySet, rawReference: string, decision: ReferralDecision, rawReason: string, now = new Date()): Promise<ClosedReferral> {
  if (!principal.roles.some((role) => role === Role.MASH_PRACTITIONER || role === Role.SOCIAL_WORKER || role === Role.CSC_MANAGER)) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only the MASH or children's social care of the authority that holds a referral may record its decision.");
  }
  const reference = validReference(rawReference, "reference");
  const reason = rawReason.trim();
  if (reason.length < MIN_REASON_LENGTH) throw new HubError(ErrorCode.INVALID_INPUT, `Give the reason for the decision (at least ${MIN_REASON_LENGTH} characters).`, { path: "reason" });
  const referral = await dataSource.getRepository(Referral).findOneBy({ localAuthority: principal.localAuthority, reference });
  if (referral === null) throw new HubError(ErrorCode.NOT_FOUND, "Your authority holds no referral under this reference.", { path: "reference" });
  if (referral.decidedAt !== null) throw new HubError(ErrorCode.CONFLICT, "This referral was already decided.", { path: "reference" });

  await recordDecision(dataSource, {
    requestId,
    principal,
    operation: AuditOperation.REFERRAL_DECIDED,
    childSui: referral.sui,
    policyVersion: policy.version,
    access: { purpose: Purpose.REFERRAL_TRIAGE, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null, justification: reason, caseReference: reference, breakGlass: false },
    details: { referralId: referral.id, reference, localAuthority: referral.localAuthority, decision, reason },
  });
  const [, affected] = await dataSource.query<[unknown, number]>(`UPDATE referral SET decided_at = $2, decision = $3 WHERE id = $1 AND decided_at IS NULL`, [referral.id, now, decision]);
  if (affected === 0) throw new HubError(ErrorCode.CONFLICT, "This referral was decided by someone else meanwhile.", { path: "reference" });
  return { referralId: referral.id, reference, decision, decidedAt: now };
}
