import { type HubSigningKeys } from "../signing/hubSigningKeys";

/** The Standard Webhooks 1.0 headers of one attempt. */
export type WebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** What Standard Webhooks signs: `{id}.{timestamp}.{body}`, the body as the exact bytes sent. */
export function signedContent(id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestamp}.`, "utf8"), typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body)]);
}

/**
 * Signs one attempt with the hub's active key, the spec's asymmetric scheme `v1a` (Ed25519): the
 * receiver verifies against the hub's published keys (`/.well-known/jwks.json`) and holds no secret
 * that could forge a delivery. The timestamp is the attempt's, so a receiver's tolerance window
 * refuses an old delivery replayed to it.
 */
export function signWebhook(keys: HubSigningKeys, id: string, body: string, now: Date): WebhookHeaders {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const { signature } = keys.sign(signedContent(id, timestamp, body));
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1a,${signature.toString("base64")}` };
}
