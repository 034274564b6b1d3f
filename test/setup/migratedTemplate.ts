import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { Client } from "pg";
import winston from "winston";
import { openDatabase } from "../../src/db/database";
import { createLogger } from "../../src/logging/logger";

/**
 * With DATABASE_URL set, one database on that server is migrated once per test run and each suite's
 * fresh database is copied from it (`CREATE DATABASE … TEMPLATE`), instead of every suite running
 * every migration again: the server's counterpart of the embedded template (`src/db/embeddedTemplate.ts`).
 * The copy is made by the hub's own migrations and holds nothing else. Suites that test migrating
 * itself ask for an empty database (`createTestDatabase`).
 */
export const TEMPLATE_VARIABLE = "TEST_MIGRATED_TEMPLATE_DATABASE";

/**
 * The run's own databases are named `hub_run_<start, seconds since the epoch>_<run>_…`: the template and
 * every suite's copy. They are dropped together when the run ends (`dropRunDatabases`), not one by one
 * after each suite: PostgreSQL checkpoints at every DROP DATABASE, and a suite's worker waited for it
 * (0.5 to 2.4 s on the shared machine) while the checkpoint wrote out every other suite's pages.
 */
export const RUN_VARIABLE = "TEST_RUN_DATABASE_PREFIX";

/**
 * A run's databases left behind by a run that was killed are dropped by a later run's set-up, once they
 * are older than any run may last (CI stops a run after 30 minutes); a run still going is left alone.
 */
const STALE_AFTER_SECONDS = 2 * 60 * 60;

export function runDatabasePrefix(now: Date = new Date()): string {
  return `hub_run_${Math.floor(now.getTime() / 1000)}_${randomBytes(4).toString("hex")}`;
}

export async function createMigratedTemplate(serverUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_template`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  try {
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 1 }, createLogger("error", [silent]));
    await database.close();
  } catch (error) {
    await dropMigratedTemplate(serverUrl, name);
    throw error;
  }
  return name;
}

export async function dropMigratedTemplate(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Drops every database of the run named by `prefix`: at the end of the run. */
export async function dropRunDatabases(serverUrl: string, prefix: string): Promise<void> {
  await dropDatabases(serverUrl, (name) => name.startsWith(`${prefix}_`));
}

/** Drops what killed runs left: a run's databases older than any run may last. */
export async function dropStaleRunDatabases(serverUrl: string, now: Date = new Date()): Promise<void> {
  const oldest = Math.floor(now.getTime() / 1000) - STALE_AFTER_SECONDS;
  await dropDatabases(serverUrl, (name) => {
    const started = /^hub_run_(\d+)_/.exec(name);
    return started !== null && Number(started[1]) < oldest;
  });
}

/**
 * Copies first, the template last (a copy being made holds the template open). Drops run eight at a
 * time: the checkpoints their DROP DATABASE requests coalesce.
 */
async function dropDatabases(serverUrl: string, chosen: (name: string) => boolean): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  let names: string[];
  try {
    names = ((await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_run\\_%'`)).rows as { datname: string }[]).map((row) => row.datname).filter(chosen);
  } finally {
    await admin.end();
  }
  const copies = names.filter((name) => !name.endsWith("_template"));
  const templates = names.filter((name) => name.endsWith("_template"));
  for (const batch of [copies, templates]) {
    const queue = [...batch];
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }));
  }
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
