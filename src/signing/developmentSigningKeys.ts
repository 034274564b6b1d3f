import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hubSigningKeysFromJwks, type HubSigningKeys } from "./hubSigningKeys";

/**
 * Outside production, a hub without `HUB_SIGNING_KEYS_FILE` signs with an Ed25519 key of its own,
 * created once under `<HUB_DATA_DIR>/signing-keys/` (owner-only) so every process on that data
 * directory, and every restart, signs with the same key. Production refuses to start without a
 * configured key set.
 */
export function loadOrCreateDevelopmentSigningKeys(keyDir: string): HubSigningKeys {
  const file = path.join(keyDir, "signing-keys.jwks.json");
  if (!fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const jwk = privateKey.export({ format: "jwk" });
    const kid = `dev-${crypto.createHash("sha256").update(jwk.x ?? "").digest("base64url").slice(0, 16)}`;
    fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    try {
      // Two processes starting at once must not overwrite each other's key: the first one written wins.
      fs.writeFileSync(file, JSON.stringify({ keys: [{ ...jwk, kid, use: "sig", alg: "EdDSA" }] }, null, 2), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return hubSigningKeysFromJwks(JSON.parse(fs.readFileSync(file, "utf8")), undefined, file);
}
