import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { searchChildren } from "../../search/searchChildren";
import { type ChildSearchResult } from "../../search/SearchResult";
import { type HubContext } from "../context";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { ChildSearchResultNode, SearchCriteriaInput } from "../types/search/SearchTypes";

/** MASH cross-agency search (issue 11): thin over `search/`. */
@Resolver()
export class SearchResolver {
  @Query(() => ChildSearchResultNode, {
    description:
      "MASH practitioners, social workers, CSC managers and police officers in a MASH: find the child a referral is about from what the referrer knows, under the case reference of an open referral at your authority (or break-glass). Ranked candidates with why each matched, what tells them apart and which agency types hold records — never record content. A single field, or too many candidates, is SEARCH_TOO_WIDE. Every search is audited.",
  })
  async searchChildren(
    @Ctx() { dataSource, policy, principal, requestId, search }: HubContext,
    @Arg("criteria", () => SearchCriteriaInput) criteria: SearchCriteriaInput,
    @Arg("access", () => AccessContextInput) access: AccessContextInput,
    @Arg("first", () => Int, { defaultValue: 10, description: "At most this many candidates (the hub never shows more than SEARCH_MAX_CANDIDATES)." }) first: number,
  ): Promise<ChildSearchResult> {
    return searchChildren({ dataSource, policy, ...search }, principal, requestId, criteria, access, Math.max(1, first));
  }
}
