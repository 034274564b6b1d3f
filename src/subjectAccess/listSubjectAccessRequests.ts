import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { aboutNoneKeptOut, childrenKeptOut } from "../exclusions/childrenKeptOut";
import { type AccessContext } from "../policy/AccessContext";
import { admitSubjectAccessWork, subjectAccessCase, type SubjectAccessCase } from "./subjectAccessCase";
import { SubjectAccessRequest, SubjectAccessStatus } from "./SubjectAccessRequest";

export interface SubjectAccessPage {
  requests: SubjectAccessCase[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * The open requests, the soonest due first, a page at a time; IG leads only. The list names children
 * and requesters, so reading it is audited (SUBJECT_ACCESS_REQUESTS_READ, with the SUIs listed) under
 * the IG lead's SUBJECT_ACCESS_REQUEST context. A request about a child whose file a named-staff
 * exclusion keeps the reader out of (`exclusions/childrenKeptOut`, its one statement sent for every
 * reader) is left out before the page is cut and not counted: another IG lead of their office answers it.
 */
export async function listSubjectAccessRequests(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  limit: number,
  after: { dueAt: Date; id: string } | null,
  now = new Date(),
): Promise<SubjectAccessPage> {
  const admitted = await admitSubjectAccessWork(services, principal, requestId, access, AuditOperation.SUBJECT_ACCESS_REQUESTS_READ, [], now);
  const notKeptOut = aboutNoneKeptOut(await childrenKeptOut(services.dataSource, principal), "ARRAY[request.sui]");
  const query = services.dataSource.getRepository(SubjectAccessRequest).createQueryBuilder("request").where("request.status = :open", { open: SubjectAccessStatus.OPEN })
    // An agency's IG leads see the requests their agency opened.
    .andWhere("request.opened_by_agency = :agency", { agency: principal.agency })
    .andWhere(notKeptOut.condition, notKeptOut.parameters);
  const totalCount = await query.getCount();
  // Cursors carry milliseconds; PostgreSQL keeps microseconds: compare and order at the cursor's precision.
  const due = "date_trunc('milliseconds', request.due_at)";
  if (after) query.andWhere(`(${due}, request.id) > (:dueAt, :id)`, after);
  const rows = await query.orderBy(due, "ASC").addOrderBy("request.id", "ASC").take(limit + 1).getMany();
  const page = rows.slice(0, limit);
  await recordGovernanceWork(services, { ...admitted, childSuis: page.map((request) => request.sui), details: { list: "subjectAccessRequests", first: limit, returned: page.length } }, AuditOutcome.DISCLOSED, now);
  return { requests: page.map((request) => subjectAccessCase(request, services.policy, now)), hasNextPage: rows.length > limit, totalCount };
}
