import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { AdultLinkDecision } from "../../identity/adults/stewardship/AdultLinkDecision";
import { listAdultLinkReviews } from "../../identity/adults/stewardship/listAdultLinkReviews";
import { mergeAdults } from "../../identity/adults/stewardship/mergeAdults";
import { resolveAdultLinkReview } from "../../identity/adults/stewardship/resolveAdultLinkReview";
import { splitAdult } from "../../identity/adults/stewardship/splitAdult";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { pageSize, TimeAndIdCursor } from "../pagination";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";
import {
  AdultIdentityChangeNode, adultIdentityChangeNode, AdultLinkReviewConnection, AdultLinkReviewNode, adultLinkReviewNode,
} from "../types/identity/AdultLinkReviewNode";

const ADULT_LINK_REVIEWS = new TimeAndIdCursor("adult-link-review");

/**
 * Adults across agencies (HUB.md §8): data stewards' reviews, merges and splits of adults, thin over
 * `identity/adults/stewardship/`. Every operation states why in `access` (DATA_QUALITY) and is audited
 * with the SUIs of the adults' children.
 */
@Resolver()
export class AdultIdentityResolver {
  @Query(() => AdultLinkReviewConnection, { description: "Data stewards: open adult link reviews, the longest-waiting first. States why (DATA_QUALITY); audited." })
  @ArgumentRules({ after: ADULT_LINK_REVIEWS.rule })
  async adultLinkReviews(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.ADULT_LINK_REVIEWS_READ) }) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<AdultLinkReviewConnection> {
    const position = ADULT_LINK_REVIEWS.decode(after);
    const page = await listAdultLinkReviews({ dataSource, policy }, principal, requestId, access, pageSize(first), position && { openedAt: position.at, id: position.id });
    const last = page.reviews.at(-1);
    return {
      nodes: page.reviews.map(adultLinkReviewNode),
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? ADULT_LINK_REVIEWS.encode({ at: last.openedAt, id: last.id }) : null },
    };
  }

  @Mutation(() => AdultLinkReviewNode, { description: "Data stewards: decide an adult link review — SAME_PERSON merges the reported adult into the candidate, NOT_SAME_PERSON closes it. States why (DATA_QUALITY); audited." })
  @ArgumentRules({ id: uuid })
  async resolveAdultLinkReview(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => AdultLinkDecision) decision: AdultLinkDecision,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.ADULT_LINK_REVIEW_RESOLVED) }) access: AccessContextInput,
  ): Promise<AdultLinkReviewNode> {
    return adultLinkReviewNode(await resolveAdultLinkReview({ dataSource, policy }, principal, requestId, access, id, decision, reason));
  }

  @Mutation(() => AdultIdentityChangeNode, { description: "Data stewards: two adults are one person. The second's references, names, identifiers, relationships and consent decisions move to the survivor. States why (DATA_QUALITY); audited." })
  @ArgumentRules({ survivorId: uuid, mergedId: uuid })
  async mergeAdults(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("survivorId", () => ID) survivorId: string,
    @Arg("mergedId", () => ID) mergedId: string,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.ADULTS_MERGED) }) access: AccessContextInput,
  ): Promise<AdultIdentityChangeNode> {
    return adultIdentityChangeNode(await mergeAdults({ dataSource, policy }, principal, requestId, access, { survivorId, mergedId, reason }));
  }

  @Mutation(() => AdultIdentityChangeNode, { description: "Data stewards: agency references wrongly held by one adult are another person's: they move to a new adult with what came through them. States why (DATA_QUALITY); audited." })
  @ArgumentRules({ adultId: uuid, identifierIds: uuid })
  async splitAdult(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("adultId", () => ID) adultId: string,
    @Arg("identifierIds", () => [ID]) identifierIds: string[],
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.ADULT_SPLIT) }) access: AccessContextInput,
  ): Promise<AdultIdentityChangeNode> {
    return adultIdentityChangeNode(await splitAdult({ dataSource, policy }, principal, requestId, access, { adultId, identifierIds, reason }));
  }
}
