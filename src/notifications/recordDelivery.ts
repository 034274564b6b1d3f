import { type EntityManager } from "typeorm";
import { enqueueWebhook } from "../webhooks/enqueueWebhook";
import { NotificationDelivery } from "./NotificationDelivery";

/** A delivery as it is written: every column but the acknowledgement, which comes later. */
export type NewDelivery = Omit<NotificationDelivery, "notification" | "acknowledgedAt" | "acknowledgedBy" | "response" | "escalatedAt">;

/**
 * Writes one delivery, inside the caller's transaction — the one place a notification reaches an
 * agency, so whatever else must happen with a delivery (enqueueing its webhook) happens here, in the
 * same transaction. The delivery's disclosure audit entry must have committed first: `disclosureId`
 * names it (no audit, no disclosure). An agency with a webhook endpoint gets the delivery's webhook
 * written and enqueued here too (`webhooks/enqueueWebhook`).
 */
export async function recordDelivery(manager: EntityManager, delivery: NewDelivery): Promise<void> {
  await manager.getRepository(NotificationDelivery).insert({ ...delivery, acknowledgedAt: null, acknowledgedBy: null, response: null, escalatedAt: null });
  await enqueueWebhook(manager, delivery);
}
