import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { ErrorCode, HubError } from "../../errors/HubError";
import { listLinkReviews } from "../../identity/stewardship/listLinkReviews";
import { LinkDecision } from "../../identity/stewardship/LinkDecision";
import { mergeChildren } from "../../identity/stewardship/mergeChildren";
import { resolveLinkReview } from "../../identity/stewardship/resolveLinkReview";
import { splitChild } from "../../identity/stewardship/splitChild";
import { wrongLinkReport } from "../../identity/stewardship/wrongLinkReport";
import { type HubContext } from "../context";
import { decodeCursor, encodeCursor, pageSize } from "../pagination";
import { ChildIdentityChangeNode, WrongLinkReportNode } from "../types/identity/ChildIdentityChangeNode";
import { LinkEventNode, linkEventNode, LinkReviewConnection, LinkReviewNode, linkReviewNode } from "../types/identity/LinkReviewNode";
import { readLinkHistory } from "../../identity/stewardship/readLinkHistory";

const CURSOR_KIND = "link-review";

@ObjectType({ description: "A split, and the disclosures that went out through the links it undid." })
class ChildSplitResult {
  @Field(() => ChildIdentityChangeNode) change: ChildIdentityChangeNode;
  @Field(() => WrongLinkReportNode) wrongLinkReport: WrongLinkReportNode;
}

/** Identity stewardship (HUB.md §8): thin over `identity/stewardship/`. Data stewards only; everything audited. */
@Resolver()
export class IdentityResolver {
  @Query(() => LinkReviewConnection, { description: "Data stewards: open link reviews, the longest-waiting first. Audited." })
  async linkReviews(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<LinkReviewConnection> {
    const cursor = decodeCursor(CURSOR_KIND, after);
    const [openedAt, id] = cursor?.split("|") ?? [];
    const position = openedAt && id && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(Date.parse(openedAt)) ? { openedAt: new Date(openedAt), id } : null;
    if (cursor !== null && position === null) throw new HubError(ErrorCode.INVALID_INPUT, "The `after` cursor is not one this list returned.", { path: "after" });
    const page = await listLinkReviews(dataSource, principal, requestId, pageSize(first), position);
    const last = page.reviews.at(-1);
    return {
      nodes: page.reviews.map(linkReviewNode),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(CURSOR_KIND, `${last.openedAt.toISOString()}|${last.id}`) : null },
    };
  }

  @Mutation(() => LinkReviewNode, { description: "Data stewards: decide a link review (LINK, NO_LINK or NEW_CHILD) with a reason. Final until a steward changes it; audited." })
  async resolveLinkReview(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => LinkDecision) decision: LinkDecision,
    @Arg("reason", () => String) reason: string,
  ): Promise<LinkReviewNode> {
    return linkReviewNode(await resolveLinkReview(dataSource, principal, requestId, id, decision, reason));
  }

  @Mutation(() => ChildIdentityChangeNode, { description: "Data stewards: two children are one. The second's records move to the survivor; audited." })
  async mergeChildren(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("survivorId", () => ID) survivorId: string,
    @Arg("mergedId", () => ID) mergedId: string,
    @Arg("reason", () => String) reason: string,
  ): Promise<ChildIdentityChangeNode> {
    return mergeChildren(dataSource, principal, requestId, survivorId, mergedId, reason);
  }

  @Mutation(() => ChildSplitResult, { description: "Data stewards: records wrongly linked to a child move to another (a new child unless `toChildId` is given). Answers with the wrong-link report; audited." })
  async splitChild(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("childId", () => ID) childId: string,
    @Arg("recordIds", () => [ID]) recordIds: string[],
    @Arg("reason", () => String) reason: string,
    @Arg("toChildId", () => ID, { nullable: true }) toChildId: string | null,
  ): Promise<ChildSplitResult> {
    const change = await splitChild(dataSource, principal, requestId, { childId, recordIds, toChildId, reason });
    return { change, wrongLinkReport: await wrongLinkReport(dataSource, principal, requestId, change.id) };
  }

  @Query(() => [LinkEventNode], { description: "Data stewards and IG leads: a record's link history, oldest first. Audited." })
  async linkHistory(@Ctx() { dataSource, principal, requestId }: HubContext, @Arg("recordId", () => ID) recordId: string): Promise<LinkEventNode[]> {
    return (await readLinkHistory(dataSource, principal, requestId, recordId)).map(linkEventNode);
  }

  @Query(() => WrongLinkReportNode, { description: "IG leads and data stewards: every disclosure that went out through the links a split undid. Audited." })
  async wrongLinkReport(@Ctx() { dataSource, principal, requestId }: HubContext, @Arg("changeId", () => ID) changeId: string): Promise<WrongLinkReportNode> {
    return wrongLinkReport(dataSource, principal, requestId, changeId);
  }
}
