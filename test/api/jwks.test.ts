import request from "supertest";
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { startTestHub, type TestHub } from "../support/testHub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("/.well-known/jwks.json", () => {
  it("publishes the hub's own signing keys, public halves only, to anyone, and what the hub signs verifies against them", async () => {
    const response = await request(hub.hub.app).get("/.well-known/jwks.json");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/jwk-set\+json/);
    expect(response.headers["cache-control"]).toBe("public, max-age=300");
    const published = JSON.parse(response.text) as JSONWebKeySet;
    expect(published.keys).toEqual([{ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: "test-signing-1", use: "sig", alg: "EdDSA" }]);
    expect(response.text).not.toContain("\"d\"");
    const jws = await hub.hub.signingKeys.signJws(Buffer.from("checkpoint"));
    await expect(compactVerify(jws, createLocalJWKSet(published))).resolves.toMatchObject({ protectedHeader: { kid: "test-signing-1" } });
  });

  it("never publishes the keys callers' tokens are verified with", async () => {
    const response = await request(hub.hub.app).get("/.well-known/jwks.json");
    expect(hub.keys.kid.length).toBeGreaterThan(0);
    expect(response.text).not.toContain(hub.keys.kid);
  });
});
