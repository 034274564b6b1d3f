import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { IgAlertOutcome, IgAlertStatus } from "../../alerts/IgAlert";
import { closeIgAlert, listIgAlerts } from "../../alerts/reviewIgAlerts";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type HubContext } from "../context";
import { decodeCursor, encodeCursor, pageSize } from "../pagination";
import { IgAlertConnection, IgAlertNode } from "../types/alerts/IgAlertNode";

const CURSOR_KIND = "ig-alert";

@Resolver()
export class IgAlertResolver {
  @Query(() => IgAlertConnection, { description: "IG leads: break-glass alerts, the longest-waiting first." })
  async igAlerts(
    @Ctx() { dataSource, principal, requestId }: HubContext,
    @Arg("status", () => IgAlertStatus, { nullable: true }) status: IgAlertStatus | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<IgAlertConnection> {
    const cursor = decodeCursor(CURSOR_KIND, after);
    const [raisedAt, id] = cursor?.split("|") ?? [];
    const position = raisedAt && id && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(Date.parse(raisedAt)) ? { raisedAt: new Date(raisedAt), id } : null;
    if (cursor !== null && position === null) throw new HubError(ErrorCode.INVALID_INPUT, "The `after` cursor is not one this list returned.", { path: "after" });
    const page = await listIgAlerts(dataSource, principal, requestId, status, pageSize(first), position);
    const last = page.alerts.at(-1);
    return {
      nodes: page.alerts,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(CURSOR_KIND, `${last.raisedAt.toISOString()}|${last.id}`) : null },
    };
  }

  @Mutation(() => IgAlertNode, { description: "IG leads: close an alert with the outcome of the review. Audited." })
  async closeIgAlert(
    @Ctx() ctx: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("outcome", () => IgAlertOutcome) outcome: IgAlertOutcome,
    @Arg("note", () => String) note: string,
  ): Promise<IgAlertNode> {
    return closeIgAlert(ctx.dataSource, ctx.principal, ctx.requestId, ctx.policy.version, id, outcome, note);
  }
}
