import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { listLinkReviews } from "../../identity/stewardship/listLinkReviews";
import { LinkDecision } from "../../identity/stewardship/LinkDecision";
import { mergeChildren } from "../../identity/stewardship/mergeChildren";
import { resolveLinkReview } from "../../identity/stewardship/resolveLinkReview";
import { splitChild } from "../../identity/stewardship/splitChild";
import { wrongLinkReport } from "../../identity/stewardship/wrongLinkReport";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { pageSize, TimeAndIdCursor } from "../pagination";
import { ChildIdentityChangeNode, WrongLinkReportNode } from "../types/identity/ChildIdentityChangeNode";
import { LinkEventNode, linkEventNode, LinkReviewConnection, LinkReviewNode, linkReviewNode } from "../types/identity/LinkReviewNode";
import { readLinkHistory } from "../../identity/stewardship/readLinkHistory";
import { readLinkReview } from "../../identity/stewardship/readLinkReview";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";

const LINK_REVIEWS = new TimeAndIdCursor("link-review");

@ObjectType({ description: "A split, and the disclosures that went out through the links it undid." })
class ChildSplitResult {
  @Field(() => ChildIdentityChangeNode) change: ChildIdentityChangeNode;
  @Field(() => WrongLinkReportNode) wrongLinkReport: WrongLinkReportNode;
}

/**
 * Identity stewardship (HUB.md §8): thin over `identity/stewardship/`. Data stewards only (IG leads
 * read link histories and wrong-link reports too); every operation states why in `access`, because
 * every answer carries personal data — identities, SUIs, which records are whose — and everything is
 * audited with it.
 */
@Resolver()
export class IdentityResolver {
  @Query(() => LinkReviewConnection, { description: "Data stewards: open link reviews, the longest-waiting first. States why (DATA_QUALITY); audited." })
  @ArgumentRules({ after: LINK_REVIEWS.rule })
  async linkReviews(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.LINK_REVIEWS_READ) }) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<LinkReviewConnection> {
    const position = LINK_REVIEWS.decode(after);
    const page = await listLinkReviews({ dataSource, policy }, principal, requestId, access, pageSize(first), position && { openedAt: position.at, id: position.id });
    const last = page.reviews.at(-1);
    return {
      nodes: page.reviews.map(linkReviewNode),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? LINK_REVIEWS.encode({ at: last.openedAt, id: last.id }) : null },
    };
  }

  @Query(() => LinkReviewNode, { nullable: true, description: "Data stewards: one link review, open or decided, as the queue shows it; null when the hub holds no such review or you may not see it (the two are not distinguished). States why (DATA_QUALITY); audited with the review and its candidate only." })
  @ArgumentRules({ id: uuid })
  async linkReview(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.LINK_REVIEWS_READ) }) access: AccessContextInput,
  ): Promise<LinkReviewNode | null> {
    const review = await readLinkReview({ dataSource, policy }, principal, requestId, access, id);
    return review === null ? null : linkReviewNode(review);
  }

  @Mutation(() => LinkReviewNode, { description: "Data stewards: decide a link review (LINK, NO_LINK or NEW_CHILD) with a reason, recorded in the link history. Final until a steward changes it. States why (DATA_QUALITY): the answer carries both identities; audited." })
  @ArgumentRules({ id: uuid })
  async resolveLinkReview(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => LinkDecision) decision: LinkDecision,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.LINK_REVIEW_RESOLVED) }) access: AccessContextInput,
  ): Promise<LinkReviewNode> {
    return linkReviewNode(await resolveLinkReview({ dataSource, policy }, principal, requestId, access, id, decision, reason));
  }

  @Mutation(() => ChildIdentityChangeNode, { description: "Data stewards: two children are one. The second's records move to the survivor. States why (DATA_QUALITY); audited." })
  @ArgumentRules({ survivorId: uuid, mergedId: uuid })
  async mergeChildren(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("survivorId", () => ID) survivorId: string,
    @Arg("mergedId", () => ID) mergedId: string,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.CHILDREN_MERGED) }) access: AccessContextInput,
  ): Promise<ChildIdentityChangeNode> {
    return mergeChildren({ dataSource, policy }, principal, requestId, access, survivorId, mergedId, reason);
  }

  @Mutation(() => ChildSplitResult, { description: "Data stewards: records wrongly linked to a child move to another (a new child unless `toChildId` is given). Answers with the wrong-link report. States why (DATA_QUALITY); the split and the report are each audited with it." })
  @ArgumentRules({ childId: uuid, recordIds: uuid, toChildId: uuid })
  async splitChild(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("childId", () => ID) childId: string,
    @Arg("recordIds", () => [ID]) recordIds: string[],
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.CHILD_SPLIT) }) access: AccessContextInput,
    @Arg("toChildId", () => ID, { nullable: true }) toChildId: string | null,
  ): Promise<ChildSplitResult> {
    const services = { dataSource, policy };
    const change = await splitChild(services, principal, requestId, access, { childId, recordIds, toChildId, reason });
    return { change, wrongLinkReport: await wrongLinkReport(services, principal, requestId, access, change.id) };
  }

  @Query(() => [LinkEventNode], { description: "Data stewards (DATA_QUALITY) and IG leads (INFORMATION_GOVERNANCE): a record's link history, oldest first. Audited." })
  @ArgumentRules({ recordId: uuid })
  async linkHistory(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("recordId", () => ID) recordId: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.LINK_HISTORY_READ) }) access: AccessContextInput,
  ): Promise<LinkEventNode[]> {
    return (await readLinkHistory({ dataSource, policy }, principal, requestId, access, recordId)).map(linkEventNode);
  }

  @Query(() => WrongLinkReportNode, { description: "IG leads (INFORMATION_GOVERNANCE) and data stewards (DATA_QUALITY): every disclosure that went out through the links a split undid. Audited." })
  @ArgumentRules({ changeId: uuid })
  async wrongLinkReport(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("changeId", () => ID) changeId: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.WRONG_LINK_REPORT) }) access: AccessContextInput,
  ): Promise<WrongLinkReportNode> {
    return wrongLinkReport({ dataSource, policy }, principal, requestId, access, changeId);
  }
}
