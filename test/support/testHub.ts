import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import request from "supertest";
import winston from "winston";
import { loadConfig } from "../../src/config/config";
import { createLogger } from "../../src/logging/logger";
import { createHub, type Hub } from "../../src/hub";
import { Agency } from "../../src/directory/Agency";
import { createTestDatabase, IN_MEMORY_FOR_TESTS } from "./testDatabase";
import { writeTestSigningKeys } from "./testSigningKeys";
import { createTestKeys, signTestToken, TEST_AUDIENCE, TEST_ISSUER, type TestClaims, type TestKeys } from "./testKeys";
import { TEST_AGENCIES } from "./fixtures";
import { loadOrCreateDevelopmentKeys } from "../../src/auth/developmentKeys";

export interface TestHub {
  hub: Hub;
  keys: TestKeys;
  /** Every log line the hub wrote, as JSON text. */
  logLines: string[];
  token(claims: TestClaims, expiresIn?: string | number): Promise<string>;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): request.Test;
  stop(): Promise<void>;
}

export interface TestHubOptions {
  /** "embedded" forces PGlite even when DATABASE_URL selects real PostgreSQL. */
  mode?: "default" | "embedded";
  env?: Record<string, string>;
  /** Runs on the fresh database (its URL; undefined when embedded) before the hub connects to it. */
  beforeStart?: (databaseUrl: string | undefined) => Promise<void>;
  /**
   * "development": the hub verifies tokens against its own development keys, as `npm start` does (the
   * console's demo sign-in needs them); `token()` signs with those keys. Default: test keys trusted
   * through AUTH_JWKS_FILE, as an identity provider's would be. "environment": `env` names the keys
   * (AUTH_JWKS_URL or AUTH_JWKS_FILE, AUTH_ISSUER, AUTH_AUDIENCE), e.g. an identity provider's
   * jwks_uri; `token()` signs with the test keys, which that hub does not trust.
   */
  auth?: "test-keys" | "development" | "environment";
}

/** A hub on a fresh database, trusting test keys, with the test agency directory loaded. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const keys = await createTestKeys();
  const database = await createTestDatabase(options.mode, { migrated: true });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-data-"));
  const ownKeys = options.auth === undefined || options.auth === "test-keys";
  const config = loadConfig({
    NODE_ENV: "test",
    HUB_SIGNING_KEYS_FILE: writeTestSigningKeys(dataDir),
    ...(ownKeys ? { AUTH_JWKS_FILE: keys.jwksFile, AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE } : {}),
    HUB_DATA_DIR: dataDir,
    HUB_DEMO_DATA: "false",
    // Fixtures' deliveries are dated in the past: a test escalates them on its own clock, not the hub's.
    ESCALATION_INTERVAL_SECONDS: "0",
    DATABASE_POOL_SIZE: "4",
    SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters",
    ...(database.url !== undefined ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  await options.beforeStart?.(database.url);
  const logger = createLogger("debug", [new winston.transports.Stream({ stream: sink })]);
  const hub = await createHub(config, logger, { ...IN_MEMORY_FOR_TESTS });
  await hub.database.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
  return {
    hub,
    keys,
    logLines,
    token: async (claims, expiresIn) => {
      const auth = config.auth;
      if (auth.mode !== "development") return signTestToken(keys, claims, expiresIn);
      const developmentKeys = await loadOrCreateDevelopmentKeys(auth.keyDir);
      return signTestToken({ privateKey: developmentKeys.privateKey, kid: developmentKeys.kid, jwksFile: "" }, claims, expiresIn, { issuer: auth.issuer, audience: auth.audience });
    },
    graphql(query, variables = {}, token) {
      const call = request(hub.app).post("/graphql").set("content-type", "application/json");
      if (token !== undefined) call.set("authorization", `Bearer ${token}`);
      return call.send({ query, variables });
    },
    async stop() {
      await hub.stop();
      await database.drop();
    },
  };
}
