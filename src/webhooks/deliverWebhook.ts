import { type DataSource } from "typeorm";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntry } from "../audit/recordAuditEntry";
import { Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { excludesAgency } from "../exclusions/excludes";
import { excludesStaffOf } from "../exclusions/excludesStaffOf";
import { EXCLUDED_FROM_FILE } from "../exclusions/exclusionRefusal";
import { loadExclusionsOfChildren } from "../exclusions/loadExclusions";
import { deliveriesAsTheyLeave } from "../notifications/deliveriesAsTheyLeave";
import { NotificationDelivery } from "../notifications/NotificationDelivery";
import { type PolicySet } from "../policy/PolicySet";
import { type Logger } from "../logging/logger";
import { webhookOutcomes } from "../metrics/hubMetrics";
import { type HubSigningKeys } from "../signing/hubSigningKeys";
import { sendWebhook, type WebhookSendRules } from "./sendWebhook";
import { webhookBody } from "./webhookBody";
import { signWebhook } from "./webhookSignature";
import { WebhookStatus } from "./WebhookStatus";

export interface WebhookSender {
  dataSource: DataSource;
  policy: PolicySet;
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
 * that moved its endpoint, or removed it, is honoured). So is what may leave: an agency a named-staff
 * exclusion keeps out of a child the delivery is about is never sent it (WITHHELD, not replayable), one
 * some of whose staff a STAFF or TEAM exclusion keeps out of such a child is sent a notice only, and
 * the body is built now from the delivery as it leaves the hub (`deliveriesAsTheyLeave`), so neither a
 * retry nor an IG lead's replay sends a fact restricted or erased since. A 2xx settles it DELIVERED; a
 * failure is thrown for pg-boss to retry with backoff, until the attempts are spent and it is DEAD.
 */
export async function deliverWebhook(sender: WebhookSender, webhookId: string): Promise<void> {
  const { dataSource, logger } = sender;
  const now = sender.now ?? (() => new Date());
  const claimed = await dataSource.query<[{ attempts: number; deliveryId: string; childSuis: string[]; childIds: string[]; recipientAgency: string; agencyType: AgencyType; url: string | null }[], number]>(
    `UPDATE webhook_delivery w SET attempts = w.attempts + 1, last_attempt_at = $2
       WHERE w.id = $1 AND w.status = 'PENDING'
       RETURNING w.attempts, w.delivery_id AS "deliveryId", w.child_suis AS "childSuis", w.recipient_agency AS "recipientAgency",
         (SELECT d.child_ids FROM notification_delivery d WHERE d.id = w.delivery_id) AS "childIds",
         (SELECT a.type FROM agency a WHERE a.code = w.recipient_agency) AS "agencyType",
         (SELECT a.webhook_url FROM agency a WHERE a.code = w.recipient_agency AND a.active) AS url`,
    [webhookId, now()],
  );
  const row = claimed[0][0];
  if (row === undefined) return;
  const exclusions = await loadExclusionsOfChildren(dataSource, row.childIds);
  if (exclusions.some((exclusion) => excludesAgency(exclusion, row.recipientAgency))) {
    await withhold(sender, webhookId, row, now());
    return;
  }
  const staffKeptOut = exclusions.some((exclusion) => excludesStaffOf(exclusion, row.recipientAgency));
  const body = row.url === null ? null : await bodyAsItLeaves(sender, row.deliveryId, staffKeptOut);
  const attempt = row.url === null || body === null
    ? { delivered: false as const, failure: "NO_ENDPOINT" }
    : await sendWebhook(row.url, body, signWebhook(sender.signingKeys, webhookId, body, now()), sender.rules);
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

/**
 * Settles a webhook an exclusion keeps from its agency WITHHELD, and puts the withheld push on the trail:
 * a refused NOTIFICATION_DELIVERY naming the webhook, its delivery, the agency and the rule
 * (`named-staff-exclusion`), no content. It is the hub's entry (principal `hub:webhooks`), not the
 * agency's, so the agency kept out does not read of it as its own; a reader holding the child finds
 * it by the child's SUI, and the trail leaves it out for whoever the child's exclusions keep out.
 */
async function withhold(sender: WebhookSender, webhookId: string, row: { deliveryId: string; childSuis: string[]; recipientAgency: string; agencyType: AgencyType }, at: Date): Promise<void> {
  const { dataSource, logger, policy } = sender;
  const settled = await dataSource.query<[unknown[], number]>(`UPDATE webhook_delivery SET status = '${WebhookStatus.WITHHELD}', last_failure = NULL WHERE id = $1 AND status = 'PENDING' RETURNING id`, [webhookId]);
  webhookOutcomes.inc({ outcome: "withheld" });
  logger.info("webhook withheld", { event: "webhook.withheld", webhookId, agency: row.recipientAgency });
  if (settled[1] === 0) return;
  await recordAuditEntry(dataSource, {
    requestId: `webhook:${webhookId}`,
    principal: { sub: "hub:webhooks", name: "The hub's webhook sender", agency: "HUB", agencyType: row.agencyType, roles: [Role.AGENCY_SYSTEM], localAuthority: "", team: null, tokenId: null },
    operation: AuditOperation.NOTIFICATION_DELIVERY, access: null, childSuis: row.childSuis, outcome: AuditOutcome.REFUSED, refusal: EXCLUDED_FROM_FILE,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: { webhookId, deliveryId: row.deliveryId, agency: row.recipientAgency, withheld: "WEBHOOK" },
  }, at);
}

/** The body of the delivery's webhook as the delivery may leave the hub now: a notice only while some of the agency's staff are kept out of a child it is about. */
async function bodyAsItLeaves(sender: WebhookSender, deliveryId: string, staffKeptOut: boolean): Promise<string> {
  const delivery = await sender.dataSource.getRepository(NotificationDelivery).findOneOrFail({ where: { id: deliveryId }, relations: { notification: true } });
  const [leaving] = await deliveriesAsTheyLeave(sender.dataSource, sender.policy, [delivery]);
  return webhookBody(leaving, delivery.notification.type, staffKeptOut);
}
