import { randomUUID } from "node:crypto";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { addCalendarMonths, isLocalDate, londonDateOf } from "../timescales/londonTime";
import { type HealthProfessionalOpinion } from "./ItemReview";
import { assembleReport } from "./produceSubjectAccessReport";
import { ExemptionReview, ItemOutcome, ReviewDecision } from "./SubjectAccessDecision";
import { SubjectAccessProblem } from "./SubjectAccessProblem";
import { admitSubjectAccessWork, findSubjectAccessRequest, requireOpen, requireReason } from "./subjectAccessCase";
import { SubjectAccessItemDecision } from "./SubjectAccessItemDecision";

const MAX_ITEM = 200;
const MAX_PROFESSIONAL = 200;

export interface ItemDecisionSubmission {
  /** The item's path in the review, e.g. `health[<recordId>].conditions`. */
  item: string;
  decision: ReviewDecision;
  reason: string;
  healthOpinion?: HealthProfessionalOpinion | null;
}

/** What was decided, and the item's outcome now. */
export interface ItemDecisionReceipt {
  decisionId: string;
  item: string;
  decision: ReviewDecision;
  /** The exemptions the decision answered. */
  exemptions: string[];
  outcome: ItemOutcome;
  decidedAt: Date;
}

/**
 * The IG lead decides an item the report holds for review — or one their own decision settled, which a
 * later decision supersedes — include it or withhold it, with the reason, answering every exemption
 * that holds it. Health data is decided only on the appropriate health
 * professional's opinion, given within the period the policy allows relying on one (DPA 2018 Sch.3
 * para 6(2)(b)), and the decision follows the opinion: withheld if releasing it would be likely to cause
 * serious harm (para 5), released if not (para 6). A decision on a record answers its record-level
 * exemptions for each of its fields. Audited (SUBJECT_ACCESS_ITEM_DECIDED) before it takes effect;
 * never changed — a later decision on the item supersedes it.
 */
export async function decideSubjectAccessItem(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, submission: ItemDecisionSubmission, now = new Date()): Promise<ItemDecisionReceipt> {
  const { dataSource, policy } = services;
  const admitted = await admitSubjectAccessWork(services, principal, requestId, access, AuditOperation.SUBJECT_ACCESS_ITEM_DECIDED, [], now);
  const request = await findSubjectAccessRequest(services, principal, id);
  requireOpen(request);
  const item = submission.item.trim();
  const current = item.length > 0 && item.length <= MAX_ITEM ? (await assembleReport(services, request, principal, now)).decisions.get(item) : undefined;
  if (current === undefined || current.decidable.length === 0) {
    throw new HubError(ErrorCode.INVALID_INPUT, "That item is not held for review in this request's report: decide only what its review lists as REVIEW_REQUIRED, or what your own decision settled.", { path: "decision.item", problem: SubjectAccessProblem.ITEM_NOT_UNDER_REVIEW });
  }
  const needsOpinion = current.decidable.some(({ exemption }) => exemption.review === ExemptionReview.HEALTH_PROFESSIONAL_OPINION);
  const otherGrounds = current.decidable.some(({ exemption }) => exemption.review !== ExemptionReview.HEALTH_PROFESSIONAL_OPINION);
  const healthOpinion = checkOpinion(submission, { needed: needsOpinion, otherGrounds }, policy.subjectAccess.healthOpinionValidForMonths, now);
  const reason = requireReason(submission.reason, policy.subjectAccess.decisionReasonMinimumLength, "decision.reason", "the reason for the decision");
  const exemptions = current.decidable.map(({ exemption }) => exemption.id);
  const decisionId = randomUUID();

  await recordGovernanceWork(
    services,
    { ...admitted, childSuis: [request.sui], details: { subjectAccessRequestId: request.id, reference: request.reference, decisionId, item, decision: submission.decision, exemptions, reason, healthOpinion } },
    AuditOutcome.RECORDED,
    now,
  );
  await dataSource.getRepository(SubjectAccessItemDecision).insert({
    id: decisionId, requestId: request.id, item, decision: submission.decision, exemptions, reason, healthOpinion, decidedBySub: principal.sub, decidedAt: now,
  });
  return {
    decisionId, item, decision: submission.decision, exemptions,
    outcome: submission.decision === ReviewDecision.INCLUDE ? ItemOutcome.INCLUDED : ItemOutcome.WITHHELD,
    decidedAt: now,
  };
}

/**
 * The opinion, when health data awaits one: named, dated no later than today and no earlier than the
 * policy's months back, and agreeing with the decision — an item whose release would be likely to
 * cause serious harm is withheld; one whose release would not is withheld only on another exemption
 * that also holds it.
 */
function checkOpinion(submission: ItemDecisionSubmission, awaiting: { needed: boolean; otherGrounds: boolean }, validForMonths: number, now: Date): HealthProfessionalOpinion | null {
  const { needed } = awaiting;
  const opinion = submission.healthOpinion ?? null;
  const refuse = (problem: SubjectAccessProblem, path: string, message: string): never => {
    throw new HubError(ErrorCode.INVALID_INPUT, message, { path: `decision.${path}`, problem });
  };
  if (!needed) {
    if (opinion !== null) refuse(SubjectAccessProblem.HEALTH_OPINION_NOT_APPLICABLE, "healthOpinion", "No health data in this item awaits a health professional's opinion: leave it out.");
    return null;
  }
  if (opinion === null) {
    return refuse(SubjectAccessProblem.HEALTH_OPINION_REQUIRED, "healthOpinion", "Health data is released or withheld only on the appropriate health professional's opinion on the serious harm test (DPA 2018 Sch.3 paras 5 and 6): record it.");
  }
  const professional = opinion.professional.trim();
  if (professional.length === 0 || professional.length > MAX_PROFESSIONAL) refuse(SubjectAccessProblem.HEALTH_OPINION_REQUIRED, "healthOpinion.professional", `Say who gave the opinion (1 to ${MAX_PROFESSIONAL} characters).`);
  const today = londonDateOf(now);
  if (!isLocalDate(opinion.givenOn) || opinion.givenOn > today || addCalendarMonths(opinion.givenOn, validForMonths) < today) {
    refuse(SubjectAccessProblem.HEALTH_OPINION_OUT_OF_DATE, "healthOpinion.givenOn", `The opinion must have been given in the last ${validForMonths} months, and not after today (DPA 2018 Sch.3 para 6(2)(b)).`);
  }
  const withhold = submission.decision === ReviewDecision.WITHHOLD;
  if (opinion.seriousHarm ? !withhold : withhold && !awaiting.otherGrounds) {
    refuse(
      SubjectAccessProblem.HEALTH_OPINION_CONTRADICTED, "decision",
      opinion.seriousHarm
        ? "The health professional's opinion is that releasing this would be likely to cause serious harm: it is withheld (DPA 2018 Sch.3 para 5)."
        : "The health professional's opinion is that releasing this would not be likely to cause serious harm: the serious harm exemption does not apply (DPA 2018 Sch.3 paras 5(3), 6).",
    );
  }
  return { professional, givenOn: opinion.givenOn, seriousHarm: opinion.seriousHarm };
}
