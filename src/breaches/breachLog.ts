import { createHash } from "node:crypto";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, refuseGovernanceRequest, type GovernanceServices } from "../audit/governanceAccess";
import { trailReach } from "../audit/trailReach";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { type AccessContext } from "../policy/AccessContext";
import { validReason } from "../exclusions/manageExclusions";
import { assertEditionInForce } from "../timescales/editionInForce";
import { concealedRecords } from "./affectedDisclosures";
import { breachManager } from "./breachAccess";
import { breachPartsFor, requireOwnDisclosures, type BreachPart } from "./breachPart";
import { openSuspectedBreach } from "./openSuspectedBreach";
import { breachClock, BreachClock } from "./breachClock";
import { ControllerPart } from "./ControllerPart";
import { BREACH_DECISIONS, BreachDecision, BreachSource, BreachStatus, PersonalDataBreach, SUBJECT_NOTICES, type SubjectNotice } from "./PersonalDataBreach";

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
  assertEditionInForce(services.policy.timescaleEditions, awareAt, "breach.awareAt");
  await requireOwnDisclosures(services.dataSource, principal, submission.disclosureIds);
  const breach = await openSuspectedBreach(services, principal, requestId, access, { source: BreachSource.IG_LEAD, sourceId: null, description, disclosureIds: submission.disclosureIds, childSuis, awareAt }, now);
  return (await breachPartsFor(services.dataSource, principal, [breach]))[0];
}

/**
 * The breach log an IG lead answers for (`audit/trailReach`: their agency's, or about children it
 * holds, or whose data it controls), each cut to the part their agency controls (`breachPart.ts`).
 * OPEN lists what is still the reader's agency's to decide — its own part open — by time left on its
 * own part's clock, the most urgent first; DECIDED what it has decided, newest first. Another
 * controller's decision moves nothing in this agency's log. For a breach the agency answers for but
 * controls no part of, the breach's status counts as the agency may know it: decided once every part it
 * may know of is (`breachPart.ts`). Audited (BREACHES_READ) before the answer.
 */
export async function listBreaches(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, status: BreachStatus, now = new Date()): Promise<BreachOnClock[]> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.BREACHES_READ, access, childSuis: [], details: { status } }, breachManager(principal), now);
  const ordered = answeredFor(services, principal)
    .leftJoin(ControllerPart, "own", "own.breach_id = breach.id AND own.agency = :readerAgency")
    // With no part of its own, the breach's status as the reader may know it (`breachPart.ts`) decides, below.
    .andWhere("(own.status = :status OR own.status IS NULL)", { status });
  const found = await (status === BreachStatus.OPEN ? ordered.orderBy("COALESCE(own.report_due_at, breach.report_due_at)", "ASC") : ordered.orderBy("COALESCE(own.decided_at, breach.decided_at)", "DESC", "NULLS LAST"))
    .addOrderBy("breach.id", "ASC").limit(500).getMany();
  const breaches = (await breachPartsFor(services.dataSource, principal, found, now))
    .filter((breach) => (breach.controllerPart?.status ?? breach.status) === status)
    .sort(status === BreachStatus.OPEN
      ? (a, b) => a.reportDueAt.getTime() - b.reportDueAt.getTime() || a.id.localeCompare(b.id)
      : (a, b) => decidedTime(b) - decidedTime(a) || a.id.localeCompare(b.id));
  await recordGovernanceWork(services, { ...request, childSuis: [...new Set(breaches.flatMap((breach) => breach.childSuis))], details: { status, breachIds: breaches.map((breach) => breach.id), ...concealing(breaches) } }, AuditOutcome.DISCLOSED, now);
  return breaches.map((breach) => ({ breach, msLeft: breach.reportDueAt.getTime() - now.getTime() }));
}

function decidedTime(breach: BreachPart): number {
  return (breach.controllerPart?.decidedAt ?? breach.decidedAt)?.getTime() ?? 0;
}

export interface BreachDecisionSubmission {
  decision: BreachDecision;
  subjectNotice: SubjectNotice;
  reasons: string;
  /** The ICO's reference for the agency's report: REPORT only, and required with it. */
  icoReference: string | null;
  /** When the agency reported it to the ICO: REPORT only, and required with it; never in the future. */
  reportedAt: Date | null;
}

const BREACH_OWN_PART_RULE = "breach-log:own-part-only";
const ICO_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/-]{2,63}$/;

/**
 * An IG lead decides their own agency's part of a breach, once (BREACH_DECIDED, audited before it takes
 * effect): reported to the ICO — with the ICO's reference and when — or not, whether the people affected
 * are told or why not (Art 34, with the safeguarding and crime restrictions), and the reasons. Only the
 * agency's own part: another controller's stays open, its clock running, and the breach is DECIDED when
 * the last part is. An agency that controls no part of it is refused, on the trail. A part decided after
 * the 72 hours (reported after them, for a report) is recorded as late: Art 33(1) then asks the report to
 * give the reasons for the delay, so the reasons must be given here too. The trail holds a digest of the
 * reasons, not the text: other controllers' IG leads read entries about the children they hold.
 */
export async function decideBreach(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, submission: BreachDecisionSubmission, now = new Date()): Promise<BreachPart> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.BREACH_DECIDED, access, childSuis: [], details: {} }, breachManager(principal), now);
  const decision = validDecision(submission, now);
  const breach = UUID.test(id) ? await answeredFor(services, principal).andWhere("breach.id = :id", { id }).getOne() : null;
  if (breach === null) throw new HubError(ErrorCode.NOT_FOUND, "No breach has this id.", { path: "id" });
  const parts = services.dataSource.getRepository(ControllerPart);
  const own = await parts.findOneBy({ breachId: breach.id, agency: principal.agency });
  if (own === null) {
    await refuseGovernanceRequest(services, { ...request, details: { breachId: breach.id } }, { code: ErrorCode.FORBIDDEN, problem: "NOT_A_CONTROLLER", rule: BREACH_OWN_PART_RULE }, now);
    throw new HubError(ErrorCode.FORBIDDEN, "Your agency controls no part of this breach: each controlling agency decides its own.", { path: "id", problem: "NOT_A_CONTROLLER" });
  }
  if (own.status !== BreachStatus.OPEN) throw new HubError(ErrorCode.CONFLICT, "Your agency's part of this breach was already decided.", { path: "id", problem: "BREACH_ALREADY_DECIDED" });
  const late = breachClock({ ...decision, status: BreachStatus.DECIDED, decidedAt: now }, own.reportDueAt, now) === BreachClock.LATE;
  const [part] = await breachPartsFor(services.dataSource, principal, [breach], now);
  await recordGovernanceWork(services, {
    ...request, childSuis: part.childSuis,
    details: {
      breachId: breach.id, agency: principal.agency, decision: decision.decision, subjectNotice: decision.subjectNotice, reasonsSha256: createHash("sha256").update(decision.decisionReasons).digest("hex"),
      icoReference: decision.icoReference, reportedAt: decision.reportedAt?.toISOString() ?? null, late, reportDueAt: own.reportDueAt.toISOString(), ...concealing([part]),
    },
  }, AuditOutcome.RECORDED, now);
  await services.dataSource.transaction(async (manager) => {
    // One part decided at a time per breach, so the last one decided closes it whichever commits first.
    await manager.query(`SELECT id FROM personal_data_breach WHERE id = $1 FOR UPDATE`, [breach.id]);
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE breach_controller_part SET status = $3, decision = $4, subject_notice = $5, decision_reasons = $6, ico_reference = $7, reported_at = $8, decided_at = $9, decided_by_sub = $10
        WHERE breach_id = $1 AND agency = $2 AND status = $11`,
      [breach.id, principal.agency, BreachStatus.DECIDED, decision.decision, decision.subjectNotice, decision.decisionReasons, decision.icoReference, decision.reportedAt, now, principal.sub, BreachStatus.OPEN],
    );
    if (affected === 0) throw new HubError(ErrorCode.CONFLICT, "Your agency's part of this breach was decided by someone else meanwhile.", { path: "id", problem: "BREACH_ALREADY_DECIDED" });
    await manager.query(
      `UPDATE personal_data_breach SET status = $2, decided_at = $3 WHERE id = $1 AND status = $4 AND NOT EXISTS (SELECT 1 FROM breach_controller_part WHERE breach_id = $1 AND status = $4)`,
      [breach.id, BreachStatus.DECIDED, now, BreachStatus.OPEN],
    );
  });
  return (await breachPartsFor(services.dataSource, principal, [await services.dataSource.getRepository(PersonalDataBreach).findOneByOrFail({ id: breach.id })], now))[0];
}

/** The decision as submitted, checked at the edge: a report names the ICO's reference and when it was made; no report names neither. */
function validDecision(submission: BreachDecisionSubmission, now: Date): Pick<ControllerPart, "decision" | "subjectNotice" | "decisionReasons" | "icoReference" | "reportedAt"> & { decision: BreachDecision; subjectNotice: SubjectNotice; decisionReasons: string } {
  if (!BREACH_DECISIONS.includes(submission.decision)) throw new HubError(ErrorCode.INVALID_INPUT, `decision is one of ${BREACH_DECISIONS.join(", ")}.`, { path: "decision.decision" });
  if (!SUBJECT_NOTICES.includes(submission.subjectNotice)) throw new HubError(ErrorCode.INVALID_INPUT, `subjectNotice is one of ${SUBJECT_NOTICES.join(", ")}.`, { path: "decision.subjectNotice" });
  const decisionReasons = validReason(submission.reasons, "decision.reasons");
  if (submission.decision === BreachDecision.NO_REPORT) {
    if (submission.icoReference != null || submission.reportedAt != null) {
      throw new HubError(ErrorCode.INVALID_INPUT, "A breach not reported has no ICO reference or report time.", { path: "decision", problem: "NOT_REPORTED" });
    }
    return { decision: submission.decision, subjectNotice: submission.subjectNotice, decisionReasons, icoReference: null, reportedAt: null };
  }
  if (submission.icoReference == null || !ICO_REFERENCE.test(submission.icoReference)) {
    throw new HubError(ErrorCode.INVALID_INPUT, "A report names the reference the ICO gave it (3 to 64 letters, digits, - or /).", { path: "decision.icoReference", problem: "ICO_REFERENCE_REQUIRED" });
  }
  const reportedAt = submission.reportedAt;
  if (reportedAt == null || Number.isNaN(reportedAt.getTime())) throw new HubError(ErrorCode.INVALID_INPUT, "A report says when it was made to the ICO.", { path: "decision.reportedAt", problem: "REPORTED_AT_REQUIRED" });
  if (reportedAt.getTime() > now.getTime()) throw new HubError(ErrorCode.INVALID_INPUT, "A report cannot have been made in the future.", { path: "decision.reportedAt", problem: "REPORTED_IN_FUTURE" });
  return { decision: submission.decision, subjectNotice: submission.subjectNotice, decisionReasons, icoReference: submission.icoReference, reportedAt };
}

/**
 * The open parts of the reader's agency past their own 72 hours (`overdue/`), each cut to the agency's part
 * (its children only): another controller's part, decided or not, is its own IG lead's to see.
 */
export async function ownPartsPastDue(dataSource: DataSource, principal: Principal, now: Date, limit: number): Promise<BreachPart[]> {
  const found = await dataSource.getRepository(PersonalDataBreach).createQueryBuilder("breach")
    .innerJoin(ControllerPart, "own", "own.breach_id = breach.id AND own.agency = :agency AND own.status = :open", { agency: principal.agency, open: BreachStatus.OPEN })
    .where("own.report_due_at < :now", { now }).orderBy("own.report_due_at", "ASC").addOrderBy("breach.id", "ASC").limit(limit).getMany();
  return breachPartsFor(dataSource, principal, found, now);
}

/** An IG lead's entry about these parts names their agency's own sealed or brokered records in them (`affectedDisclosures.ts`, `ownRestrictedRecords`). */
function concealing(parts: readonly BreachPart[]): { concealedRecordIds?: string[] } {
  return concealedRecords([...new Set(parts.flatMap((part) => part.concealingRecordIds))].sort());
}

/** The breaches an IG lead answers for: their agency opened them, they are about children it holds, or it is to be told of them or controls a part. */
function answeredFor(services: GovernanceServices, principal: Principal) {
  const reach = trailReach(principal, { agency: "breach.opened_by_agency", suis: "breach.child_suis::text[]" });
  return services.dataSource.getRepository(PersonalDataBreach).createQueryBuilder("breach")
    .where(`(${reach.condition} OR :readerAgency = ANY(breach.agencies_to_tell)
      OR EXISTS (SELECT 1 FROM breach_controller_part p WHERE p.breach_id = breach.id AND p.agency = :readerAgency))`, reach.parameters);
}
