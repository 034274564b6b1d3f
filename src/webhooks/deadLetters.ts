import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { concealedRouteWebhook, trailReach } from "../audit/trailReach";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { deadLetterReviewer } from "./deadLetterAccess";
import { WebhookDelivery } from "./WebhookDelivery";
import { webhookQueueOf } from "./webhookQueue";
import { WebhookStatus } from "./WebhookStatus";

/** A dead delivery as an IG lead sees it: where it was going, how it failed — never its body. */
export type DeadWebhook = Pick<WebhookDelivery, "id" | "deliveryId" | "recipientAgency" | "status" | "attempts" | "lastFailure" | "createdAt" | "lastAttemptAt" | "deadAt" | "replays">;

export interface DeadWebhookPage {
  deliveries: DeadWebhook[];
  hasNextPage: boolean;
}

const COLUMNS = ["id", "deliveryId", "recipientAgency", "status", "attempts", "lastFailure", "createdAt", "lastAttemptAt", "deadAt", "replays"] as const;

/** Rows an IG lead answers for: their own agency's deliveries, and those about children their agency holds (`trailReach`), but not another agency's concealed route's. */
function reachable(services: GovernanceServices, principal: Principal) {
  const reach = trailReach(principal, { agency: "webhook.recipient_agency", suis: "webhook.child_suis", concealed: concealedRouteWebhook("webhook.delivery_id") });
  return services.dataSource.getRepository(WebhookDelivery).createQueryBuilder("webhook").select(COLUMNS.map((column) => `webhook.${column}`)).where(reach.condition, reach.parameters);
}

/**
 * IG leads: dead webhook deliveries, the most recently dead first. The list names no child and carries
 * no content, but it says which agencies were sent what about whom (by delivery): audited, with the
 * IG lead's access context (INFORMATION_GOVERNANCE), before it is returned.
 */
export async function listDeadWebhooks(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, limit: number, after: { deadAt: Date; id: string } | null, now = new Date()): Promise<DeadWebhookPage> {
  const request = await admitGovernanceRequest(
    services,
    { requestId, principal, operation: AuditOperation.WEBHOOK_DEAD_LETTERS_READ, access, childSuis: [], details: { first: limit } },
    deadLetterReviewer(principal, "list"),
    now,
  );
  const query = reachable(services, principal).andWhere("webhook.status = :dead", { dead: WebhookStatus.DEAD });
  const dead = "date_trunc('milliseconds', webhook.dead_at)";
  if (after) query.andWhere(`(${dead}, webhook.id) < (:deadAt, :id)`, after);
  const rows = await query.orderBy(dead, "DESC").addOrderBy("webhook.id", "DESC").take(limit + 1).getMany();
  const deliveries = rows.slice(0, limit);
  await recordGovernanceWork(services, { ...request, details: { ...request.details, returned: deliveries.length, webhookIds: deliveries.map((row) => row.id) } }, AuditOutcome.DISCLOSED, now);
  return { deliveries, hasNextPage: rows.length > limit };
}

/**
 * IG leads: send a dead delivery again — the same `webhook-id` and the same body (a receiver that
 * processed it after all deduplicates it), its attempts counted afresh. Recorded on the trail before
 * it takes effect; the job is enqueued in the transaction that revives the row, so it is sent once
 * whichever hub process picks it up. Anything but a dead delivery the IG lead answers for is refused.
 */
export async function replayWebhook(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, now = new Date()): Promise<DeadWebhook> {
  const request = await admitGovernanceRequest(
    services,
    { requestId, principal, operation: AuditOperation.WEBHOOK_REPLAYED, access, childSuis: [], details: { webhookId: id } },
    deadLetterReviewer(principal, "replay"),
    now,
  );
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await reachable(services, principal).andWhere("webhook.id = :id", { id }).getOne() : null;
  if (found === null) throw new HubError(ErrorCode.NOT_FOUND, "No webhook delivery has this id.", { path: "id" });
  if (found.status !== WebhookStatus.DEAD) throw new HubError(ErrorCode.CONFLICT, `This webhook delivery is ${found.status}: only a DEAD one is replayed.`, { path: "id" });
  const queue = webhookQueueOf(services.dataSource);
  if (queue === undefined) throw new HubError(ErrorCode.SERVICE_UNAVAILABLE, "The hub's webhook queue is not running: try again shortly.");
  await recordGovernanceWork(services, { ...request, details: { ...request.details, recipientAgency: found.recipientAgency, deliveryId: found.deliveryId, attempts: found.attempts, lastFailure: found.lastFailure } }, AuditOutcome.RECORDED, now);
  const replayed = await services.dataSource.transaction(async (manager) => {
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, dead_at = NULL, replays = replays + 1 WHERE id = $1 AND status = 'DEAD' RETURNING id`,
      [found.id],
    );
    if (rows.length === 0) return false;
    await queue.enqueue(manager, found.id);
    return true;
  });
  // Another IG lead replayed it a moment ago: it is on its way, once.
  if (!replayed) throw new HubError(ErrorCode.CONFLICT, "This webhook delivery was replayed already.", { path: "id" });
  return { ...found, status: WebhookStatus.PENDING, attempts: 0, deadAt: null, replays: found.replays + 1 };
}
