import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import winston from "winston";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { openDatabase, type Database } from "../../src/db/database";
import { createLogger } from "../../src/logging/logger";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";
import { disclosure, requestIdsOnChain, rewriteConsistently } from "./auditTestSupport";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";

/**
 * `npm run audit:checkpoints` and `npm run audit:verify` as an operator runs them, from the build, as
 * processes of their own: on real PostgreSQL with DATABASE_URL, otherwise on an embedded data
 * directory the test writes between the commands.
 */
const root = path.resolve(__dirname, "../..");
const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hub-audit-cli-"));
const dataDir = path.join(work, "data");
const checkpointFile = path.join(work, "checkpoints.jws");
let testDatabase: TestDatabase;

function keyFiles(name: string): { keys: string; published: string } {
  const jwk = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  const keys = path.join(work, `${name}.keys.json`);
  const published = path.join(work, `${name}.jwks.json`);
  fs.writeFileSync(keys, JSON.stringify({ keys: [{ ...jwk, kid: name }] }), { mode: 0o600 });
  fs.writeFileSync(published, JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: jwk.x, kid: name, use: "sig", alg: "EdDSA" }] }));
  return { keys, published };
}
const hub = keyFiles("hub-cli-1");
const stranger = keyFiles("hub-cli-1-forged");

function run(command: "verifyAudit" | "exportAuditCheckpoints", args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "error", HUB_DATA_DIR: dataDir, HUB_SIGNING_KEYS_FILE: hub.keys };
  if (testDatabase.url !== undefined) env.DATABASE_URL = testDatabase.url;
  const result = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, `dist/src/cli/${command}.js`), ...args], { cwd: root, env, encoding: "utf8", timeout: 170_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens the database in this process for the test's own writes; closed again before a command runs. */
async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir, poolSize: 2 }, logger);
  try {
    await work(database);
  } finally {
    await database.close();
  }
}

async function writeOn(database: Database, chain: number, count: number, prefix: string) {
  for (const requestId of requestIdsOnChain(chain, count, prefix)) await recordAuditEntry(database.dataSource, disclosure({ requestId }));
}

type Run = ReturnType<typeof run>;
let intact: Run;
let rewrittenAlone: Run;
let rewrittenWithCheckpoints: Run;

beforeAll(async () => {
  ensureBuilt();
  testDatabase = await createTestDatabase("default", { migrated: true });
  await withDatabase(async (database) => {
    await writeOn(database, 2, 5, "cli-a");
    await writeOn(database, 9, 3, "cli-a");
  });
  expect(run("exportAuditCheckpoints", ["--take", "--out", checkpointFile]).status).toBe(0);
  await withDatabase((database) => writeOn(database, 2, 2, "cli-b"));
  expect(run("exportAuditCheckpoints", ["--take", "--out", checkpointFile]).status).toBe(0);
  intact = run("verifyAudit", ["--checkpoints", checkpointFile, "--keys", hub.published]);
  // Then a superuser rewrites chain 2 from its second entry, every later hash and the head recomputed.
  await withDatabase((database) => rewriteConsistently(database.dataSource, 2, 2));
  rewrittenAlone = run("verifyAudit", []);
  rewrittenWithCheckpoints = run("verifyAudit", ["--checkpoints", checkpointFile, "--keys", hub.published]);
}, 600_000);

afterAll(async () => {
  await testDatabase.drop();
});

describe("the audit commands", () => {
  it("append to the file only the checkpoints it does not hold yet", () => {
    expect(fs.readFileSync(checkpointFile, "utf8").trim().split("\n")).toHaveLength(2);
    const again = run("exportAuditCheckpoints", ["--out", checkpointFile]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("0 checkpoint(s) exported");
    expect(fs.readFileSync(checkpointFile, "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("find the trail intact against the file, and say so by exit code 0", () => {
    expect(intact.status).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, entriesChecked: 10, checkpointsChecked: 2, fromCheckpoint: null, breaks: [] });
  });

  it("refuse a file whose signatures the given keys do not verify, naming the line, exit code 2", () => {
    const result = run("verifyAudit", ["--checkpoints", checkpointFile, "--keys", stranger.published]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^line 1: its signature does not verify against the given keys/);
    expect(run("verifyAudit", ["--since", "last"]).status).toBe(2);
  });

  it("catch a trail a superuser rewrote with every hash recomputed, which the chains alone pass, naming the chain and the first signed position", async () => {
    expect(rewrittenAlone.status).toBe(0);
    expect(JSON.parse(rewrittenAlone.stdout).intact).toBe(true);

    const result = rewrittenWithCheckpoints;
    expect(result.status).toBe(1);
    // Checkpoint 1 signed chain 2 at its fifth entry: the first signed position after the rewrite.
    expect(JSON.parse(result.stdout).firstBroken).toMatchObject({ chain: 2, sequence: 5, problem: "CHECKPOINT_MISMATCH" });
    await withDatabase(async (database) => {
      const [run] = await database.dataSource.query(`SELECT status, breaks FROM audit_verification_run WHERE id = $1`, [JSON.parse(result.stdout).run]);
      expect(run).toMatchObject({ status: "BROKEN", breaks: [expect.objectContaining({ chain: 2, problem: "CHECKPOINT_MISMATCH" })] });
    });
  });
});
