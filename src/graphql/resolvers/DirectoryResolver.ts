import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { type AgencyChangeProposal } from "../../directory/AgencyChangeProposal";
import { agencyHistory } from "../../directory/agencyHistory";
import { approveAgencyChange, rejectAgencyChange } from "../../directory/decideAgencyChange";
import { pendingAgencyChanges } from "../../directory/pendingAgencyChanges";
import { AgencyType } from "../../directory/AgencyType";
import { listAgencies } from "../../directory/listAgencies";
import { upsertAgency, type AgencyChangeReceipt as Receipt } from "../../directory/upsertAgency";
import { type AgencyVersion } from "../../directory/AgencyVersion";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { CodeCursor, pageSize } from "../pagination";
import { MAX } from "../types/limits";
import { AgencyConnection } from "../types/AgencyNode";
import { AgencyInput } from "../types/directory/AgencyInput";
import { AgencyChangeProposalNode, AgencyChangeReceipt, AgencyVersionNode } from "../types/directory/DirectoryTypes";

const AGENCIES = new CodeCursor("agency", MAX.code);

@Resolver()
export class DirectoryResolver {
  @Query(() => AgencyConnection, { description: "The agency directory (organisations only, no personal data), in code order." })
  @ArgumentRules({ after: AGENCIES.rule })
  async agencies(
    @Ctx() { dataSource, principal }: HubContext,
    @Arg("type", () => AgencyType, { nullable: true }) type: AgencyType | null,
    @Arg("localAuthority", () => String, { nullable: true }) localAuthority: string | null,
    @Arg("includeInactive", () => Boolean, { nullable: true }) includeInactive: boolean | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<AgencyConnection> {
    const limit = pageSize(first);
    const page = await listAgencies(dataSource, principal, { type, localAuthority, includeInactive }, limit, AGENCIES.decode(after));
    const last = page.agencies.at(-1);
    return {
      nodes: page.agencies,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? AGENCIES.encode(last.code) : null },
    };
  }

  @Mutation(() => AgencyChangeReceipt, {
    description:
      "Directory administrators only: create an agency or change its entry. Each change is a new version (nothing is deleted; `active: false` deactivates). A new agency or a change to its routing fields waits (PENDING_APPROVAL) for a second administrator. Audited.",
  })
  async upsertAgency(@Ctx() ctx: HubContext, @Arg("agency", () => AgencyInput) agency: AgencyInput): Promise<Receipt> {
    return upsertAgency(ctx.dataSource, ctx.principal, ctx.requestId, agency, ctx.webhookEndpoints);
  }

  @Query(() => [AgencyChangeProposalNode], { description: "Directory administrators and IG leads: the directory changes waiting for a second administrator, oldest first." })
  async pendingAgencyChanges(@Ctx() { dataSource, principal }: HubContext): Promise<AgencyChangeProposal[]> {
    return pendingAgencyChanges(dataSource, principal);
  }

  @Mutation(() => AgencyChangeReceipt, {
    description: "Directory administrators other than the proposer: approve a pending directory change, writing it as the agency's next version (CONFLICT when the agency changed since it was proposed). Audited.",
  })
  @ArgumentRules({ id: uuid })
  async approveAgencyChange(@Ctx() ctx: HubContext, @Arg("id", () => ID) id: string): Promise<Receipt> {
    return approveAgencyChange(ctx.dataSource, ctx.principal, ctx.requestId, id, ctx.webhookEndpoints);
  }

  @Mutation(() => AgencyChangeProposalNode, { description: "Directory administrators (the proposer too): reject a pending directory change, saying why. Nothing is written to the directory. Audited." })
  @ArgumentRules({ id: uuid })
  async rejectAgencyChange(@Ctx() ctx: HubContext, @Arg("id", () => ID) id: string, @Arg("reason", () => String) reason: string): Promise<AgencyChangeProposal> {
    return rejectAgencyChange(ctx.dataSource, ctx.principal, ctx.requestId, id, reason);
  }

  @Query(() => [AgencyVersionNode], { description: "Directory administrators and IG leads: every version of one agency's entry, newest first." })
  async agencyHistory(@Ctx() { dataSource, principal }: HubContext, @Arg("code", () => String) code: string): Promise<AgencyVersion[]> {
    return agencyHistory(dataSource, principal, code);
  }
}
