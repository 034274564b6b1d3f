import { type DataSource } from "typeorm";
import { type Logger } from "../logging/logger";
import { webhookOutcomes } from "../metrics/hubMetrics";
import { type HubSigningKeys } from "../signing/hubSigningKeys";
import { sendWebhook, type WebhookSendRules } from "./sendWebhook";
import { signWebhook } from "./webhookSignature";
import { WebhookStatus } from "./WebhookStatus";

export interface WebhookSender {
  dataSource: DataSource;
  signingKeys: HubSigningKeys;
  rules: WebhookSendRules;
  maxAttempts: number;
  logger: Logger;
  now?: () => Date;
}

/** A failed attempt that will be tried again: pg-boss retries the job, after its backoff. */
export class WebhookAttemptFailed extends Error {
  override name = "WebhookAttemptFailed";
}

/**
 * One attempt at a webhook delivery, as a job's handler. The attempt is claimed on the row first, and
 * only while the row is PENDING: a delivery a receiver acknowledged (DELIVERED) or an IG lead has not
 * replayed (DEAD) is never sent, whatever job — a retry, one run again after its sender died, a
 * duplicate — asks for it. The endpoint is the directory's at the time of the attempt (an agency
 * that moved its endpoint, or removed it, is honoured). A 2xx settles it DELIVERED; a failure is
 * thrown for pg-boss to retry with backoff, until the attempts are spent and it is DEAD.
 */
export async function deliverWebhook(sender: WebhookSender, webhookId: string): Promise<void> {
  const { dataSource, logger } = sender;
  const now = sender.now ?? (() => new Date());
  const claimed = await dataSource.query<[{ attempts: number; body: string; recipientAgency: string; url: string | null }[], number]>(
    `UPDATE webhook_delivery w SET attempts = w.attempts + 1, last_attempt_at = $2
       WHERE w.id = $1 AND w.status = 'PENDING'
       RETURNING w.attempts, w.body, w.recipient_agency AS "recipientAgency",
         (SELECT a.webhook_url FROM agency a WHERE a.code = w.recipient_agency AND a.active) AS url`,
    [webhookId, now()],
  );
  const row = claimed[0][0];
  if (row === undefined) return;
  const attempt = row.url === null
    ? { delivered: false as const, failure: "NO_ENDPOINT" }
    : await sendWebhook(row.url, row.body, signWebhook(sender.signingKeys, webhookId, row.body, now()), sender.rules);
  if (attempt.delivered) {
    await dataSource.query(`UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = $2, last_failure = NULL WHERE id = $1 AND status = 'PENDING'`, [webhookId, now()]);
    webhookOutcomes.inc({ outcome: "delivered" });
    logger.info("webhook delivered", { event: "webhook.delivered", webhookId, agency: row.recipientAgency, attempts: row.attempts });
    return;
  }
  const dead = row.attempts >= sender.maxAttempts;
  await dataSource.query(
    `UPDATE webhook_delivery SET last_failure = $2, status = CASE WHEN $3 THEN '${WebhookStatus.DEAD}' ELSE status END, dead_at = CASE WHEN $3 THEN $4::timestamptz ELSE dead_at END
       WHERE id = $1 AND status = 'PENDING'`,
    [webhookId, attempt.failure, dead, now()],
  );
  webhookOutcomes.inc({ outcome: dead ? "dead" : "failed" });
  logger.warn(dead ? "webhook dead" : "webhook attempt failed", { event: dead ? "webhook.dead" : "webhook.failed", webhookId, agency: row.recipientAgency, attempts: row.attempts, failure: attempt.failure });
  if (!dead) throw new WebhookAttemptFailed(attempt.failure);
}
