import { Client } from "pg";
import { MIGRATIONS } from "../../src/db/migrations";
import { dropStaleRunDatabases } from "../setup/migratedTemplate";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";

/**
 * The databases suites run on. On a server, a suite asking for a migrated database gets a copy of the
 * run's template holding every migration and nothing else; any other suite gets an empty one, so the
 * tests of migrating still migrate. Embedded, both are the in-memory database (its own template).
 */
const onServer = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== "";
const opened: TestDatabase[] = [];

afterAll(async () => {
  for (const database of opened) await database.drop();
});

async function tables(url: string): Promise<{ migrations: number; tables: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ tables: count }] = (await client.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`)).rows as { tables: number }[];
    if (count === 0) return { migrations: 0, tables: 0 };
    const [{ migrations }] = (await client.query(`SELECT count(*)::int AS migrations FROM schema_migration`)).rows as { migrations: number }[];
    return { migrations, tables: count };
  } finally {
    await client.end();
  }
}

it("copies the migrated template for a suite that asks, and gives the others an empty database", async () => {
  const migrated = await createTestDatabase("default", { migrated: true });
  const empty = await createTestDatabase();
  opened.push(migrated, empty);
  if (!onServer) {
    expect([migrated.url, empty.url]).toEqual([undefined, undefined]);
    return;
  }
  expect(await tables(migrated.url as string)).toEqual({ migrations: MIGRATIONS.length, tables: expect.any(Number) });
  expect(await tables(empty.url as string)).toEqual({ migrations: 0, tables: 0 });
});

it("gives each suite its own database, never the template itself", async () => {
  const first = await createTestDatabase("default", { migrated: true });
  const second = await createTestDatabase("default", { migrated: true });
  opened.push(first, second);
  if (!onServer) return expect(first.url).toBeUndefined();
  expect(first.url).not.toEqual(second.url);
  expect(first.url).not.toContain(process.env.TEST_MIGRATED_TEMPLATE_DATABASE as string);
});

it("drops what a killed run left once it is older than any run lasts, and leaves a run still going alone", async () => {
  if (!onServer) return;
  const now = Math.floor(Date.now() / 1000);
  const killed = `hub_run_${now - 3 * 60 * 60}_deadbeef_1_00000000`;
  const going = `hub_run_${now - 10 * 60}_feedf00d_1_00000000`;
  const names = async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return ((await client.query(`SELECT datname FROM pg_database WHERE datname = ANY($1)`, [[killed, going]])).rows as { datname: string }[]).map((row) => row.datname).sort();
    } finally {
      await client.end();
    }
  };
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    for (const name of [killed, going]) await admin.query(`CREATE DATABASE ${name}`);
    expect(await names()).toEqual([killed, going].sort());
    await dropStaleRunDatabases(process.env.DATABASE_URL as string);
    expect(await names()).toEqual([going]);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${going}`);
    await admin.query(`DROP DATABASE IF EXISTS ${killed}`);
    await admin.end();
  }
});
