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
import { disclosure, requestIdsOnChain } from "./auditTestSupport";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";

/**
 * `npm run audit:archive` as an operator runs it, from the build, between `audit:checkpoints` and
 * `audit:verify`: on real PostgreSQL with DATABASE_URL, otherwise on an embedded data directory the
 * commands share.
 */
const root = path.resolve(__dirname, "../..");
const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hub-audit-archive-cli-"));
const dataDir = path.join(work, "data");
const checkpointFile = path.join(work, "checkpoints.jws");
const archiveFile = path.join(work, "segment-0001.jsonl");
let testDatabase: TestDatabase;

const jwk = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
const keysFile = path.join(work, "hub.keys.json");
const publishedFile = path.join(work, "hub.jwks.json");
fs.writeFileSync(keysFile, JSON.stringify({ keys: [{ ...jwk, kid: "hub-archive-cli" }] }), { mode: 0o600 });
fs.writeFileSync(publishedFile, JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: jwk.x, kid: "hub-archive-cli", use: "sig", alg: "EdDSA" }] }));

function run(command: "verifyAudit" | "exportAuditCheckpoints" | "archiveAudit", args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "error", HUB_DATA_DIR: dataDir, HUB_SIGNING_KEYS_FILE: keysFile };
  if (testDatabase.url !== undefined) env.DATABASE_URL = testDatabase.url;
  const result = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, `dist/src/cli/${command}.js`), ...args], { cwd: root, env, encoding: "utf8", timeout: 170_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function writeOn(chain: number, count: number, prefix: string): Promise<void> {
  const database: Database = await openDatabase({ databaseUrl: testDatabase.url, dataDir, poolSize: 2 }, logger);
  try {
    for (const requestId of requestIdsOnChain(chain, count, prefix)) await recordAuditEntry(database.dataSource, disclosure({ requestId }));
  } finally {
    await database.close();
  }
}

type Run = ReturnType<typeof run>;
let archived: Run;
let verifiedArchive: Run;
let verifiedTrail: Run;
let again: Run;

beforeAll(async () => {
  ensureBuilt();
  testDatabase = await createTestDatabase("default", { migrated: true });
  await writeOn(4, 3, "arch-a");
  expect(run("exportAuditCheckpoints", ["--take", "--out", checkpointFile]).status).toBe(0);
  await writeOn(4, 2, "arch-b");
  archived = run("archiveAudit", ["--checkpoint", "last", "--out", archiveFile]);
  verifiedArchive = run("archiveAudit", ["--verify", archiveFile, "--keys", publishedFile]);
  verifiedTrail = run("verifyAudit", ["--checkpoints", checkpointFile, "--keys", publishedFile]);
  again = run("archiveAudit", ["--checkpoint", "1", "--out", path.join(work, "again.jsonl")]);
}, 600_000);

afterAll(async () => {
  await testDatabase.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("npm run audit:archive", () => {
  it("archives up to the last signed checkpoint, verified, and detaches it", () => {
    expect(archived.status).toBe(0);
    expect(JSON.parse(archived.stdout)).toMatchObject({ checkpoint: 1, from: null, entries: 3, detached: true });
  });

  it("verifies the archive with nothing but the published keys", () => {
    expect(verifiedArchive.status).toBe(0);
    expect(JSON.parse(verifiedArchive.stdout)).toMatchObject({ checkpoint: 1, entries: 3, sha256: JSON.parse(archived.stdout).sha256 });
  });

  it("leaves a trail audit:verify still passes, from the archived head", () => {
    expect(verifiedTrail.status).toBe(0);
    expect(JSON.parse(verifiedTrail.stdout)).toMatchObject({ intact: true, fromCheckpoint: 1, entriesChecked: 2 });
  });

  it("refuses to archive behind the genesis, exit code 1, detaching nothing", () => {
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already begins at checkpoint 1/);
  });
});
