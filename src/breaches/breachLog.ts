import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { trailReach } from "../audit/trailReach";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { type AccessContext } from "../policy/AccessContext";
import { validReason } from "../exclusions/manageExclusions";
import { breachManager } from "./breachAccess";
import { breachPartsFor, requireOwnDisclosures, type BreachPart } from "./breachPart";
import { openSuspectedBreach } from "./openSuspectedBreach";
import { BREACH_DECISIONS, BreachSource, BreachStatus, PersonalDataBreach, SUBJECT_NOTICES, type BreachDecision, type SubjectNotice } from "./PersonalDataBreach";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DISCLOSURES = 500;

export interface BreachSubmission {
  description: string;
  disclosureIds: string[];
  childSuis: string[];
  /** When the IG lead's agency became aware; now if not given. Never in the future. */
  awareAt: Date | null;
}

/** One breach with the time left to report, as the log lists it. */
export interface BreachOnClock {
  breach: BreachPart;
  /** Milliseconds to `reportDueAt` (negative: overdue). */
  msLeft: number;
}

/**
 * An IG lead opens a suspected breach (BREACH_OPENED, audited first); the clock runs from `awareAt`.
 * The disclosures named must be ones their agency is party to (`breachPart.ts`); the answer is their part.
 */
export async function openBreach(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, submission: BreachSubmission, now = new Date()): Promise<BreachPart> {
  await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.BREACH_OPENED, access, childSuis: [], details: {} }, breachManager(principal), now);
  const description = validReason(submission.description, "breach.description");
  if (submission.disclosureIds.length > MAX_DISCLOSURES) throw new HubError(ErrorCode.INVALID_INPUT, `At most ${MAX_DISCLOSURES} disclosures.`, { path: "breach.disclosureIds" });
  submission.disclosureIds.forEach((id, index) => {
    if (!UUID.test(id)) throw new HubError(ErrorCode.INVALID_INPUT, "A disclosure id is the id of an audit entry (a UUID).", { path: `breach.disclosureIds.${index}` });
  });
  const childSuis = submission.childSuis.map((sui, index) => parseSui(sui, `breach.childSuis.${index}`));
  if (submission.disclosureIds.length === 0 && childSuis.length === 0) {
    throw new HubError(ErrorCode.INVALID_INPUT, "Name the disclosures affected, or at least the children.", { path: "breach", problem: "BREACH_UNSPECIFIED" });
  }
  const awareAt = submission.awareAt ?? now;
  if (Number.isNaN(awareAt.getTime()) || awareAt.getTime() > now.getTime()) throw new HubError(ErrorCode.INVALID_INPUT, "Awareness cannot be in the future.", { path: "breach.awareAt", problem: "AWARE_IN_FUTURE" });
  await requireOwnDisclosures(services.dataSource, principal, submission.disclosureIds);
  const breach = await openSuspectedBreach(services, principal, requestId, access, { source: BreachSource.IG_LEAD, sourceId: null, description, disclosureIds: submission.disclosureIds, childSuis, awareAt }, now);
  return (await breachPartsFor(services.dataSource, principal, [breach]))[0];
}

/**
 * The breach log an IG lead answers for (`audit/trailReach`: their agency's, or about children it
 * holds), the open ones by time left to report — the most urgent first — or the decided ones, newest
 * first; each cut to the part their agency controls (`breachPart.ts`). Audited (BREACHES_READ) before the answer.
 */
export async function listBreaches(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, status: BreachStatus, now = new Date()): Promise<BreachOnClock[]> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.BREACHES_READ, access, childSuis: [], details: { status } }, breachManager(principal), now);
  const breaches = await breachPartsFor(services.dataSource, principal, await answeredFor(services, principal).andWhere("breach.status = :status", { status })
    .orderBy(status === BreachStatus.OPEN ? "breach.report_due_at" : "breach.decided_at", status === BreachStatus.OPEN ? "ASC" : "DESC").addOrderBy("breach.id", "ASC").take(500).getMany());
  await recordGovernanceWork(services, { ...request, childSuis: [...new Set(breaches.flatMap((breach) => breach.childSuis))], details: { status, breachIds: breaches.map((breach) => breach.id) } }, AuditOutcome.DISCLOSED, now);
  return breaches.map((breach) => ({ breach, msLeft: breach.reportDueAt.getTime() - now.getTime() }));
}

export interface BreachDecisionSubmission {
  decision: BreachDecision;
  subjectNotice: SubjectNotice;
  reasons: string;
}

/**
 * An IG lead decides a breach once (BREACH_DECIDED, audited before it takes effect): report to the ICO
 * or not, whether the people affected are told or why not (Art 34, with the safeguarding and crime
 * restrictions), and the reasons. A decision after the 72 hours is recorded as late: Art 33(1) then asks
 * the report to give the reasons for the delay, so the reasons must be given here too.
 */
export async function decideBreach(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, submission: BreachDecisionSubmission, now = new Date()): Promise<BreachPart> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.BREACH_DECIDED, access, childSuis: [], details: {} }, breachManager(principal), now);
  if (!BREACH_DECISIONS.includes(submission.decision)) throw new HubError(ErrorCode.INVALID_INPUT, `decision is one of ${BREACH_DECISIONS.join(", ")}.`, { path: "decision.decision" });
  if (!SUBJECT_NOTICES.includes(submission.subjectNotice)) throw new HubError(ErrorCode.INVALID_INPUT, `subjectNotice is one of ${SUBJECT_NOTICES.join(", ")}.`, { path: "decision.subjectNotice" });
  const reasons = validReason(submission.reasons, "decision.reasons");
  const breach = UUID.test(id) ? await answeredFor(services, principal).andWhere("breach.id = :id", { id }).getOne() : null;
  if (breach === null) throw new HubError(ErrorCode.NOT_FOUND, "No breach has this id.", { path: "id" });
  if (breach.status !== BreachStatus.OPEN) throw new HubError(ErrorCode.CONFLICT, "This breach was already decided.", { path: "id", problem: "BREACH_ALREADY_DECIDED" });
  const late = now.getTime() > breach.reportDueAt.getTime();
  const [part] = await breachPartsFor(services.dataSource, principal, [breach]);
  await recordGovernanceWork(services, { ...request, childSuis: part.childSuis, details: { breachId: breach.id, decision: submission.decision, subjectNotice: submission.subjectNotice, reasons, late, reportDueAt: breach.reportDueAt.toISOString() } }, AuditOutcome.RECORDED, now);
  const repository = services.dataSource.getRepository(PersonalDataBreach);
  const [, affected] = await services.dataSource.query<[unknown, number]>(
    `UPDATE personal_data_breach SET status = $2, decision = $3, subject_notice = $4, decision_reasons = $5, decided_at = $6, decided_by_sub = $7, decided_by_agency = $9 WHERE id = $1 AND status = $8`,
    [breach.id, BreachStatus.DECIDED, submission.decision, submission.subjectNotice, reasons, now, principal.sub, BreachStatus.OPEN, principal.agency],
  );
  if (affected === 0) throw new HubError(ErrorCode.CONFLICT, "This breach was decided by someone else meanwhile.", { path: "id", problem: "BREACH_ALREADY_DECIDED" });
  return (await breachPartsFor(services.dataSource, principal, [await repository.findOneByOrFail({ id: breach.id })]))[0];
}

function answeredFor(services: GovernanceServices, principal: Principal) {
  const reach = trailReach(principal, { agency: "breach.opened_by_agency", suis: "breach.child_suis::text[]" });
  return services.dataSource.getRepository(PersonalDataBreach).createQueryBuilder("breach")
    .where(`(${reach.condition} OR :readerAgency = ANY(breach.agencies_to_tell))`, reach.parameters);
}
