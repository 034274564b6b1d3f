import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { SignJWT } from "jose";
import winston from "winston";
import { openDatabase } from "../../src/db/database";
import { Agency } from "../../src/directory/Agency";
import { createLogger } from "../../src/logging/logger";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../../src/auth/developmentKeys";
import { DEFAULT_AUDIENCE, DEV_ISSUER } from "../../src/config/config";
import { TEST_AGENCIES, SUBMIT } from "../support/fixtures";
import { scenarioRecords, SCENARIO } from "../support/scenarioFixtures";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";
import { readyLine } from "../support/readyLine";

/**
 * Design principle 4 under the harshest failure: the hub process killed (SIGKILL) while disclosures
 * are in flight. Whatever response a caller did receive names an audit entry that exists afterwards.
 */
const root = path.resolve(__dirname, "../..");
const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
let dataDir: string;
let database: TestDatabase;
let hub: ChildProcess | undefined;
let port = 0;

function post(body: unknown, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: "/graphql", method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

async function sign(claims: TestClaims): Promise<string> {
  const keys = await loadOrCreateDevelopmentKeys(path.join(dataDir, "dev-keys"));
  return new SignJWT(claims).setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid }).setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime("10m").sign(keys.privateKey);
}

function startHub(): Promise<number> {
  const env = { ...process.env, NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "info", ...(database.url ? { DATABASE_URL: database.url } : {}) };
  if (!database.url) delete env.DATABASE_URL;
  hub = spawn(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/main.js")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    hub!.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      // Ready, not just listening: a hub answers 503 until its start-up work is done.
      const line = readyLine(output);
      if (line) resolve(line.port);
    });
    hub!.on("exit", (code) => reject(new Error(`hub exited with ${String(code)} before starting`)));
  });
}

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-crash-"));
  database = await createTestDatabase("default", { migrated: true });
  const setup = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, logger);
  await setup.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
  await setup.close();
  port = await startHub();
  for (const [agencyType, record] of scenarioRecords()) {
    const reply = JSON.parse(await post({ query: SUBMIT, variables: { record } }, await sign(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType)))) as { errors?: unknown };
    if (reply.errors) throw new Error(JSON.stringify(reply.errors));
  }
}, 180_000);

afterAll(async () => {
  hub?.kill("SIGKILL");
  await database.drop();
});

describe("killing the hub mid-request (design principle 4)", () => {
  it("never leaves a delivered response without its audit entry", async () => {
    const token = await sign(CALLERS.socialWorker);
    const suis = [SCENARIO.schoolDsl, SCENARIO.mappa, SCENARIO.unaccompanied, SCENARIO.competentChild];
    const delivered: string[] = [];
    const killAfter = 40;
    let inFlight = 0;
    await new Promise<void>((resolve) => {
      const fire = (n: number) => {
        inFlight++;
        post({ query: CHILD_QUERY, variables: { sui: suis[n % suis.length], access: access("SECTION_47_ENQUIRY") } }, token)
          .then((text) => {
            const id = (JSON.parse(text) as { data?: { child?: { disclosureId?: string } | null } }).data?.child?.disclosureId;
            if (id) delivered.push(id);
            if (delivered.length === killAfter) hub!.kill("SIGKILL");
            if (delivered.length < killAfter) fire(n + 20);
          })
          .catch(() => undefined)
          .finally(() => {
            if (--inFlight === 0) resolve();
          });
      };
      for (let n = 0; n < 20; n++) fire(n);
    });
    await new Promise<void>((resolve) => (hub!.exitCode !== null || hub!.signalCode !== null ? resolve() : hub!.once("exit", () => resolve())));
    expect(hub!.signalCode).toBe("SIGKILL");
    expect(delivered.length).toBeGreaterThanOrEqual(killAfter);

    const after = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, logger);
    try {
      const rows = await after.dataSource.query<{ id: string }[]>(`SELECT id FROM disclosure_audit WHERE id = ANY($1::uuid[])`, [delivered]);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(delivered));
    } finally {
      await after.close();
    }
  });
});
