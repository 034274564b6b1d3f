import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { recordDecision } from "../audit/recordDecision";
import { AuditOperation } from "../audit/AuditOperation";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type PolicySet } from "../policy/PolicySet";
import { holdsRole } from "../policy/rolesHeld";
import { Purpose } from "../policy/Purpose";
import { assertEditionInForce } from "../timescales/editionInForce";
import { Referral } from "./Referral";
import { REFERRAL_STAGES, type ReferralSource, type ReferralStage } from "./ReferralStage";
import { referralWindowEnd } from "./referralWindow";
import { validReference } from "./validReference";

const MIN_REASON_LENGTH = 20;
/** A referral is recorded as it arrives, not in retrospect: older than this, it has long been decided. */
const MAX_BACKDATING_DAYS = 7;

export interface ReferralSubmission {
  /** The child's SUI when the referrer gave it; absent when the MASH must first find the child (`searchChildren`), which binds it on opening. */
  sui?: string | null;
  reference: string;
  stage: ReferralStage;
  referralSource: ReferralSource;
  /** When the referral (or, for a later stage, the stage) began; now if not given. */
  receivedAt?: Date | null;
  /** Why it is being opened: recorded verbatim on the audit trail as the justification. */
  reason: string;
}

export interface ReferralReceipt {
  referralId: string;
  reference: string;
  stage: ReferralStage;
  localAuthority: string;
  receivedAt: Date;
  /** When research under this reference lapses unless the referral is decided first. */
  researchUntil: Date;
}

/**
 * Opens a referral in the hub at the caller's own local authority, naming the child by SUI (or, when
 * the referrer did not know it, no child until a search under it finds one: `bindReferral.ts`) and who
 * referred (design §6: MASH_CASE rests on a real referral), or moves an open one on to a later stage
 * (a strategy discussion, then s.47 enquiries) under the same reference. Who may open each stage is
 * policy data (`mashCase.windows[].openedInHubBy`): an emergency protection order is a court's, and only
 * the authority's own system records it. A decided referral is never reopened; a reference already used
 * at the authority for another child is a CONFLICT. Audited (REFERRAL_OPENED, with the reference as the
 * case reference and the reason as the justification) before it takes effect. The answer never says
 * whether the hub holds the child: a referral may come before any agency record does.
 */
export async function openReferral(dataSource: DataSource, principal: Principal, requestId: string, policy: PolicySet, submission: ReferralSubmission, now = new Date()): Promise<ReferralReceipt> {
  const window = policy.mashCase.windows.get(submission.stage);
  // A role counts only in an agency that can hold it (policies/roles.yaml): a school's token naming
  // MASH_PRACTITIONER opens no referral, even if a principal reached here past the gate.
  if (window === undefined || !window.openedInHubBy.some((role) => holdsRole(policy, principal, role))) {
    const who = window && window.openedInHubBy.length > 0 ? window.openedInHubBy.join(" or ") : "nobody in the hub: the authority's own system records it";
    throw new HubError(ErrorCode.FORBIDDEN, `A ${submission.stage} is opened in the hub by ${who}.`, { path: "referral.stage" });
  }
  const sui = submission.sui === null || submission.sui === undefined || submission.sui.trim() === "" ? null : parseSui(submission.sui, "referral.sui");
  const reference = validReference(submission.reference, "referral.reference");
  const reason = submission.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) {
    throw new HubError(ErrorCode.INVALID_INPUT, `Say what the referral is about and why it is being researched (at least ${MIN_REASON_LENGTH} characters).`, { path: "referral.reason" });
  }
  const startedAt = submission.receivedAt ?? now;
  if (Number.isNaN(startedAt.getTime()) || startedAt > now || now.getTime() - startedAt.getTime() > MAX_BACKDATING_DAYS * 86_400_000) {
    throw new HubError(ErrorCode.INVALID_INPUT, `receivedAt must be in the last ${MAX_BACKDATING_DAYS} days and not in the future.`, { path: "referral.receivedAt" });
  }
  assertEditionInForce(policy.timescaleEditions, startedAt, "referral.receivedAt");
  const localAuthority = principal.localAuthority;
  const existing = await dataSource.getRepository(Referral).findOneBy({ localAuthority, reference });
  if (existing !== null) checkMoveOn(policy, existing, sui, submission.stage, now);
  if (existing !== null && existing.stage === submission.stage) return receiptOf(policy, existing);

  const referralId = existing?.id ?? randomUUID();
  const receivedAt = existing?.receivedAt ?? startedAt;
  const researchUntil = referralWindowEnd(policy, submission.stage, startedAt);
  // On the trail before it opens anything.
  await recordDecision(dataSource, {
    requestId,
    principal,
    operation: AuditOperation.REFERRAL_OPENED,
    childSui: sui ?? existing?.sui ?? null,
    policyVersion: policy.version,
    access: { purpose: Purpose.REFERRAL_TRIAGE, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null, justification: reason, caseReference: reference, breakGlass: false },
    details: {
      referralId, reference, localAuthority, stage: submission.stage, previousStage: existing?.stage ?? null, referralSource: existing?.referralSource ?? submission.referralSource,
      receivedAt: receivedAt.toISOString(), stageStartedAt: startedAt.toISOString(), researchUntil: researchUntil.toISOString(),
    },
  });
  if (existing === null) {
    const inserted = await dataSource.query<{ id: string }[]>(
      `INSERT INTO referral (id, sui, local_authority, reference, stage, referral_source, received_at, stage_started_at, opened_by_sub, opened_by_agency)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9) ON CONFLICT (local_authority, reference) DO NOTHING RETURNING id`,
      [referralId, sui, localAuthority, reference, submission.stage, submission.referralSource, startedAt, principal.sub, principal.agency],
    );
    if (inserted.length === 0) throw new HubError(ErrorCode.CONFLICT, "Someone opened a referral under this reference meanwhile: look again.", { path: "referral.reference" });
  } else {
    const [, moved] = await dataSource.query<[unknown, number]>(
      `UPDATE referral SET stage = $2, stage_started_at = $3 WHERE id = $1 AND stage = $4 AND decided_at IS NULL`,
      [existing.id, submission.stage, startedAt, existing.stage],
    );
    if (moved === 0) throw new HubError(ErrorCode.CONFLICT, "This referral changed meanwhile: look again.", { path: "referral.reference" });
  }
  return { referralId, reference, stage: submission.stage, localAuthority, receivedAt, researchUntil };
}

/**
 * An existing referral under the reference may only move on, for the same child, while it is undecided
 * and its stage's window is open: moving a lapsed referral on would reopen research the timescale
 * closed. (A new concern is a new referral, opened and audited as one.)
 */
function checkMoveOn(policy: PolicySet, existing: Referral, sui: string | null, stage: ReferralStage, now: Date): void {
  if (sui !== null && existing.sui !== sui) throw new HubError(ErrorCode.CONFLICT, "This reference already names another child's referral at your authority.", { path: "referral.reference" });
  if (existing.decidedAt !== null) throw new HubError(ErrorCode.CONFLICT, "This referral was decided: a new concern is a new referral, under a new reference.", { path: "referral.reference" });
  if (stage !== existing.stage && referralWindowEnd(policy, existing.stage, existing.stageStartedAt) <= now) {
    throw new HubError(ErrorCode.CONFLICT, `This referral's ${existing.stage} window has ended: it cannot move on; a new concern is a new referral, under a new reference.`, { path: "referral.reference" });
  }
  if (REFERRAL_STAGES.indexOf(stage) < REFERRAL_STAGES.indexOf(existing.stage)) {
    throw new HubError(ErrorCode.CONFLICT, `This referral is already at ${existing.stage}: a referral only moves on.`, { path: "referral.stage" });
  }
}

function receiptOf(policy: PolicySet, referral: Referral): ReferralReceipt {
  return {
    referralId: referral.id, reference: referral.reference, stage: referral.stage, localAuthority: referral.localAuthority, receivedAt: referral.receivedAt,
    researchUntil: referralWindowEnd(policy, referral.stage, referral.stageStartedAt),
  };
}
