import { type SigningConfig } from "../config/config";
import { loadOrCreateDevelopmentSigningKeys } from "./developmentSigningKeys";
import { readHubSigningKeysFile, type HubSigningKeys } from "./hubSigningKeys";

/** The hub's signing keys as configured: a key file (required in production) or a development key. */
export function loadHubSigningKeys(signing: SigningConfig): HubSigningKeys {
  return signing.mode === "file" ? readHubSigningKeysFile(signing.file, signing.activeKid) : loadOrCreateDevelopmentSigningKeys(signing.keyDir);
}
