import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { RUN_VARIABLE, TEMPLATE_VARIABLE } from "../setup/migratedTemplate";

export interface TestDatabase {
  /** undefined: the embedded PostgreSQL, in memory. */
  url: string | undefined;
  /** Within a jest run, nothing: the run drops its databases when it ends. Elsewhere, drops it now. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * On a server: a copy of the run's migrated template (`test/setup/migratedTemplate.ts`) instead of an
   * empty database, for suites that test what runs on a migrated database rather than migrating. The
   * hub then finds nothing to migrate. Embedded databases start from their own template either way.
   */
  migrated?: boolean;
}

/**
 * With DATABASE_URL set (CI), each test suite gets a fresh database on that server — empty, or migrated
 * when it asks — which the run drops when it ends (`test/setup/migratedTemplate.ts`); otherwise it runs
 * on embedded PostgreSQL in memory. Either way the schema is what the hub's own migrations build.
 */
export async function createTestDatabase(mode: "default" | "embedded" = "default", options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (mode === "embedded" || serverUrl === undefined || serverUrl === "") return { url: undefined, drop: async () => undefined };
  const run = process.env[RUN_VARIABLE];
  const name = `${run ?? "hub_test"}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const template = options.migrated === true ? process.env[TEMPLATE_VARIABLE] : undefined;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template !== undefined ? ` TEMPLATE ${template}` : ""}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (run !== undefined) return;
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * How a test opens an embedded database: in memory, with a buffer pool sized for one file's fixtures.
 * PGlite zeroes its whole pool (128MB by default) at every start, a third of starting from the template.
 */
export const IN_MEMORY_FOR_TESTS = { inMemory: true, embeddedSharedBuffers: "16MB" } as const;
