import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { type AccessContext } from "../policy/AccessContext";
import { CASE_REFERENCE } from "../policy/validateAccessContext";
import { deadline } from "../timescales/deadline";
import { assertEditionInForce } from "../timescales/editionInForce";
import { TimescaleId } from "../timescales/TimescaleId";
import { checkRequesterStanding, type Requester } from "./checkRequesterStanding";
import { SubjectAccessProblem } from "./SubjectAccessProblem";
import { admitSubjectAccessWork, subjectAccessCase, type SubjectAccessCase } from "./subjectAccessCase";
import { SubjectAccessRequest, SubjectAccessStatus } from "./SubjectAccessRequest";

/** A request is recorded when it arrives; one older than this would have been answered (or missed) long ago. */
const MAX_BACKDATING_DAYS = 366;

export interface SubjectAccessSubmission {
  /** The child's SUI. */
  sui: string;
  /** The IG office's own reference for the request. */
  reference: string;
  requester: Requester;
  /** When the controller received the request. */
  receivedAt: Date;
}

/**
 * An IG lead opens a subject access request about a child (UK GDPR Art 15): who asked and in what
 * right (`checkRequesterStanding`), when it arrived, and when it is due — the month counted from the
 * timescale in policy (`SUBJECT_ACCESS_REQUEST`), never from a constant here. Audited
 * (SUBJECT_ACCESS_REQUEST_OPENED, with the standing and clock; never the requester's name) before the
 * case exists. The answer never says whether the hub holds the child: the requester's standing is
 * decided from what the opening agency itself holds (`dateOfBirthHeldBy`), so a child held only by other
 * agencies — sealed or not — is answered as a child the hub does not hold, in the same statements.
 */
export async function openSubjectAccessRequest(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, submission: SubjectAccessSubmission, now = new Date()): Promise<SubjectAccessCase> {
  const { dataSource, policy } = services;
  const sui = parseSui(submission.sui, "request.sui");
  const admitted = await admitSubjectAccessWork(services, principal, requestId, access, AuditOperation.SUBJECT_ACCESS_REQUEST_OPENED, [sui], now);
  const reference = submission.reference.trim();
  if (!CASE_REFERENCE.test(reference)) throw new HubError(ErrorCode.INVALID_INPUT, "A reference may contain letters, digits and / _ . - (at most 64).", { path: "request.reference" });
  const receivedAt = submission.receivedAt;
  if (Number.isNaN(receivedAt.getTime()) || receivedAt > now || now.getTime() - receivedAt.getTime() > MAX_BACKDATING_DAYS * 86_400_000) {
    throw new HubError(ErrorCode.INVALID_INPUT, `receivedAt must be in the last ${MAX_BACKDATING_DAYS} days and not in the future.`, { path: "request.receivedAt", problem: SubjectAccessProblem.RECEIVED_OUT_OF_RANGE });
  }
  assertEditionInForce(policy.timescaleEditions, receivedAt, "request.receivedAt");
  const requester = checkRequesterStanding(policy, submission.requester, await dateOfBirthHeldBy(dataSource, principal.agency, sui), receivedAt);
  const due = deadline(TimescaleId.SUBJECT_ACCESS_REQUEST, receivedAt, policy);
  const requests = dataSource.getRepository(SubjectAccessRequest);
  const taken = () => new HubError(ErrorCode.CONFLICT, "This reference already names another subject access request.", { path: "request.reference" });
  if (await requests.existsBy({ reference })) throw taken();

  const id = randomUUID();
  await recordGovernanceWork(
    services,
    {
      ...admitted,
      childSuis: [sui],
      details: {
        subjectAccessRequestId: id, reference, standing: requester.standing, competence: requester.competence, receivedAt: receivedAt.toISOString(),
        dueAt: due.dueAt.toISOString(), timescaleEdition: due.edition,
      },
    },
    AuditOutcome.RECORDED,
    now,
  );
  try {
    await requests.insert({
      id, reference, sui, requesterStanding: requester.standing, requesterName: requester.name, requesterBasis: requester.basis, childCompetence: requester.competence,
      competenceAssessment: requester.assessment, receivedAt, timescaleEdition: due.edition, originalDueAt: due.dueAt, dueAt: due.dueAt, extensionMonths: null,
      extensionReason: null, extendedAt: null, extendedBySub: null, status: SubjectAccessStatus.OPEN, closure: null, closureNote: null, closedAt: null, closedBySub: null,
      openedBySub: principal.sub, openedByAgency: principal.agency,
    });
  } catch (error) {
    // Another IG lead took the reference between the check and the insert.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return subjectAccessCase(await requests.findOneByOrFail({ id }), policy, now);
}

/**
 * The date of birth the agency's own records of the child report, as the controller answering the
 * request holds it (UK GDPR Art 15 is per controller): the latest, so that competence is presumed only
 * when every one of them makes the child old enough. Never the child's pooled date of birth, which
 * another agency — a sealed record's, a new identity's — may have given: reading it would let any IG
 * lead test whether the hub holds a child, and find a sealed child's sixteenth birthday to the day by
 * moving the day received. A record from before the hub kept what each reported stands for the pooled
 * identity, so it gives none. One statement, whatever the hub holds.
 */
async function dateOfBirthHeldBy(dataSource: DataSource, agencyCode: string, sui: string): Promise<string | null> {
  const [held] = await dataSource.query<{ date_of_birth: string | null }[]>(
    `SELECT max(r.reported_identity->>'dateOfBirth') AS date_of_birth
       FROM agency_record r JOIN child c ON c.id = r.child_id
      WHERE c.sui = $1 AND r.agency_code = $2 AND r.link_state = 'LINKED' AND r.reported_identity->>'backfilled' IS NULL`,
    [sui, agencyCode],
  );
  return held?.date_of_birth ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  return code === "23505" || driverError?.code === "23505";
}
