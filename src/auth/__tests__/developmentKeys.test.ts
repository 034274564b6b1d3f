import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint, createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../developmentKeys";

describe("the development key pair", () => {
  const keyDirIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-dev-keys-")), "dev-keys");

  it("is created on first use: an ES256 public key set, and a private key only its owner can read", async () => {
    const keyDir = keyDirIn();
    const keys = await loadOrCreateDevelopmentKeys(keyDir);
    expect(DEVELOPMENT_ALGORITHM).toBe("ES256");
    expect(keys.jwks.keys).toHaveLength(1);
    const [published] = keys.jwks.keys;
    expect(published).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig", kid: keys.kid });
    expect(published).not.toHaveProperty("d");
    expect(keys.kid).toBe(await calculateJwkThumbprint(published));
    expect(fs.statSync(path.join(keyDir, "private.jwk.json")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(keyDir, "jwks.json")).mode & 0o777).toBe(0o644);
    expect(fs.statSync(keyDir).mode & 0o777).toBe(0o700);
    expect(JSON.parse(fs.readFileSync(path.join(keyDir, "private.jwk.json"), "utf8"))).toMatchObject({ kid: keys.kid, alg: "ES256", use: "sig", d: expect.any(String) });
  });

  it("signs tokens its own public key set verifies", async () => {
    const keys = await loadOrCreateDevelopmentKeys(keyDirIn());
    const token = await new SignJWT({ sub: "dev" }).setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid }).setExpirationTime("1m").sign(keys.privateKey);
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.jwks), { algorithms: [DEVELOPMENT_ALGORITHM] });
    expect(payload.sub).toBe("dev");
  });

  it("is the same pair on every later start, so tokens already issued stay valid", async () => {
    const keyDir = keyDirIn();
    const first = await loadOrCreateDevelopmentKeys(keyDir);
    const again = await loadOrCreateDevelopmentKeys(keyDir);
    expect(again.kid).toBe(first.kid);
    expect(again.jwks).toEqual(first.jwks);
  });

  it("is created again when it has been removed", async () => {
    const keyDir = keyDirIn();
    const first = await loadOrCreateDevelopmentKeys(keyDir);
    fs.rmSync(path.join(keyDir, "jwks.json"));
    fs.rmSync(path.join(keyDir, "private.jwk.json"));
    const second = await loadOrCreateDevelopmentKeys(keyDir);
    expect(second.kid).not.toBe(first.kid);
  });

  it("keeps the key another process wrote first when two start at once", async () => {
    const keyDir = keyDirIn();
    const [a, b] = await Promise.all([loadOrCreateDevelopmentKeys(keyDir), loadOrCreateDevelopmentKeys(keyDir)]);
    const onDisk = await loadOrCreateDevelopmentKeys(keyDir);
    expect(new Set([a.kid, b.kid, onDisk.kid]).size).toBe(1);
  });

  it("does not hide a failure to write the key", async () => {
    const keyDir = keyDirIn();
    fs.mkdirSync(path.join(keyDir, "private.jwk.json"), { recursive: true });
    await expect(loadOrCreateDevelopmentKeys(keyDir)).rejects.toMatchObject({ code: "EISDIR" });
  });
});
