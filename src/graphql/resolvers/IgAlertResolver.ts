import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { IgAlertOutcome, IgAlertStatus } from "../../alerts/IgAlert";
import { closeIgAlert, listIgAlerts } from "../../alerts/reviewIgAlerts";
import { AuditOperation } from "../../audit/AuditOperation";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { pageSize, TimeAndIdCursor } from "../pagination";
import { IgAlertConnection, IgAlertNode } from "../types/alerts/IgAlertNode";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";

const IG_ALERTS = new TimeAndIdCursor("ig-alert");

@Resolver()
export class IgAlertResolver {
  @Query(() => IgAlertConnection, { description: "IG leads: break-glass alerts, the longest-waiting first. States why (INFORMATION_GOVERNANCE); audited." })
  @ArgumentRules({ after: IG_ALERTS.rule })
  async igAlerts(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("status", () => IgAlertStatus, { nullable: true }) status: IgAlertStatus | null,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.AUDIT_QUERY) }) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<IgAlertConnection> {
    const position = IG_ALERTS.decode(after);
    const page = await listIgAlerts({ dataSource, policy }, principal, requestId, access, status, pageSize(first), position && { raisedAt: position.at, id: position.id });
    const last = page.alerts.at(-1);
    return {
      nodes: page.alerts,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? IG_ALERTS.encode({ at: last.raisedAt, id: last.id }) : null },
    };
  }

  @Mutation(() => IgAlertNode, { description: "IG leads: close an alert with the outcome of the review; never your own break-glass access. States why (INFORMATION_GOVERNANCE): the answer carries the child's SUI and the practitioner's justification. Audited." })
  @ArgumentRules({ id: uuid })
  async closeIgAlert(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("outcome", () => IgAlertOutcome) outcome: IgAlertOutcome,
    @Arg("note", () => String) note: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.IG_ALERT_CLOSED) }) access: AccessContextInput,
  ): Promise<IgAlertNode> {
    return closeIgAlert({ dataSource, policy }, principal, requestId, access, id, outcome, note);
  }
}
