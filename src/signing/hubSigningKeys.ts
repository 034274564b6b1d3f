import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import { CompactSign, type JSONWebKeySet, type JWK } from "jose";

/** The one algorithm the hub signs with: Ed25519 (JWS `EdDSA`, Standard Webhooks `v1a`). */
export const HUB_SIGNING_ALGORITHM = "EdDSA";

export class SigningKeyError extends Error {
  override name = "SigningKeyError";
}

/**
 * The hub's own signing keys: what the hub itself vouches for (webhook deliveries, audit
 * checkpoints), never a caller's token. One key signs (`activeKid`); every key in the set is
 * published at `/.well-known/jwks.json`, so a new key can be published before it signs and an old
 * one kept published after it stops: rotation without a gap.
 */
export interface HubSigningKeys {
  readonly activeKid: string;
  /** The public half of every key, `use: "sig"`, `alg: "EdDSA"`: what receivers verify against. */
  readonly jwks: JSONWebKeySet;
  /** A raw Ed25519 signature over `data` with the active key (64 bytes). */
  sign(data: Uint8Array): { kid: string; signature: Buffer };
  /** A compact JWS over `payload` with the active key; its header names the key (`kid`). */
  signJws(payload: Uint8Array, header?: { typ?: string; cty?: string }): Promise<string>;
  /** Whether `signature` is a valid Ed25519 signature of `data` by the key `kid` of this set. */
  verify(kid: string, data: Uint8Array, signature: Uint8Array): boolean;
}

interface KeyEntry {
  kid: string;
  publicKey: KeyObject;
  privateKey: KeyObject | null;
  publicJwk: JWK;
}

/**
 * Reads a JWK set of Ed25519 keys (`kty: "OKP"`, `crv: "Ed25519"`, each with a `kid`). Keys with a
 * private part (`d`) can sign; keys without one are published only (a retired or not-yet-active
 * key held elsewhere). `activeKid` picks the signing key; unset, the set must hold exactly one
 * private key.
 */
export function hubSigningKeysFromJwks(set: unknown, activeKid: string | undefined, source: string): HubSigningKeys {
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new SigningKeyError(`${source} has no "keys" array`);
  const entries = keys.map((key, index) => toEntry(key, `${source} key ${index + 1}`));
  const kids = new Set<string>();
  for (const entry of entries) {
    if (kids.has(entry.kid)) throw new SigningKeyError(`${source} holds two keys with kid "${entry.kid}"`);
    kids.add(entry.kid);
  }
  const signers = entries.filter((entry) => entry.privateKey !== null);
  let active: KeyEntry | undefined;
  if (activeKid !== undefined) {
    active = entries.find((entry) => entry.kid === activeKid);
    if (active === undefined) throw new SigningKeyError(`HUB_SIGNING_KID "${activeKid}" is not a key in ${source}`);
    if (active.privateKey === null) throw new SigningKeyError(`HUB_SIGNING_KID "${activeKid}" has no private part in ${source}: it can be published, not sign`);
  } else {
    if (signers.length !== 1) {
      throw new SigningKeyError(`${source} holds ${signers.length} private keys: set HUB_SIGNING_KID to the one that signs`);
    }
    active = signers[0];
  }
  return createHubSigningKeys(entries, active);
}

/** Reads `HUB_SIGNING_KEYS_FILE`; the file holds private keys, so it must not be readable by others. */
export function readHubSigningKeysFile(file: string, activeKid: string | undefined): HubSigningKeys {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new SigningKeyError(`HUB_SIGNING_KEYS_FILE ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`HUB_SIGNING_KEYS_FILE ${file} is not JSON`);
  }
  return hubSigningKeysFromJwks(parsed, activeKid, `HUB_SIGNING_KEYS_FILE ${file}`);
}

function toEntry(raw: unknown, where: string): KeyEntry {
  if (raw === null || typeof raw !== "object") throw new SigningKeyError(`${where} is not a JWK`);
  const jwk = raw as JWK;
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519") {
    throw new SigningKeyError(`${where} is ${String(jwk.kty)}/${String(jwk.crv)}: the hub signs with Ed25519 keys only (kty OKP, crv Ed25519)`);
  }
  if (typeof jwk.kid !== "string" || !/^[A-Za-z0-9._-]{1,128}$/.test(jwk.kid)) {
    throw new SigningKeyError(`${where} needs a kid of letters, digits, ".", "_" or "-" (at most 128)`);
  }
  if (jwk.alg !== undefined && jwk.alg !== HUB_SIGNING_ALGORITHM) throw new SigningKeyError(`${where} has alg ${jwk.alg}: only ${HUB_SIGNING_ALGORITHM}`);
  if (jwk.use !== undefined && jwk.use !== "sig") throw new SigningKeyError(`${where} has use ${jwk.use}: only sig`);
  let publicKey: KeyObject;
  let privateKey: KeyObject | null = null;
  try {
    publicKey = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
    if (jwk.d !== undefined) {
      privateKey = crypto.createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }, format: "jwk" });
    }
  } catch {
    // Node refuses a public part that is not a point, and a private part (d) that is not the public part's.
    throw new SigningKeyError(`${where} is not a valid Ed25519 key (or its private part does not match its public part)`);
  }
  const publicJwk: JWK = { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: jwk.kid, use: "sig", alg: HUB_SIGNING_ALGORITHM };
  return { kid: jwk.kid, publicKey, privateKey, publicJwk };
}

function createHubSigningKeys(entries: KeyEntry[], active: KeyEntry): HubSigningKeys {
  const byKid = new Map(entries.map((entry) => [entry.kid, entry]));
  const privateKey = active.privateKey as KeyObject;
  const jwks: JSONWebKeySet = { keys: entries.map((entry) => ({ ...entry.publicJwk })) };
  return {
    activeKid: active.kid,
    jwks,
    sign: (data) => ({ kid: active.kid, signature: crypto.sign(null, data, privateKey) }),
    signJws: (payload, header = {}) =>
      new CompactSign(payload).setProtectedHeader({ ...header, alg: HUB_SIGNING_ALGORITHM, kid: active.kid }).sign(privateKey),
    verify: (kid, data, signature) => {
      const entry = byKid.get(kid);
      if (entry === undefined || signature.length !== 64) return false;
      return crypto.verify(null, data, entry.publicKey, signature);
    },
  };
}
