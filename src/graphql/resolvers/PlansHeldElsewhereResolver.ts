import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { listPlansHeldElsewhere } from "../../notifications/plans/plansHeldElsewhere";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { CodeCursor, pageSize } from "../pagination";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { PlanHeldElsewhereConnection, planHeldElsewhereNodeOf } from "../types/notifications/PlanHeldElsewhereNode";

const PLANS = new CodeCursor("plans-held-elsewhere", 36);

@Resolver()
export class PlansHeldElsewhereResolver {
  @Query(() => PlanHeldElsewhereConnection, {
    description: "Children's social care: the children on other authorities' child protection plans (pre-birth plans included) or looked after by them, whom the holding authority places in an area your agency serves. Each child decided as a read of the child's file by the authority they live in; audited per child.",
  })
  @ArgumentRules({ after: PLANS.rule })
  async plansHeldElsewhere(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<PlanHeldElsewhereConnection> {
    const page = await listPlansHeldElsewhere({ dataSource, policy }, principal, requestId, access, pageSize(first), PLANS.decode(after));
    return { nodes: page.plans.map(planHeldElsewhereNodeOf), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.end && PLANS.encode(page.end) } };
  }
}
