import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Writes a JWK set of one fresh Ed25519 signing key into `dir`, as an operator's HUB_SIGNING_KEYS_FILE; returns its path. */
export function writeTestSigningKeys(dir: string, kid = "test-signing-1"): string {
  const jwk = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  const file = path.join(dir, "hub-signing-keys.json");
  fs.writeFileSync(file, JSON.stringify({ keys: [{ ...jwk, kid }] }), { mode: 0o600 });
  return file;
}
