import fs from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { type AuthConfig } from "../config/config";
import { loadOrCreateDevelopmentKeys } from "./developmentKeys";

/** Key types that can only verify asymmetric signatures; an `oct` (shared secret) key is refused. */
const ASYMMETRIC_KEY_TYPES = new Set(["EC", "RSA", "OKP"]);

export class KeySetError extends Error {
  override name = "KeySetError";
}

export async function loadVerificationKeys(auth: AuthConfig): Promise<JWTVerifyGetKey> {
  switch (auth.mode) {
    case "jwks-url":
      return createRemoteJWKSet(auth.jwksUrl, { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
    case "jwks-file":
      return createLocalJWKSet(readJwksFile(auth.jwksFile));
    case "development":
      return createLocalJWKSet((await loadOrCreateDevelopmentKeys(auth.keyDir)).jwks);
  }
}

export function readJwksFile(file: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new KeySetError(`AUTH_JWKS_FILE ${file} could not be read as JSON (${(error as Error).message})`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new KeySetError(`AUTH_JWKS_FILE ${file} has no "keys" array`);
  for (const key of keys as { kty?: unknown; d?: unknown }[]) {
    if (typeof key.kty !== "string" || !ASYMMETRIC_KEY_TYPES.has(key.kty)) {
      throw new KeySetError(`AUTH_JWKS_FILE ${file} holds a key of type ${String(key.kty)}: only EC, RSA and OKP public keys are accepted`);
    }
    if (key.d !== undefined) throw new KeySetError(`AUTH_JWKS_FILE ${file} holds a private key: publish only public keys`);
  }
  return parsed as JSONWebKeySet;
}
