import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRecordsDatabase, type RecordsDatabase } from "../../../../test/support/recordsDatabase";
import { importPrincipal } from "../importPrincipal";
import { importRecords } from "../importRecords";

/** The sample files the README points a newcomer to import: every record in them is accepted. */
const SAMPLES = path.join(__dirname, "..", "..", "..", "..", "records");

let db: RecordsDatabase;
let directory: string;

beforeAll(async () => {
  db = await openRecordsDatabase([{ code: "GP-K99001", name: "Example Vale Surgery" }]);
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-samples-"));
}, 120_000);

afterAll(async () => {
  await db.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

it.each([
  ["records.sample.ndjson", 5, 1],
  ["records.sample.csv", 3, 1],
])("%s imports as GP-K99001 with every record created, and the one without an SUI linked by matching", async (file, records, withoutSui) => {
  const { dataSource } = db.database;
  const result = await importRecords({
    dataSource,
    principal: await importPrincipal(dataSource, "GP-K99001"),
    filePath: path.join(SAMPLES, file),
    checkpointPath: path.join(directory, `${file}.checkpoint.json`),
  });
  expect(result.tallies.rejected).toEqual({});
  expect(result.tallies.outcomes.CREATED).toBe(records);
  expect(result.tallies.links.SUI).toBe(records - withoutSui);
  expect(result.tallies.read).toBe(records);
});
