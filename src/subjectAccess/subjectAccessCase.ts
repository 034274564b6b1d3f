import { type Principal } from "../auth/Principal";
import { type AuditOperation } from "../audit/AuditOperation";
import { admitGovernanceRequest, type AdmittedGovernanceRequest, type GovernanceServices } from "../audit/governanceAccess";
import { type GovernanceOperation } from "../audit/governancePurposes";
import { type ChildCompetence } from "../consent/ChildCompetence";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { deadline } from "../timescales/deadline";
import { TimescaleId } from "../timescales/TimescaleId";
import { type RequesterStanding } from "./RequesterStanding";
import { SubjectAccessProblem } from "./SubjectAccessProblem";
import { SubjectAccessRequest, SubjectAccessStatus, type SubjectAccessClosure } from "./SubjectAccessRequest";
import { subjectAccessWorker } from "./subjectAccessWorker";

/** A subject access request as the IG lead sees it: who asked, in what right, and where its clock stands. */
export interface SubjectAccessCase {
  id: string;
  reference: string;
  sui: string;
  requester: { standing: RequesterStanding; name: string; basis: string | null; competence: ChildCompetence | null; competenceAssessment: string | null };
  receivedAt: Date;
  /** The edition of guidance the clock is counted under. */
  timescaleEdition: string;
  /** The end of the first month. */
  originalDueAt: Date;
  /** When the answer is due now. */
  dueAt: Date;
  /** The latest it could be due if the whole extension the timescale allows were granted. */
  latestDueAt: Date | null;
  extension: { months: number; reason: string; extendedAt: Date; extendedBySub: string } | null;
  status: SubjectAccessStatus;
  closure: { outcome: SubjectAccessClosure; note: string; closedAt: Date; closedBySub: string } | null;
  openedBySub: string;
  openedByAgency: string;
  openedAt: Date;
  /** Open, and past when it was due, at the time it was read. */
  overdue: boolean;
}

export function subjectAccessCase(request: SubjectAccessRequest, policy: PolicySet, now: Date): SubjectAccessCase {
  return {
    id: request.id,
    reference: request.reference,
    sui: request.sui,
    requester: {
      standing: request.requesterStanding, name: request.requesterName, basis: request.requesterBasis, competence: request.childCompetence,
      competenceAssessment: request.competenceAssessment,
    },
    receivedAt: request.receivedAt,
    timescaleEdition: request.timescaleEdition,
    originalDueAt: request.originalDueAt,
    dueAt: request.dueAt,
    latestDueAt: deadline(TimescaleId.SUBJECT_ACCESS_REQUEST, request.receivedAt, policy).extendedDueAt,
    extension: request.extensionMonths === null
      ? null
      : { months: request.extensionMonths, reason: request.extensionReason ?? "", extendedAt: request.extendedAt as Date, extendedBySub: request.extendedBySub ?? "" },
    status: request.status,
    closure: request.closure === null
      ? null
      : { outcome: request.closure, note: request.closureNote ?? "", closedAt: request.closedAt as Date, closedBySub: request.closedBySub ?? "" },
    openedBySub: request.openedBySub,
    openedByAgency: request.openedByAgency,
    openedAt: request.openedAt,
    overdue: request.status === SubjectAccessStatus.OPEN && now.getTime() > request.dueAt.getTime(),
  };
}

/**
 * Admits subject access work: an IG lead stating SUBJECT_ACCESS_REQUEST (design principle 2), every
 * refusal on the trail first (`audit/governanceAccess`).
 */
export function admitSubjectAccessWork(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  operation: GovernanceOperation & AuditOperation,
  childSuis: string[],
  now: Date,
): Promise<AdmittedGovernanceRequest> {
  return admitGovernanceRequest(services, { requestId, principal, operation, access, childSuis, details: {} }, subjectAccessWorker(principal), now);
}

/** The request with this id, or NOT_FOUND. */
export async function findSubjectAccessRequest(services: GovernanceServices, principal: Pick<Principal, "agency">, id: string, path = "id"): Promise<SubjectAccessRequest> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  // A request is its agency's: another agency's IG lead is told what a wrong id gets.
  const request = UUID.test(id) ? await services.dataSource.getRepository(SubjectAccessRequest).findOneBy({ id, openedByAgency: principal.agency }) : null;
  if (request === null) throw new HubError(ErrorCode.NOT_FOUND, "No subject access request has this id.", { path });
  return request;
}

/** Refuses a change to a closed request. */
export function requireOpen(request: SubjectAccessRequest, path = "id"): void {
  if (request.status !== SubjectAccessStatus.OPEN) {
    throw new HubError(ErrorCode.CONFLICT, "This subject access request is closed: nothing more is recorded on it.", { path, problem: SubjectAccessProblem.REQUEST_CLOSED });
  }
}

/** A reason written down, at least `minimum` characters once trimmed. */
export function requireReason(text: string, minimum: number, path: string, what: string): string {
  const reason = text.trim();
  if (reason.length < minimum) throw new HubError(ErrorCode.INVALID_INPUT, `Write down ${what} (at least ${minimum} characters).`, { path, problem: SubjectAccessProblem.REASON_REQUIRED });
  return reason;
}
