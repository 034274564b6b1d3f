import { Writable } from "node:stream";
import winston from "winston";
import { type Principal } from "../../src/auth/Principal";
import { Role } from "../../src/auth/Role";
import { openDatabase, type Database } from "../../src/db/database";
import { Agency } from "../../src/directory/Agency";
import { createLogger } from "../../src/logging/logger";
import { type SubmissionResult } from "../../src/records/submitRecord";
import { type StoredSubmission } from "../../src/records/StoredSubmission";
import { TEST_AGENCIES } from "./fixtures";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "./testDatabase";

/** A freshly migrated database (real PostgreSQL when DATABASE_URL is set) for the write path's tests, with health agencies of the test's own. */
export interface RecordsDatabase {
  database: Database;
  close(): Promise<void>;
}

export async function openRecordsDatabase(surgeries: readonly { code: string; name: string }[]): Promise<RecordsDatabase> {
  const testDatabase: TestDatabase = await createTestDatabase("default", { migrated: true });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  const database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  const template = TEST_AGENCIES.find((agency) => agency.type === "HEALTH") as Agency;
  await database.dataSource.getRepository(Agency).insert(surgeries.map(({ code, name }) => ({ ...template, code, name })));
  return {
    database,
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** A health agency's own system: the only caller that submits its records. */
export const healthSystemOf = (agency: string): Principal => ({
  sub: `system-${agency.toLowerCase()}`, name: `${agency} system`, agency, agencyType: "HEALTH", roles: [Role.AGENCY_SYSTEM],
  localAuthority: "E06000060", team: null, tokenId: null,
});

/** A stored submission's receipt with the link the hub stored, which the receipt does not tell; a refusal fails the test with its error. */
export const storedOfResult = (result: SubmissionResult | undefined): StoredSubmission => {
  if (result === undefined || !result.stored) throw new Error(`expected a receipt, got ${String(result?.error)}`);
  return { ...result.receipt, link: result.link };
};
