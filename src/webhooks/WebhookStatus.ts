/**
 * Where a webhook delivery stands. PENDING: enqueued, being tried; DELIVERED: the receiver answered 2xx
 * (never sent again); DEAD: every attempt failed, kept for an IG lead to see and replay; WITHHELD: the
 * recipient agency is kept out of a child it is about (a named-staff exclusion of the agency), so it is
 * never sent, nor replayed.
 */
export const WebhookStatus = { PENDING: "PENDING", DELIVERED: "DELIVERED", DEAD: "DEAD", WITHHELD: "WITHHELD" } as const;
export type WebhookStatus = (typeof WebhookStatus)[keyof typeof WebhookStatus];
