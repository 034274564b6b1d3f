/**
 * Where a webhook delivery stands. PENDING: enqueued, being tried; DELIVERED: the receiver answered 2xx
 * (never sent again); DEAD: every attempt failed, kept for an IG lead to see and replay.
 */
export const WebhookStatus = { PENDING: "PENDING", DELIVERED: "DELIVERED", DEAD: "DEAD" } as const;
export type WebhookStatus = (typeof WebhookStatus)[keyof typeof WebhookStatus];
