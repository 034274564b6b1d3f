import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { listDeadWebhooks, replayWebhook } from "../../webhooks/deadLetters";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { pageSize, TimeAndIdCursor } from "../pagination";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";
import { WebhookDeliveryConnection, WebhookDeliveryNode } from "../types/webhooks/DeadWebhookNode";

const DEAD_WEBHOOKS = new TimeAndIdCursor("dead-webhook");

@Resolver()
export class WebhookResolver {
  @Query(() => WebhookDeliveryConnection, { description: "IG leads: webhook deliveries to agencies that failed every attempt, the most recently dead first; never their content. States why (INFORMATION_GOVERNANCE); audited." })
  @ArgumentRules({ after: DEAD_WEBHOOKS.rule })
  async deadWebhookDeliveries(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.WEBHOOK_DEAD_LETTERS_READ) }) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryConnection> {
    const position = DEAD_WEBHOOKS.decode(after);
    const page = await listDeadWebhooks({ dataSource, policy }, principal, requestId, access, pageSize(first), position && { deadAt: position.at, id: position.id });
    const last = page.deliveries.at(-1);
    return {
      nodes: page.deliveries,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last?.deadAt ? DEAD_WEBHOOKS.encode({ at: last.deadAt, id: last.id }) : null },
    };
  }

  @Mutation(() => WebhookDeliveryNode, { description: "IG leads: send a dead webhook delivery again, with the same webhook-id and body, its attempts counted afresh. States why (INFORMATION_GOVERNANCE); audited before it takes effect." })
  @ArgumentRules({ id: uuid })
  async replayWebhookDelivery(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.WEBHOOK_REPLAYED) }) access: AccessContextInput,
  ): Promise<WebhookDeliveryNode> {
    return replayWebhook({ dataSource, policy }, principal, requestId, access, id);
  }
}
