import { KeyObject, verify } from "node:crypto";
import { importJWK, type JSONWebKeySet, type JWK } from "jose";
import { signedContent } from "./webhookSignature";

/** What a receiver checks a delivery against: the hub's published keys, and how old a delivery may be. */
export interface WebhookVerification {
  /** The hub's JWK set (`/.well-known/jwks.json`), or a function that returns it (a `createRemoteJWKSet`'s cached `jwks()`). */
  keys: JSONWebKeySet | (() => JSONWebKeySet | undefined | Promise<JSONWebKeySet | undefined>);
  /** Seconds a delivery's timestamp may be from now, either way (Standard Webhooks suggests five minutes). */
  toleranceSeconds?: number;
  now?: Date;
}

export type WebhookVerdict =
  | { valid: true; id: string; timestamp: number; kid: string }
  | { valid: false; reason: "MISSING_HEADERS" | "TIMESTAMP_OUT_OF_TOLERANCE" | "NO_KEYS" | "BAD_SIGNATURE" };

type Headers = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function header(headers: Headers, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A receiver's check of a hub webhook (Standard Webhooks 1.0, the asymmetric `v1a` scheme): the
 * `webhook-signature` must hold a `v1a,<base64>` Ed25519 signature over `{webhook-id}.{webhook-timestamp}.{body}`
 * — the body as the exact bytes received, before any JSON parsing — by one of the hub's published
 * signing keys (`use: "sig"`, `alg: "EdDSA"`; every published key is tried, so a rotation never
 * strands a delivery signed just before it), and the timestamp must be within the tolerance of now,
 * so a delivery captured and replayed later is refused. Deduplicate by `webhook-id` after this: the
 * hub delivers at least once.
 */
export async function verifyWebhook(headers: Headers, body: string | Uint8Array, options: WebhookVerification): Promise<WebhookVerdict> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (id === undefined || timestamp === undefined || signatures === undefined || !/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: "MISSING_HEADERS" };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return { valid: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" };
  const set = typeof options.keys === "function" ? await options.keys() : options.keys;
  const published = (set?.keys ?? []).filter((jwk: JWK) => jwk.kty === "OKP" && jwk.crv === "Ed25519" && (jwk.use === undefined || jwk.use === "sig"));
  if (published.length === 0) return { valid: false, reason: "NO_KEYS" };
  const keys = await Promise.all(published.map(async (jwk) => ({ kid: jwk.kid ?? "", key: KeyObject.from((await importJWK(jwk, "EdDSA")) as Parameters<typeof KeyObject.from>[0]) })));
  const content = signedContent(id, timestamp, body);
  for (const entry of signatures.split(" ")) {
    const [version, encoded] = entry.split(",", 2);
    if (version !== "v1a" || encoded === undefined) continue;
    const signature = Buffer.from(encoded, "base64");
    if (signature.length !== 64) continue;
    for (const { kid, key } of keys) {
      if (verify(null, content, key, signature)) return { valid: true, id, timestamp: Number(timestamp), kid };
    }
  }
  return { valid: false, reason: "BAD_SIGNATURE" };
}
