import fs from "node:fs";
import http from "node:http";
import { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { type AuthConfig } from "../../config/config";
import { loadVerificationKeys } from "../keySet";
import { loadOrCreateDevelopmentKeys } from "../developmentKeys";
import { principalLogFields, type Principal } from "../Principal";

const COMMON = { issuer: "https://idp.example/", audience: "safeguarding-hub", algorithms: ["ES256" as const], clockToleranceSeconds: 5, maxTokenLifetimeSeconds: 86_400 };

/** Whether the key set finds the key that signed a token with this kid. */
async function findsKeyFor(keys: JWTVerifyGetKey, kid: string, key: CryptoKey): Promise<boolean> {
  const token = await new SignJWT({}).setProtectedHeader({ alg: "ES256", kid }).sign(key);
  const [header] = token.split(".");
  try {
    await keys(JSON.parse(Buffer.from(header, "base64url").toString("utf8")), { payload: "", signature: "" });
    return true;
  } catch {
    return false;
  }
}

describe("the keys tokens are verified with", () => {
  let signer: { privateKey: CryptoKey; jwks: JSONWebKeySet };

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256", { extractable: true });
    signer = { privateKey: pair.privateKey, jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "idp-1", alg: "ES256" }] } };
  });

  it("come from the identity provider's JWKS URL, fetched once and then cached", async () => {
    let fetches = 0;
    const server = http.createServer((_request, response) => {
      fetches += 1;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(signer.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const auth: AuthConfig = { mode: "jwks-url", jwksUrl: new URL(`http://127.0.0.1:${port}/jwks.json`), ...COMMON };
      const keys = await loadVerificationKeys(auth);
      expect(await findsKeyFor(keys, "idp-1", signer.privateKey)).toBe(true);
      expect(await findsKeyFor(keys, "idp-1", signer.privateKey)).toBe(true);
      // An unknown key id may mean the provider rotated its keys, but a refetch waits out a cooldown.
      expect(await findsKeyFor(keys, "unknown", signer.privateKey)).toBe(false);
      expect(fetches).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("come from a local JWKS file", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jwks-")), "jwks.json");
    fs.writeFileSync(file, JSON.stringify(signer.jwks));
    const keys = await loadVerificationKeys({ mode: "jwks-file", jwksFile: file, ...COMMON });
    expect(await findsKeyFor(keys, "idp-1", signer.privateKey)).toBe(true);
  });

  it("are the development key pair's public half in development", async () => {
    const keyDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-dev-keys-")), "dev-keys");
    const keys = await loadVerificationKeys({ mode: "development", keyDir, ...COMMON });
    const development = await loadOrCreateDevelopmentKeys(keyDir);
    expect(await findsKeyFor(keys, development.kid, development.privateKey)).toBe(true);
    expect(await findsKeyFor(keys, "idp-1", signer.privateKey)).toBe(false);
  });
});

describe("what is logged about a principal", () => {
  it("is the sub, agency, agency type and roles: never the name, team or token id", () => {
    const principal: Principal = { sub: "sw-1", name: "A Person", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: "North", tokenId: "t-1" };
    expect(principalLogFields(principal)).toEqual({ sub: "sw-1", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"] });
  });
});
