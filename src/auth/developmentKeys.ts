import fs from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from "jose";

export const DEVELOPMENT_ALGORITHM = "ES256";

export interface DevelopmentKeys {
  privateKey: CryptoKey;
  kid: string;
  jwks: JSONWebKeySet;
}

/**
 * The ES256 key pair a development hub signs and verifies its own tokens with, created under
 * `<HUB_DATA_DIR>/dev-keys/` on first use (private key readable by the owner only). Never used in
 * production: the configuration refuses to start there without a JWKS.
 */
export async function loadOrCreateDevelopmentKeys(keyDir: string): Promise<DevelopmentKeys> {
  const privatePath = path.join(keyDir, "private.jwk.json");
  const publicPath = path.join(keyDir, "jwks.json");
  if (!fs.existsSync(privatePath) || !fs.existsSync(publicPath)) {
    const { privateKey, publicKey } = await generateKeyPair(DEVELOPMENT_ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const meta = { kid, alg: DEVELOPMENT_ALGORITHM, use: "sig" };
    fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    writeExclusive(privatePath, { ...(await exportJWK(privateKey)), ...meta }, 0o600);
    writeExclusive(publicPath, { keys: [{ ...publicJwk, ...meta }] }, 0o644);
  }
  const privateJwk = JSON.parse(fs.readFileSync(privatePath, "utf8")) as JWK & { kid: string };
  const jwks = JSON.parse(fs.readFileSync(publicPath, "utf8")) as JSONWebKeySet;
  const privateKey = (await importJWK(privateJwk, DEVELOPMENT_ALGORITHM)) as CryptoKey;
  return { privateKey, kid: privateJwk.kid, jwks };
}

/** Two processes starting at once (hub and token command) must not overwrite each other's key. */
function writeExclusive(file: string, content: unknown, mode: number): void {
  try {
    fs.writeFileSync(file, JSON.stringify(content, null, 2), { flag: "wx", mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
