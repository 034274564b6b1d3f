import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import winston from "winston";
import { openDatabase, runMigrations, type Database } from "../../src/db/database";
import { MIGRATIONS } from "../../src/db/migrations";
import { createLogger } from "../../src/logging/logger";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";

const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const modes = process.env.DATABASE_URL ? (["embedded", "postgres"] as const) : (["embedded"] as const);

describe.each(modes)("migrations on %s PostgreSQL", (mode) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(mode === "embedded" ? "embedded" : "default");
    database = await openDatabase(
      { databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-mig-")), poolSize: 2, inMemory: true },
      logger,
    );
  });

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it("runs every migration up from an empty database", async () => {
    const applied = await database.dataSource.query(`SELECT name FROM schema_migration ORDER BY id`);
    expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it("leaves a schema that agrees exactly with the entities (nothing for TypeORM to synchronise)", async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("provides pg_trgm and fuzzystrmatch for finding misspelt names", async () => {
    const [row] = await database.dataSource.query(
      `SELECT similarity('Caitlin', 'Caitlyn') > 0.3 AS trigram, soundex('Caitlin') = soundex('Caitlyn') AS soundex, dmetaphone('Caitlin') AS metaphone, levenshtein('Caitlin', 'Caitlyn') AS distance`,
    );
    expect(row).toEqual({ trigram: true, soundex: true, metaphone: "KTLN", distance: 1 });
  });

  it("applies nothing the second time", async () => {
    await runMigrations(database.dataSource, logger);
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM schema_migration`);
    expect(count).toBe(MIGRATIONS.length);
  });

  it("reverts every migration back to empty", async () => {
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await database.dataSource.undoLastMigration({ transaction: "each" });
      const tables = await database.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(["schema_migration"]);
    } finally {
      // Up again, so the other tests here find the schema whatever their order.
      await runMigrations(database.dataSource, logger);
    }
  });
});
