import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import request from "supertest";
import winston from "winston";
import { loadConfig } from "../../src/config/config";
import { createHub, type Hub } from "../../src/hub";
import { createLogger } from "../../src/logging/logger";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../support/testDatabase";
import { createTestKeys, signTestToken, TEST_AUDIENCE, TEST_ISSUER, MASH_CLAIMS } from "../support/testKeys";

/**
 * A first start listens before its demo data is loaded: `/healthz` answers at once, `/readyz` and
 * `/graphql` answer 503 (starting) until the data set is in, then the hub serves as usual. The demo
 * load is hundreds of statements; the first requests below are answered long before it ends.
 */
let database: TestDatabase;
let hub: Hub;
let dataDir: string;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase("default", { migrated: true });
  const keys = await createTestKeys();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-first-start-"));
  const config = loadConfig({
    NODE_ENV: "test", AUTH_JWKS_FILE: keys.jwksFile, AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE, HUB_DATA_DIR: dataDir,
    HUB_DEMO_DATA: "true", DATABASE_POOL_SIZE: "4", ...(database.url !== undefined ? { DATABASE_URL: database.url } : {}),
  });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  hub = await createHub(config, createLogger("error", [silent]), { ...IN_MEMORY_FOR_TESTS, serveWhileStarting: true });
  token = await signTestToken(keys, MASH_CLAIMS);
}, 120_000);

afterAll(async () => {
  await hub.stop();
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const me = () => request(hub.app).post("/graphql").set("content-type", "application/json").set("authorization", `Bearer ${token}`).send({ query: "{ me { sub } }" });

it("answers /healthz while the demo data loads, and 503 (starting) on /readyz and /graphql", async () => {
  const [health, ready, graphql] = await Promise.all([request(hub.app).get("/healthz"), request(hub.app).get("/readyz"), me()]);
  expect(health.status).toBe(200);
  expect(ready.status).toBe(503);
  expect(ready.body).toEqual({ status: "starting" });
  expect(ready.headers["retry-after"]).toBe("2");
  expect(graphql.status).toBe(503);
  expect(graphql.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
  const [{ count }] = await hub.database.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM hub_metadata WHERE key = 'demo_data'`);
  expect(count).toBe(0);
});

it("is ready, and serves GraphQL, once the demo data is loaded", async () => {
  await hub.ready;
  expect((await request(hub.app).get("/readyz")).status).toBe(200);
  const answered = await me();
  expect(answered.status).toBe(200);
  expect(answered.body.data.me.sub).toBe(MASH_CLAIMS.sub);
  const [{ children }] = await hub.database.dataSource.query<[{ children: number }]>(`SELECT count(*)::int AS children FROM child`);
  expect(children).toBeGreaterThan(100);
}, 120_000);
