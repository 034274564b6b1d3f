import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { SubjectAccessProblem } from "./SubjectAccessProblem";
import { admitSubjectAccessWork, findSubjectAccessRequest, requireOpen, requireReason, subjectAccessCase, type SubjectAccessCase } from "./subjectAccessCase";
import { SubjectAccessRequest, SubjectAccessStatus, type SubjectAccessClosure } from "./SubjectAccessRequest";

/**
 * Closes a request: responded, withdrawn by the requester, or refused as manifestly unfounded or
 * excessive (UK GDPR Art 12(5)) — with a note of what was done. It leaves the open list; its report can
 * still be produced. Audited before it takes effect.
 */
export async function closeSubjectAccessRequest(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  id: string,
  outcome: SubjectAccessClosure,
  rawNote: string,
  now = new Date(),
): Promise<SubjectAccessCase> {
  const { dataSource, policy } = services;
  const admitted = await admitSubjectAccessWork(services, principal, requestId, access, AuditOperation.SUBJECT_ACCESS_REQUEST_CLOSED, [], now);
  const request = await findSubjectAccessRequest(services, principal, id);
  requireOpen(request);
  const note = requireReason(rawNote, policy.subjectAccess.decisionReasonMinimumLength, "note", "what was done (what was sent and when, or why it was withdrawn or refused)");
  await recordGovernanceWork(services, { ...admitted, childSuis: [request.sui], details: { subjectAccessRequestId: request.id, reference: request.reference, outcome, note, overdue: now > request.dueAt } }, AuditOutcome.RECORDED, now);
  const { affected } = await dataSource
    .createQueryBuilder()
    .update(SubjectAccessRequest)
    .set({ status: SubjectAccessStatus.CLOSED, closure: outcome, closureNote: note, closedAt: now, closedBySub: principal.sub })
    .where("id = :id AND status = :open", { id: request.id, open: SubjectAccessStatus.OPEN })
    .execute();
  if (affected !== 1) throw new HubError(ErrorCode.CONFLICT, "This request was closed meanwhile.", { path: "id", problem: SubjectAccessProblem.REQUEST_CLOSED });
  return subjectAccessCase(await findSubjectAccessRequest(services, principal, request.id), policy, now);
}
