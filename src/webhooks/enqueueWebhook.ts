import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type NewDelivery } from "../notifications/recordDelivery";
import { WebhookDelivery } from "./WebhookDelivery";
import { webhookQueueOf } from "./webhookQueue";
import { WebhookStatus } from "./WebhookStatus";

/**
 * When the recipient agency has registered an endpoint, writes the delivery's webhook — its id; the
 * body is built at each attempt (`deliverWebhook`) — and enqueues its job, all in the caller's transaction (the one that writes the
 * delivery): a notification and its webhook commit or vanish together. A process that has no queue
 * running cannot promise the webhook, so it refuses to write the delivery at all.
 */
export async function enqueueWebhook(manager: EntityManager, delivery: NewDelivery): Promise<void> {
  const [target] = await manager.query<{ code: string }[]>(`SELECT a.code FROM agency a WHERE a.code = $1 AND a.active AND a.webhook_url IS NOT NULL`, [delivery.recipientAgency]);
  if (target === undefined) return;
  const queue = webhookQueueOf(manager.connection);
  if (queue === undefined) throw new Error("The webhook queue is not running in this process: a delivery to an agency with a webhook endpoint cannot be written");
  const id = randomUUID();
  await manager.getRepository(WebhookDelivery).insert({
    id, deliveryId: delivery.id, recipientAgency: delivery.recipientAgency, childSuis: delivery.childSuis,
    status: WebhookStatus.PENDING, attempts: 0, lastFailure: null, createdAt: delivery.deliveredAt, lastAttemptAt: null, deliveredAt: null, deadAt: null, replays: 0,
  });
  await queue.enqueue(manager, id);
}
