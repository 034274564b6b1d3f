import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export const TEST_ISSUER = "https://idp.test.example/";
export const TEST_AUDIENCE = "safeguarding-hub-test";

export interface TestKeys {
  privateKey: CryptoKey;
  kid: string;
  jwksFile: string;
}

/** A key pair whose public half the hub trusts through AUTH_JWKS_FILE, as it would a real IdP's. */
export async function createTestKeys(): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-keys-"));
  const jwksFile = path.join(dir, "jwks.json");
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...jwk, kid, alg: "ES256", use: "sig" }] }));
  return { privateKey, kid, jwksFile };
}

export interface TestClaims extends JWTPayload {
  name?: string;
  agency?: string;
  agency_type?: string;
  roles?: string[];
  la?: string;
  team?: string;
}

export const AGENCY_SYSTEM_CLAIMS = (agency: string, agencyType: string, la = "E06000060"): TestClaims => ({
  sub: `system-${agency.toLowerCase()}`,
  name: `${agency} case management system`,
  agency,
  agency_type: agencyType,
  roles: ["AGENCY_SYSTEM"],
  la,
});

export const MASH_CLAIMS: TestClaims = {
  sub: "mash-practitioner-1",
  name: "Test MASH Practitioner",
  agency: "LA-E06000060",
  agency_type: "CHILDRENS_SOCIAL_CARE",
  roles: ["MASH_PRACTITIONER"],
  la: "E06000060",
};

export async function signTestToken(keys: TestKeys, claims: TestClaims, expiresIn: string | number = "10m", trust = { issuer: TEST_ISSUER, audience: TEST_AUDIENCE }): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: keys.kid, typ: "JWT" })
    .setIssuer(trust.issuer)
    .setAudience(trust.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keys.privateKey);
}
