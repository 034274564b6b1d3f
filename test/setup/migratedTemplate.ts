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

export async function createMigratedTemplate(serverUrl: string): Promise<string> {
  const name = `hub_test_template_${process.pid}_${randomBytes(4).toString("hex")}`;
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

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
