import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { searchChildren } from "../../search/searchChildren";
import { type ChildSearchResult } from "../../search/SearchResult";
import { type HouseholdView } from "../../search/HouseholdView";
import { viewHousehold } from "../../search/viewHousehold";
import { type HubContext } from "../context";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { ChildSearchResultNode, HouseholdViewNode, SearchCriteriaInput } from "../types/search/SearchTypes";

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

  @Query(() => HouseholdViewNode, {
    description:
      "MASH practitioners, social workers, CSC managers and police officers in a MASH: who else is at risk — the other children the hub places with the child of your open referral (the same current address, or an adult linked to both: siblings, an alleged perpetrator's household), under the case reference of an open referral about this child at your authority (or break-glass). What tells them apart, why each is placed there and which agency types hold records — never an address or record content. One hop: a member's household is not listed. Every view is audited.",
  })
  async household(
    @Ctx() { dataSource, policy, principal, requestId, search }: HubContext,
    @Arg("sui", () => ID, { description: "The SUI of the child your referral is about." }) sui: string,
    @Arg("access", () => AccessContextInput) access: AccessContextInput,
  ): Promise<HouseholdView> {
    return viewHousehold({ dataSource, policy, ...search }, principal, requestId, sui, access);
  }
}
