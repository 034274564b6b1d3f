import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { type AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { hubSigningKeysFromJwks, type HubSigningKeys } from "../../signing/hubSigningKeys";
import { verifyWebhook } from "../verifyWebhook";
import { signWebhook } from "../webhookSignature";

/**
 * The verification the webhooks README ships to receivers, run exactly as written (the README's `js`
 * block, in a Node process of its own, fetching the hub's keys over HTTP with jose's
 * createRemoteJWKSet), and the same check in TypeScript (`verifyWebhook`): a genuine delivery verifies
 * and names the key that signed it; a forged, tampered, replayed or unsigned one is refused.
 */
const root = path.resolve(__dirname, "../../..");
const privateJwk = (kid: string) => ({ ...crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }), kid });
const retired = privateJwk("hub-2026-10");
const current = privateJwk("hub-2026-11");
// Both published (a rotation under way: the old key kept, the new one signing).
const hubKeys = hubSigningKeysFromJwks({ keys: [retired, current] }, "hub-2026-11", "test");
// Someone else's key under the hub's kid: a forgery.
const forger = hubSigningKeysFromJwks({ keys: [privateJwk("hub-2026-11")] }, undefined, "forger");

const NOW = new Date("2026-11-20T10:00:00.000Z");
const BODY = JSON.stringify({ type: "notification.delivered", timestamp: NOW.toISOString(), data: { id: "0b8f1c4e-4a57-4e39-9d5e-6f0a4c1e2b3d", content: { pprc: { event: "RELEASE" } } } });
const ID = "7d4f0e1a-93c2-4b8e-a1f6-2c5d8e9b0a17";

function deliveries(keys: HubSigningKeys, forged: HubSigningKeys) {
  const genuine = signWebhook(keys, ID, BODY, NOW);
  return {
    genuine: { headers: genuine, body: BODY },
    tampered: { headers: genuine, body: BODY.replace("RELEASE", "RECEPTION") },
    forged: { headers: signWebhook(forged, ID, BODY, NOW), body: BODY },
    replayed: { headers: signWebhook(keys, ID, BODY, new Date(NOW.getTime() - 10 * 60_000)), body: BODY },
    otherId: { headers: { ...genuine, "webhook-id": "a-different-id" }, body: BODY },
    unsigned: { headers: { "webhook-id": ID, "webhook-timestamp": genuine["webhook-timestamp"] }, body: BODY },
  };
}

const cases = deliveries(hubKeys, forger);
const expected = {
  genuine: { id: ID, kid: "hub-2026-11" },
  tampered: { error: "BAD_SIGNATURE" },
  forged: { error: "BAD_SIGNATURE" },
  replayed: { error: "TIMESTAMP_OUT_OF_TOLERANCE" },
  otherId: { error: "BAD_SIGNATURE" },
  unsigned: { error: "MISSING_HEADERS" },
};

describe("the README's verification, run as written", () => {
  let server: http.Server;
  let dir: string;

  beforeAll(async () => {
    server = http.createServer((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(hubKeys.jwks)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const readme = fs.readFileSync(path.join(root, "src/webhooks/README.md"), "utf8");
    const snippet = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    if (snippet === undefined) throw new Error("the webhooks README has no js block");
    // Beside the project, so the snippet's `import … from "jose"` finds the project's jose.
    dir = fs.mkdtempSync(path.join(root, "test", ".readme-snippet-"));
    fs.writeFileSync(path.join(dir, "verify.mjs"), snippet);
    fs.writeFileSync(path.join(dir, "run.mjs"), `
      import { createRemoteJWKSet } from "jose";
      import { verifyHubWebhook } from "./verify.mjs";
      const [url, casesJson, nowMs] = process.argv.slice(2);
      const hubKeys = createRemoteJWKSet(new URL(url));
      const verdicts = {};
      for (const [name, delivery] of Object.entries(JSON.parse(casesJson))) {
        try { verdicts[name] = await verifyHubWebhook(delivery.headers, delivery.body, hubKeys, Number(nowMs)); }
        catch (error) { verdicts[name] = { error: error.message }; }
      }
      console.log(JSON.stringify(verdicts));
    `);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  it("accepts the hub's delivery and refuses forged, tampered, replayed and unsigned ones", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, "run.mjs"), url, JSON.stringify(cases), String(NOW.getTime() + 30_000)]);
    expect(JSON.parse(stdout)).toEqual(expected);
  });
});

describe("verifyWebhook", () => {
  it.each(Object.entries(cases))("%s", async (name, delivery) => {
    const verdict = await verifyWebhook(delivery.headers, delivery.body, { keys: hubKeys.jwks, now: new Date(NOW.getTime() + 30_000) });
    const want = expected[name as keyof typeof expected];
    if ("error" in want) expect(verdict).toEqual({ valid: false, reason: want.error });
    else expect(verdict).toEqual({ valid: true, id: want.id, kid: want.kid, timestamp: Math.floor(NOW.getTime() / 1000) });
  });
});
