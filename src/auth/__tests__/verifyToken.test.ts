import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from "jose";
import { createHmac } from "node:crypto";
import { ErrorCode, HubError } from "../../errors/HubError";
import { createTokenVerifier, type TokenVerifier } from "../verifyToken";
import { readJwksFile } from "../keySet";

const ISSUER = "https://idp.example/";
const AUDIENCE = "safeguarding-hub";
const CLAIMS = {
  name: "Test User",
  agency: "LA-E06000060",
  agency_type: "CHILDRENS_SOCIAL_CARE",
  roles: ["MASH_PRACTITIONER"],
  la: "E06000060",
};

let signingKey: CryptoKey;
let publicKey: CryptoKey;
let verify: TokenVerifier;

beforeAll(async () => {
  ({ privateKey: signingKey, publicKey } = await generateKeyPair("ES256", { extractable: true }));
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
  verify = createTokenVerifier({
    keys: createLocalJWKSet({ keys: [jwk] }),
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ["ES256", "RS256"],
    clockToleranceSeconds: 5,
    maxTokenLifetimeSeconds: 3_600,
  });
});

function sign(claims: JWTPayload = CLAIMS, options: { key?: CryptoKey; iss?: string; aud?: string; exp?: number | string; nbf?: number | string; sub?: string | null } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(options.iss ?? ISSUER).setAudience(options.aud ?? AUDIENCE).setIssuedAt(typeof claims.iat === "number" ? claims.iat : undefined);
  if (options.sub !== null) jwt.setSubject(options.sub ?? "user-1");
  if (options.exp !== undefined) jwt.setExpirationTime(options.exp);
  else jwt.setExpirationTime("5m");
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(options.key ?? signingKey);
}

async function refusedWith(header: string | undefined): Promise<HubError> {
  try {
    await verify(header);
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe(ErrorCode.UNAUTHENTICATED);
    return error as HubError;
  }
  throw new Error("the token was accepted");
}

async function refusal(header: string | undefined): Promise<string> {
  return String((await refusedWith(header)).details.reason);
}

describe("token verification", () => {
  it("turns a valid token into the principal its claims describe", async () => {
    const principal = await verify(`Bearer ${await sign({ ...CLAIMS, team: "MASH North" })}`);
    expect(principal).toEqual({
      sub: "user-1", name: "Test User", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
      roles: ["MASH_PRACTITIONER"], localAuthority: "E06000060", team: "MASH North", tokenId: null,
    });
  });

  it("refuses a missing header, a non-bearer scheme and a malformed token", async () => {
    expect(await refusal(undefined)).toBe("MISSING");
    expect(await refusal("")).toBe("MISSING");
    expect(await refusal("   ")).toBe("MISSING");
    expect(await refusal(`Basic ${Buffer.from("a:b").toString("base64")}`)).toBe("MALFORMED");
    expect(await refusal("Bearer not-a-jwt")).toBe("MALFORMED");
    // Three dot-separated parts that are not a signed token: neither a key nor a signature problem.
    expect(await refusal("Bearer e30.e30.c2ln")).toBe("MALFORMED");
  });

  it("takes the token only as the whole header: nothing before the scheme, nothing after the token", async () => {
    const token = await sign();
    expect(await refusal(`Basic x, Bearer ${token}`)).toBe("MALFORMED");
    expect(await refusal(`Bearer ${token} Bearer ${token}`)).toBe("MALFORMED");
    expect(await refusal(`Bearer ${token}.extra`)).toBe("MALFORMED");
  });

  it("ignores whitespace around the header, as HTTP allows", async () => {
    expect(await verify(`  Bearer ${await sign()}  `)).toMatchObject({ sub: "user-1" });
  });

  it("refuses an expired token", async () => {
    expect(await refusal(`Bearer ${await sign(CLAIMS, { exp: Math.floor(Date.now() / 1000) - 60 })}`)).toBe("EXPIRED");
  });

  it("refuses a token without an expiry", async () => {
    const token = await new SignJWT(CLAIMS).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("u").sign(signingKey);
    expect(await refusal(`Bearer ${token}`)).toBe("INVALID_CLAIMS");
  });

  describe("a token's lifetime, at most an hour here (5 s of clock tolerance)", () => {
    const now = () => Math.floor(Date.now() / 1000);
    const lasting = (claims: JWTPayload) => sign({ ...CLAIMS, ...claims }, { exp: claims.exp as number });

    it("refuses a token valid for a hundred years, with or without an iat", async () => {
      expect(await refusal(`Bearer ${await lasting({ exp: now() + 100 * 365 * 86_400 })}`)).toBe("LIFETIME_TOO_LONG");
      const noIat = await new SignJWT(CLAIMS).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("u")
        .setExpirationTime(now() + 100 * 365 * 86_400).sign(signingKey);
      expect(await refusal(`Bearer ${noIat}`)).toBe("LIFETIME_TOO_LONG");
    });

    it("accepts an exp the longest lifetime ahead, and refuses one a little further than the tolerance allows", async () => {
      expect(await verify(`Bearer ${await lasting({ exp: now() + 3_600 })}`)).toMatchObject({ sub: "user-1" });
      expect(await refusal(`Bearer ${await lasting({ exp: now() + 3_600 + 60 })}`)).toBe("LIFETIME_TOO_LONG");
    });

    it("refuses a token issued in the future, however short its life", async () => {
      expect(await refusal(`Bearer ${await lasting({ iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 60 })}`)).toBe("LIFETIME_TOO_LONG");
      expect(await refusal(`Bearer ${await lasting({ iat: now() + 600, exp: now() + 900 })}`)).toBe("NOT_YET_VALID");
    });

    it("refuses a token issued long ago for longer than the longest lifetime, though its exp is near", async () => {
      expect(await refusal(`Bearer ${await lasting({ iat: now() - 30 * 86_400, exp: now() + 600 })}`)).toBe("LIFETIME_TOO_LONG");
      expect(await verify(`Bearer ${await lasting({ iat: now() - 3_000, exp: now() + 600 })}`)).toMatchObject({ sub: "user-1" });
    });
  });

  it("refuses a token that is not valid yet", async () => {
    expect(await refusal(`Bearer ${await sign(CLAIMS, { nbf: Math.floor(Date.now() / 1000) + 600 })}`)).toBe("NOT_YET_VALID");
  });

  it("refuses a token whose iat is not a time as INVALID_CLAIMS, not as a token that is not valid yet", async () => {
    const token = await new SignJWT({ ...CLAIMS, iat: "yesterday" } as unknown as JWTPayload).setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("user-1").setExpirationTime("5m").sign(signingKey);
    expect(await refusal(`Bearer ${token}`)).toBe("INVALID_CLAIMS");
  });

  it("refuses a forged token signed with another key", async () => {
    const { privateKey: otherKey } = await generateKeyPair("ES256");
    expect(await refusal(`Bearer ${await sign(CLAIMS, { key: otherKey })}`)).toBe("BAD_SIGNATURE");
  });

  it("refuses a token whose payload was altered after signing", async () => {
    const [header, , signature] = (await sign()).split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...CLAIMS, roles: ["IG_LEAD"], sub: "user-1", iss: ISSUER, aud: AUDIENCE, exp: 9999999999 })).toString("base64url");
    expect(await refusal(`Bearer ${header}.${forgedPayload}.${signature}`)).toBe("BAD_SIGNATURE");
  });

  it("refuses alg: none", async () => {
    const unsigned = new UnsecuredJWT({ ...CLAIMS, sub: "user-1" }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime("5m").encode();
    expect(["ALGORITHM_NOT_ALLOWED", "MALFORMED"]).toContain(await refusal(`Bearer ${unsigned}`));
  });

  it("refuses an HS256 token made with the public key as the shared secret (algorithm confusion)", async () => {
    const secret = await exportSPKI(publicKey);
    const header = Buffer.from(JSON.stringify({ alg: "HS256", kid: "k1", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ ...CLAIMS, sub: "user-1", iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString("base64url");
    const mac = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
    expect(await refusal(`Bearer ${header}.${payload}.${mac}`)).toBe("ALGORITHM_NOT_ALLOWED");
  });

  it("refuses a token from another issuer or for another audience", async () => {
    expect(await refusal(`Bearer ${await sign(CLAIMS, { iss: "https://evil.example/" })}`)).toBe("WRONG_ISSUER");
    expect(await refusal(`Bearer ${await sign(CLAIMS, { aud: "another-service" })}`)).toBe("WRONG_AUDIENCE");
  });

  it.each([
    ["no sub", CLAIMS, null],
    ["an unknown role", { ...CLAIMS, roles: ["SUPERUSER"] }, "u"],
    ["no roles", { ...CLAIMS, roles: [] }, "u"],
    ["an unknown agency type", { ...CLAIMS, agency_type: "BANK" }, "u"],
    ["a malformed local authority", { ...CLAIMS, la: "Bucks" }, "u"],
    ["no agency", { ...CLAIMS, agency: undefined }, "u"],
    ["no name", { ...CLAIMS, name: "" }, "u"],
    // Claims are written to the trail and its exports as they stand: no terminal escapes, bells or line breaks.
    ["an escape sequence in its subject", CLAIMS, "dsl-\u001b[2J\u001b]0;pwned\u0007"],
    ["a line break in its name", { ...CLAIMS, name: "Ada\nLovelace" }, "u"],
    ["a C1 control in its agency", { ...CLAIMS, agency: "LA-\u009bE06000060" }, "u"],
    ["a bidirectional override in its team", { ...CLAIMS, team: "North\u202e" }, "u"],
    // The hub's own entries on the trail carry `hub:` subjects (routing, escalation, webhooks): no caller may pass as one.
    ["the hub's own routing subject", CLAIMS, "hub:routing"],
    ["a subject in the hub's reserved namespace, in capitals", CLAIMS, "HUB:escalation"],
    // Nothing invisible sets a subject apart from the hub's: a mark or joiner is refused, not stripped.
    ["a subject reading as the hub's behind a left-to-right mark", CLAIMS, "\u200Ehub:routing"],
    ["a subject reading as the hub's with a zero-width joiner inside", CLAIMS, "hub\u200D:routing"],
    ["a subject reading as the hub's behind a zero-width non-joiner", CLAIMS, "\u200Chub:webhooks"],
    ["a subject in the hub's namespace in full-width letters", CLAIMS, "\uFF48\uFF55\uFF42:routing"],
    ["a right-to-left mark in its agency", { ...CLAIMS, agency: "LA-E06000060\u200F" }, "u"],
    ["a zero-width joiner in its team", { ...CLAIMS, team: "North\u200DSafeguarding" }, "u"],
  ])("refuses a token with %s", async (_label, claims, sub) => {
    expect(await refusal(`Bearer ${await sign(claims as JWTPayload, { sub })}`)).toBe("INVALID_CLAIMS");
  });
});

describe("the claims a token must carry", () => {
  const problemsIn = async (claims: JWTPayload, sub: string | null = "user-1") => (await refusedWith(`Bearer ${await sign(claims, { sub })}`)).message;

  it("names every claim at fault, and only those", async () => {
    const message = await problemsIn({ name: " ", agency: "", agency_type: "BANK", roles: ["MASH_PRACTITIONER", "SUPERUSER"], la: "Bucks", team: "" }, "  ");
    expect(message).toMatch(/Check: sub, name, agency, agency_type, roles, la, team\.$/);
    expect(await problemsIn({ ...CLAIMS, la: "Bucks" })).toMatch(/Check: la\.$/);
  });

  it("refuses a blank subject, which the signature check alone lets through", async () => {
    expect(await problemsIn(CLAIMS, "   ")).toMatch(/Check: sub\.$/);
  });

  it("accepts a claim of 200 characters and refuses one of 201", async () => {
    expect(await verify(`Bearer ${await sign({ ...CLAIMS, name: "N".repeat(200) })}`)).toMatchObject({ name: "N".repeat(200) });
    expect(await problemsIn({ ...CLAIMS, name: "N".repeat(201) })).toMatch(/Check: name\.$/);
  });

  it("refuses a role list holding any role the hub does not know, even beside a real one", async () => {
    expect(await problemsIn({ ...CLAIMS, roles: ["MASH_PRACTITIONER", "SUPERUSER"] })).toMatch(/Check: roles\.$/);
  });

  it("refuses a local authority that is not a string, even one that reads like a code", async () => {
    expect(await problemsIn({ ...CLAIMS, la: ["E06000060"] })).toMatch(/Check: la\.$/);
  });

  it("takes the team and the token id when present, and null when absent", async () => {
    expect(await verify(`Bearer ${await sign(CLAIMS)}`)).toMatchObject({ team: null, tokenId: null });
    const withId = await new SignJWT(CLAIMS).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("user-1")
      .setJti("token-7").setExpirationTime("5m").sign(signingKey);
    expect(await verify(`Bearer ${withId}`)).toMatchObject({ team: null, tokenId: "token-7" });
  });

  it("counts a repeated role once", async () => {
    expect((await verify(`Bearer ${await sign({ ...CLAIMS, roles: ["IG_LEAD", "IG_LEAD"] })}`)).roles).toEqual(["IG_LEAD"]);
  });

  it("says in the refusal what was wrong, without the token", async () => {
    const token = await sign(CLAIMS, { exp: Math.floor(Date.now() / 1000) - 60 });
    const error = await refusedWith(`Bearer ${token}`);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.message).not.toContain(token);
  });
});

describe("a local JWKS file", () => {
  function write(content: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jwks-")), "jwks.json");
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  }

  it("is refused when it holds a shared-secret key", () => {
    expect(() => readJwksFile(write({ keys: [{ kty: "oct", k: "c2VjcmV0" }] }))).toThrow(/only EC, RSA and OKP/);
  });

  it("is refused when it holds a private key", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const jwk = await exportJWK(privateKey);
    expect(() => readJwksFile(write({ keys: [jwk] }))).toThrow(/private key/);
  });

  it("is refused when it is not a key set, or an empty one", () => {
    expect(() => readJwksFile(write({ hello: "world" }))).toThrow(/no "keys" array/);
    expect(() => readJwksFile(write({ keys: [] }))).toThrow(/no "keys" array/);
  });

  it("is refused, as a KeySetError naming the file, when it is not JSON", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jwks-")), "jwks.json");
    fs.writeFileSync(file, "{ not json");
    expect(() => readJwksFile(file)).toThrow(expect.objectContaining({ name: "KeySetError", message: expect.stringMatching(/jwks\.json could not be read as JSON/) }));
  });

  it("is read when it holds only public keys", async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
    expect(readJwksFile(write({ keys: [jwk] }))).toEqual({ keys: [jwk] });
  });
});
