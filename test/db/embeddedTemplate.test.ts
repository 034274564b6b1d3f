import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { Client } from "pg";
import winston from "winston";
import { openDatabase } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embeddedPostgres";
import { embeddedTemplateFile, readEmbeddedTemplate } from "../../src/db/embeddedTemplate";
import { MIGRATIONS } from "../../src/db/migrations";
import { createLogger } from "../../src/logging/logger";

/**
 * A fresh embedded database starts from the template of the current migrations: migrated, empty. An
 * existing data directory is never replaced by it.
 */
const silent = () => createLogger("error", [new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) })]);
let directory: string;

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-template-"));
  // Any fresh embedded database opened without a template keeps its own: this one makes sure there is one.
  // Making it runs every migration in embedded PostgreSQL: over two minutes on a busy two-core machine.
  const database = await openDatabase({ databaseUrl: undefined, dataDir: "", poolSize: 1, inMemory: true }, silent());
  await database.dataSource.query(`INSERT INTO hub_metadata (key, value) VALUES ('written-after-migrating', '{}')`);
  await database.close();
}, 300_000);

afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

async function ask<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

it("is kept once, named by the migrations it holds", () => {
  expect(fs.existsSync(embeddedTemplateFile())).toBe(true);
  expect(path.basename(embeddedTemplateFile())).toMatch(/^embedded-[0-9a-f]{20}\.tar\.gz$/);
});

it("starts a fresh database migrated by every migration, holding nothing written after migrating", async () => {
  const socketDir = fs.mkdtempSync(path.join(directory, "run-"));
  const server = await startEmbeddedPostgres({ socketDir, maxConnections: 4, idleTimeoutMs: 60_000, template: readEmbeddedTemplate() });
  try {
    expect(server.initialised).toBe(false);
    const [{ migrations }] = await ask<{ migrations: number }>(server.url, "SELECT count(*)::int AS migrations FROM schema_migration");
    expect(migrations).toBe(MIGRATIONS.length);
    expect(await ask(server.url, "SELECT key FROM hub_metadata")).toEqual([]);
  } finally {
    await server.stop();
  }
}, 300_000);

it("sizes its buffer pool as asked, and keeps PGlite's own otherwise", async () => {
  const socketDir = fs.mkdtempSync(path.join(directory, "run-"));
  const small = await startEmbeddedPostgres({ socketDir, maxConnections: 4, idleTimeoutMs: 60_000, template: readEmbeddedTemplate(), sharedBuffers: "16MB" });
  try {
    expect(await ask(small.url, "SHOW shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
  } finally {
    await small.stop();
  }
  const usual = await startEmbeddedPostgres({ socketDir, maxConnections: 4, idleTimeoutMs: 60_000, template: readEmbeddedTemplate() });
  try {
    expect(await ask(usual.url, "SHOW shared_buffers")).toEqual([{ shared_buffers: "128MB" }]);
  } finally {
    await usual.stop();
  }
}, 300_000);

it("never replaces a data directory that already exists", async () => {
  const dataDir = path.join(directory, "pgdata");
  const socketDir = fs.mkdtempSync(path.join(directory, "run-"));
  const first = await startEmbeddedPostgres({ dataDir, socketDir, maxConnections: 4, idleTimeoutMs: 60_000 });
  expect(first.initialised).toBe(true);
  await ask(first.url, "CREATE TABLE kept (id int)");
  await first.stop();
  const again = await startEmbeddedPostgres({ dataDir, socketDir, maxConnections: 4, idleTimeoutMs: 60_000, template: readEmbeddedTemplate() });
  try {
    expect(again.initialised).toBe(false);
    expect(await ask(again.url, "SELECT count(*)::int AS rows FROM kept")).toEqual([{ rows: 0 }]);
    expect(await ask(again.url, "SELECT to_regclass('schema_migration') AS migrations")).toEqual([{ migrations: null }]);
  } finally {
    await again.stop();
  }
}, 300_000);
