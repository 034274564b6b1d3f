import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compactVerify, createLocalJWKSet } from "jose";
import { hubSigningKeysFromJwks, readHubSigningKeysFile } from "../hubSigningKeys";
import { loadOrCreateDevelopmentSigningKeys } from "../developmentSigningKeys";

function ed25519(kid: string): Record<string, unknown> {
  return { ...crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }), kid };
}

function publicOnly(jwk: Record<string, unknown>): Record<string, unknown> {
  const { d: _private, ...rest } = jwk;
  return rest;
}

describe("the hub's signing keys", () => {
  it("signs with the active key and publishes every key's public half only", async () => {
    const [old, next] = [ed25519("hub-1"), ed25519("hub-2")];
    const keys = hubSigningKeysFromJwks({ keys: [publicOnly(old), next] }, "hub-2", "test set");
    expect(keys.activeKid).toBe("hub-2");
    expect(keys.jwks.keys.map((key) => key.kid)).toEqual(["hub-1", "hub-2"]);
    for (const key of keys.jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", use: "sig", alg: "EdDSA" });
    }
    const data = Buffer.from("msg_1.1733530000.{\"a\":1}");
    const { kid, signature } = keys.sign(data);
    expect(kid).toBe("hub-2");
    expect(signature).toHaveLength(64);
    expect(keys.verify("hub-2", data, signature)).toBe(true);
    expect(keys.verify("hub-1", data, signature)).toBe(false);
    expect(keys.verify("hub-2", Buffer.from("msg_1.1733530000.{\"a\":2}"), signature)).toBe(false);
    expect(keys.verify("unknown", data, signature)).toBe(false);
    // What a receiver does: verify against the published set, by kid.
    const jws = await keys.signJws(Buffer.from("{\"heads\":[]}"), { typ: "hub-checkpoint+jws" });
    const verified = await compactVerify(jws, createLocalJWKSet(keys.jwks));
    expect(verified.protectedHeader).toEqual({ alg: "EdDSA", kid: "hub-2", typ: "hub-checkpoint+jws" });
    expect(Buffer.from(verified.payload).toString()).toBe("{\"heads\":[]}");
  });

  it("takes the one private key as active when no kid is named, and refuses to guess between two", () => {
    const only = ed25519("only");
    expect(hubSigningKeysFromJwks({ keys: [only, publicOnly(ed25519("retired"))] }, undefined, "set").activeKid).toBe("only");
    expect(() => hubSigningKeysFromJwks({ keys: [only, ed25519("other")] }, undefined, "set")).toThrow(/2 private keys: set HUB_SIGNING_KID/);
    expect(() => hubSigningKeysFromJwks({ keys: [publicOnly(only)] }, undefined, "set")).toThrow(/0 private keys/);
  });

  it.each([
    ["no keys", { keys: [] }, /no "keys" array/],
    ["not a set", "nonsense", /no "keys" array/],
    ["an EC key", { keys: [{ kty: "EC", crv: "P-256", x: "a", y: "b", d: "c", kid: "ec" }] }, /Ed25519 keys only/],
    ["a shared secret", { keys: [{ kty: "oct", k: "c2VjcmV0", kid: "hs" }] }, /Ed25519 keys only/],
    ["no kid", { keys: [{ ...ed25519("x"), kid: undefined }] }, /needs a kid/],
    ["a kid with spaces", { keys: [ed25519("two words")] }, /needs a kid/],
    ["another algorithm", { keys: [{ ...ed25519("x"), alg: "ES256" }] }, /only EdDSA/],
    ["an encryption key", { keys: [{ ...ed25519("x"), use: "enc" }] }, /only sig/],
    ["a broken key", { keys: [{ ...ed25519("x"), x: "AAAA" }] }, /not a valid Ed25519 key/],
  ])("refuses %s", (_what, set, reason) => {
    expect(() => hubSigningKeysFromJwks(set, undefined, "set")).toThrow(reason);
  });

  it("refuses two keys with one kid, a private part of another key, and a named kid that cannot sign", () => {
    const [a, b] = [ed25519("a"), ed25519("b")];
    expect(() => hubSigningKeysFromJwks({ keys: [a, { ...b, kid: "a" }] }, "a", "set")).toThrow(/two keys with kid "a"/);
    expect(() => hubSigningKeysFromJwks({ keys: [{ ...a, d: b.d }] }, undefined, "set")).toThrow(/private part does not match its public part/);
    expect(() => hubSigningKeysFromJwks({ keys: [a, publicOnly(b)] }, "b", "set")).toThrow(/"b" has no private part/);
    expect(() => hubSigningKeysFromJwks({ keys: [a] }, "c", "set")).toThrow(/"c" is not a key/);
  });

  it("reads a key file and names the file, never its content, when it cannot", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-signing-"));
    const file = path.join(dir, "keys.json");
    expect(() => readHubSigningKeysFile(file, undefined)).toThrow(/could not be read \(ENOENT\)/);
    fs.writeFileSync(file, "{\"keys\": [ {\"d\": \"secret-material\"");
    const error = (() => {
      try {
        readHubSigningKeysFile(file, undefined);
      } catch (thrown) {
        return thrown as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/is not JSON/);
    expect(error?.message).not.toContain("secret-material");
    fs.writeFileSync(file, JSON.stringify({ keys: [ed25519("file-key")] }));
    expect(readHubSigningKeysFile(file, undefined).activeKid).toBe("file-key");
  });

  it("outside production makes one key under the data directory, owner-only, and every later load signs with it", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-signing-")), "signing-keys");
    const first = loadOrCreateDevelopmentSigningKeys(dir);
    const second = loadOrCreateDevelopmentSigningKeys(dir);
    expect(second.activeKid).toBe(first.activeKid);
    const data = Buffer.from("same key");
    expect(second.verify(first.activeKid, data, first.sign(data).signature)).toBe(true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, "signing-keys.jwks.json")).mode & 0o777).toBe(0o600);
  });
});
