import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { closeSubjectAccessRequest } from "../../subjectAccess/closeSubjectAccessRequest";
import { decideSubjectAccessItem, type ItemDecisionReceipt } from "../../subjectAccess/decideSubjectAccessItem";
import { extendSubjectAccessRequest } from "../../subjectAccess/extendSubjectAccessRequest";
import { listSubjectAccessRequests } from "../../subjectAccess/listSubjectAccessRequests";
import { openSubjectAccessRequest } from "../../subjectAccess/openSubjectAccessRequest";
import { subjectAccessRelease, subjectAccessReview } from "../../subjectAccess/produceSubjectAccessReport";
import { type SubjectAccessCase } from "../../subjectAccess/subjectAccessCase";
import { type SubjectAccessRelease, type SubjectAccessReview } from "../../subjectAccess/SubjectAccessReport";
import { SubjectAccessClosure } from "../../subjectAccess/SubjectAccessRequest";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { pageSize, TimeAndIdCursor } from "../pagination";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";
import "../types/subjectAccess/SubjectAccessEnums";
import { SubjectAccessItemDecisionInput, SubjectAccessRequestInput } from "../types/subjectAccess/SubjectAccessInputs";
import {
  SubjectAccessItemDecisionReceipt, SubjectAccessReleaseNode, SubjectAccessRequestConnection, SubjectAccessRequestNode, SubjectAccessReviewNode,
} from "../types/subjectAccess/SubjectAccessTypes";

const OPEN_REQUESTS = new TimeAndIdCursor("subject-access");

/** Subject access requests as cases (UK GDPR Art 15), for IG leads. Thin over `subjectAccess/`; every call states SUBJECT_ACCESS_REQUEST and is audited. */
@Resolver()
export class SubjectAccessResolver {
  @Mutation(() => SubjectAccessRequestNode, { description: "IG leads: open a subject access request about a child — who asked, in what right, when it arrived. Its clock is the SUBJECT_ACCESS_REQUEST timescale. The child's competence is presumed only from the date of birth your agency's own records report. Audited; it never says whether the hub holds the child: a child only other agencies hold is answered as one the hub does not hold." })
  async openSubjectAccessRequest(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("request", () => SubjectAccessRequestInput) request: SubjectAccessRequestInput,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_REQUEST_OPENED) }) access: AccessContextInput,
  ): Promise<SubjectAccessCase> {
    return openSubjectAccessRequest({ dataSource, policy }, principal, requestId, access, request);
  }

  @Query(() => SubjectAccessRequestConnection, { description: "IG leads: the open subject access requests, the soonest due first. Audited." })
  @ArgumentRules({ after: OPEN_REQUESTS.rule })
  async subjectAccessRequests(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_REQUESTS_READ) }) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<SubjectAccessRequestConnection> {
    const position = OPEN_REQUESTS.decode(after);
    const page = await listSubjectAccessRequests({ dataSource, policy }, principal, requestId, access, pageSize(first), position && { dueAt: position.at, id: position.id });
    const last = page.requests.at(-1);
    return {
      nodes: page.requests,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? OPEN_REQUESTS.encode({ at: last.dueAt, id: last.id }) : null },
    };
  }

  @Mutation(() => SubjectAccessRequestNode, { description: "IG leads: extend a request's clock, once, by up to the months the timescale allows (UK GDPR Art 12(3)), with the reason, before the first month ends. Audited." })
  @ArgumentRules({ id: uuid })
  async extendSubjectAccessRequest(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("months", () => Int) months: number,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_REQUEST_EXTENDED) }) access: AccessContextInput,
  ): Promise<SubjectAccessCase> {
    return extendSubjectAccessRequest({ dataSource, policy }, principal, requestId, access, id, months, reason);
  }

  @Query(() => SubjectAccessReviewNode, { description: "IG leads: the full review of a request's report, as your agency answers it (UK GDPR Art 15 is per controller) — your agency's records about the child field by field, the facts they reported, and the disclosures yours to report, each with its decision and the exemption behind it; a withheld item carries no value. Other agencies' records are not in it in any form. For you, never the requester. Audited." })
  @ArgumentRules({ id: uuid })
  async subjectAccessReview(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_REPORT) }) access: AccessContextInput,
  ): Promise<SubjectAccessReview> {
    return subjectAccessReview({ dataSource, policy }, principal, requestId, access, id);
  }

  @Query(() => SubjectAccessReleaseNode, { description: "IG leads: the copy of a request's report for the requester — only what is INCLUDED of what your agency holds, and nothing showing that anything was withheld. Other organisations may hold information too: the requester can ask them directly. Audited." })
  @ArgumentRules({ id: uuid })
  async subjectAccessRelease(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_REPORT) }) access: AccessContextInput,
  ): Promise<SubjectAccessRelease> {
    return subjectAccessRelease({ dataSource, policy }, principal, requestId, access, id);
  }

  @Mutation(() => SubjectAccessItemDecisionReceipt, { description: "IG leads: decide an item the review holds for review (REVIEW_REQUIRED) — include or withhold, with the reason and, for health data, the health professional's opinion. Audited." })
  @ArgumentRules({ id: uuid })
  async decideSubjectAccessItem(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => SubjectAccessItemDecisionInput) decision: SubjectAccessItemDecisionInput,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_ITEM_DECIDED) }) access: AccessContextInput,
  ): Promise<ItemDecisionReceipt> {
    return decideSubjectAccessItem({ dataSource, policy }, principal, requestId, access, id, decision);
  }

  @Mutation(() => SubjectAccessRequestNode, { description: "IG leads: close a request — RESPONDED, WITHDRAWN or REFUSED — with a note of what was done. Audited." })
  @ArgumentRules({ id: uuid })
  async closeSubjectAccessRequest(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("outcome", () => SubjectAccessClosure) outcome: SubjectAccessClosure,
    @Arg("note", () => String) note: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUBJECT_ACCESS_REQUEST_CLOSED) }) access: AccessContextInput,
  ): Promise<SubjectAccessCase> {
    return closeSubjectAccessRequest({ dataSource, policy }, principal, requestId, access, id, outcome, note);
  }
}
