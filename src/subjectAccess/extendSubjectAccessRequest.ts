import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { deadline, dueAfterExtension } from "../timescales/deadline";
import { TimescaleId } from "../timescales/TimescaleId";
import { SubjectAccessProblem } from "./SubjectAccessProblem";
import { admitSubjectAccessWork, findSubjectAccessRequest, requireOpen, requireReason, subjectAccessCase, type SubjectAccessCase } from "./subjectAccessCase";
import { SubjectAccessRequest, SubjectAccessStatus } from "./SubjectAccessRequest";

/**
 * Extends a request's clock, once (UK GDPR Art 12(3): "by two further months where necessary, taking
 * into account the complexity and number of the requests"), by as many months as the timescale's
 * extension allows at most, with the reason — which the requester must be told within the first
 * month, so the first month must not have ended. Audited before it takes effect.
 */
export async function extendSubjectAccessRequest(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  id: string,
  months: number,
  rawReason: string,
  now = new Date(),
): Promise<SubjectAccessCase> {
  const { dataSource, policy } = services;
  const admitted = await admitSubjectAccessWork(services, principal, requestId, access, AuditOperation.SUBJECT_ACCESS_REQUEST_EXTENDED, [], now);
  const request = await findSubjectAccessRequest(services, principal, id);
  requireOpen(request);
  if (request.extensionMonths !== null) throw new HubError(ErrorCode.CONFLICT, "This request has had its one extension (UK GDPR Art 12(3)).", { path: "id", problem: SubjectAccessProblem.ALREADY_EXTENDED });
  const allowed = deadline(TimescaleId.SUBJECT_ACCESS_REQUEST, request.receivedAt, policy).extension;
  if (allowed === null || !Number.isInteger(months) || months < 1 || months > allowed.amount) {
    throw new HubError(ErrorCode.INVALID_INPUT, `An extension is from 1 to ${allowed?.amount ?? 0} months.`, { path: "months", problem: SubjectAccessProblem.EXTENSION_TOO_LONG });
  }
  if (now.getTime() > request.originalDueAt.getTime()) {
    throw new HubError(ErrorCode.INVALID_INPUT, "The requester is told of an extension within the first month (UK GDPR Art 12(3)), and that month has ended.", { path: "id", problem: SubjectAccessProblem.EXTENSION_TOO_LATE });
  }
  const reason = requireReason(rawReason, policy.subjectAccess.extensionReasonMinimumLength, "reason", "why the extension is necessary (the complexity or number of the requests)");
  const dueAt = dueAfterExtension(TimescaleId.SUBJECT_ACCESS_REQUEST, request.receivedAt, policy, months);

  await recordGovernanceWork(
    services,
    { ...admitted, childSuis: [request.sui], details: { subjectAccessRequestId: request.id, reference: request.reference, months, reason, dueAt: dueAt.toISOString() } },
    AuditOutcome.RECORDED,
    now,
  );
  const { affected } = await dataSource
    .createQueryBuilder()
    .update(SubjectAccessRequest)
    .set({ extensionMonths: months, extensionReason: reason, extendedAt: now, extendedBySub: principal.sub, dueAt })
    .where("id = :id AND extension_months IS NULL AND status = :open", { id: request.id, open: SubjectAccessStatus.OPEN })
    .execute();
  // Another IG lead extended or closed it since it was read: theirs stands.
  if (affected !== 1) throw new HubError(ErrorCode.CONFLICT, "This request was extended or closed meanwhile.", { path: "id", problem: SubjectAccessProblem.ALREADY_EXTENDED });
  return subjectAccessCase(await findSubjectAccessRequest(services, principal, request.id), policy, now);
}
