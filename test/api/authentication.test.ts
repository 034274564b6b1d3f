import { generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { AgencyRecord } from "../../src/records/AgencyRecord";
import { RECORDS, SUBMIT } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS, MASH_CLAIMS, TEST_AUDIENCE, TEST_ISSUER } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

const ME = "query { me { sub name agency agencyType roles localAuthority team } }";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function recordCount(): Promise<number> {
  return hub.hub.database.dataSource.getRepository(AgencyRecord).count();
}

/** Each refused token must stop the request before any resolver: nothing is written, nothing returned. */
async function expectRefused(authorization: string | undefined, reason: string): Promise<void> {
  const call = hub.graphql(SUBMIT, { record: RECORDS.POLICE });
  if (authorization !== undefined) call.set("authorization", authorization);
  const response = await call;
  expect(response.status).toBe(401);
  expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", reason });
  expect(await recordCount()).toBe(0);
}

describe("callers must present a verified token (HUB.md §4)", () => {
  it("answers `me` with the verified caller", async () => {
    const response = await hub.graphql(ME, {}, await hub.token({ ...MASH_CLAIMS, team: "MASH" }));
    expect(response.status).toBe(200);
    expect(response.body.data.me).toEqual({
      sub: "mash-practitioner-1", name: "Test MASH Practitioner", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
      roles: ["MASH_PRACTITIONER"], localAuthority: "E06000060", team: "MASH",
    });
  });

  it("refuses a request with no token", async () => {
    await expectRefused(undefined, "MISSING");
  });

  it("refuses an expired token", async () => {
    const token = await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"), Math.floor(Date.now() / 1000) - 120);
    await expectRefused(`Bearer ${token}`, "EXPIRED");
  });

  it("refuses a token valid for longer than the hub accepts (a day by default), as it would a forged one", async () => {
    const century = Math.floor(Date.now() / 1000) + 100 * 365 * 86_400;
    await expectRefused(`Bearer ${await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"), century)}`, "LIFETIME_TOO_LONG");
  });

  it("refuses a token signed by a key the hub does not trust", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"))
      .setProtectedHeader({ alg: "ES256", kid: hub.keys.kid })
      .setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime("5m").sign(privateKey);
    await expectRefused(`Bearer ${forged}`, "BAD_SIGNATURE");
  });

  it("refuses a token signed by an unknown key id", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const token = await new SignJWT(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"))
      .setProtectedHeader({ alg: "ES256", kid: "not-a-known-kid" })
      .setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime("5m").sign(privateKey);
    await expectRefused(`Bearer ${token}`, "UNKNOWN_KEY");
  });

  it("refuses an unsigned alg: none token", async () => {
    const unsigned = new UnsecuredJWT(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE")).setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime("5m").encode();
    const response = await hub.graphql(SUBMIT, { record: RECORDS.POLICE }).set("authorization", `Bearer ${unsigned}`);
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(await recordCount()).toBe(0);
  });

  it("refuses a token for another audience or from another issuer", async () => {
    const wrongAudience = await new SignJWT(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"))
      .setProtectedHeader({ alg: "ES256", kid: hub.keys.kid })
      .setIssuer(TEST_ISSUER).setAudience("another-service").setExpirationTime("5m").sign(hub.keys.privateKey);
    await expectRefused(`Bearer ${wrongAudience}`, "WRONG_AUDIENCE");
    const wrongIssuer = await new SignJWT(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"))
      .setProtectedHeader({ alg: "ES256", kid: hub.keys.kid })
      .setIssuer("https://evil.example/").setAudience(TEST_AUDIENCE).setExpirationTime("5m").sign(hub.keys.privateKey);
    await expectRefused(`Bearer ${wrongIssuer}`, "WRONG_ISSUER");
  });

  it("refuses a token whose claims are not the hub's (an unknown role)", async () => {
    await expectRefused(`Bearer ${await hub.token({ ...MASH_CLAIMS, roles: ["ROOT"] })}`, "INVALID_CLAIMS");
  });

  it("refuses even introspection without a token", async () => {
    const response = await hub.graphql("{ __schema { queryType { name } } }");
    expect(response.status).toBe(401);
  });

  it("logs the refusal's reason, never the token", async () => {
    const token = await hub.token(MASH_CLAIMS, Math.floor(Date.now() / 1000) - 120);
    await hub.graphql(ME, {}, token);
    const logs = hub.logLines.join("\n");
    expect(logs).toContain("auth.refused");
    expect(logs).not.toContain(token.split(".")[1]);
  });
});
