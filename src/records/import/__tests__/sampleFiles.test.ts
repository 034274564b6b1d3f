import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import winston from "winston";
import { openDatabase, type Database } from "../../../db/database";
import { Agency } from "../../../directory/Agency";
import { createLogger } from "../../../logging/logger";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/testDatabase";
import { TEST_AGENCIES } from "../../../../test/support/fixtures";
import { importPrincipal } from "../importPrincipal";
import { importRecords } from "../importRecords";

/** The sample files the README points a newcomer to import: every record in them is accepted. */
const SAMPLES = path.join(__dirname, "..", "..", "..", "..", "records");

let testDatabase: TestDatabase;
let database: Database;
let directory: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-samples-"));
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: directory, poolSize: 4, inMemory: true }, createLogger("error", [silent]));
  await database.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
}, 120_000);

afterAll(async () => {
  await database.close();
  await testDatabase.drop();
  fs.rmSync(directory, { recursive: true, force: true });
});

it.each([
  ["records.sample.ndjson", 5, 1],
  ["records.sample.csv", 3, 1],
])("%s imports as GP-K99001 with every record created, and the one without an SUI linked by matching", async (file, records, withoutSui) => {
  const result = await importRecords({
    dataSource: database.dataSource,
    principal: await importPrincipal(database.dataSource, "GP-K99001"),
    filePath: path.join(SAMPLES, file),
    checkpointPath: path.join(directory, `${file}.checkpoint.json`),
  });
  expect(result.tallies.rejected).toEqual({});
  expect(result.tallies.outcomes.CREATED).toBe(records);
  expect(result.tallies.links.SUI).toBe(records - withoutSui);
  expect(result.tallies.read).toBe(records);
});
