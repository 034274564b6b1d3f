import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import winston from "winston";
import { openDatabase, type Database } from "../../../db/database";
import { Agency } from "../../../directory/Agency";
import { ErrorCode, HubError } from "../../../errors/HubError";
import { createLogger } from "../../../logging/logger";
import { Child } from "../../../people/Child";
import { AgencyRecord } from "../../AgencyRecord";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../../test/support/testDatabase";
import { CHILD, OTHER_SUI, RECORDS, TEST_AGENCIES } from "../../../../test/support/fixtures";
import { type ImportCheckpoint } from "../ImportCheckpoint";
import { importPrincipal } from "../importPrincipal";
import { importRecords, ImportState, type ImportOptions, type Rejection } from "../importRecords";

const GP = RECORDS.HEALTH.agencyCode;
const HEALTH = RECORDS.HEALTH.health;

let testDatabase: TestDatabase;
let database: Database;
let directory: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase("default", { migrated: true });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-import-"));
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: directory, poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  await database.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
}, 120_000);

afterAll(async () => {
  await database.close();
  await testDatabase.drop();
  fs.rmSync(directory, { recursive: true, force: true });
});

const childWith = (sui: string) => ({ ...CHILD, sui });
const record = (reference: string, sui: string = CHILD.sui) => ({ agencyReference: reference, child: childWith(sui), health: HEALTH });

function writeFile(name: string, lines: unknown[]): string {
  const filePath = path.join(directory, name);
  fs.writeFileSync(filePath, `${lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n")}\n`);
  return filePath;
}

async function run(filePath: string, options: Partial<ImportOptions> = {}) {
  return importRecords({
    dataSource: database.dataSource,
    principal: await importPrincipal(database.dataSource, GP),
    filePath,
    checkpointPath: `${filePath}.checkpoint.json`,
    ...options,
  });
}

const readCheckpoint = (filePath: string) => JSON.parse(fs.readFileSync(`${filePath}.checkpoint.json`, "utf8")) as ImportCheckpoint;
const countRecords = (prefix: string) => database.dataSource.getRepository(AgencyRecord).createQueryBuilder("record").where("record.agency_reference LIKE :prefix", { prefix: `${prefix}%` }).getCount();

describe("importRecords", () => {
  it("submits every record of an NDJSON file, creating the children by SUI, and records the import as complete", async () => {
    const filePath = writeFile("first.ndjson", [record("FIRST-1"), record("FIRST-2"), record("FIRST-3", OTHER_SUI)]);
    const summary = await run(filePath, { batchSize: 2 });
    expect(summary).toMatchObject({
      state: ImportState.COMPLETE,
      resumedAfterLine: null,
      lastLine: 3,
      readThisRun: 3,
      tallies: { read: 3, outcomes: { CREATED: 3, UPDATED: 0, UNCHANGED: 0 }, links: { SUI: 3 }, rejected: {} },
    });
    expect(await database.dataSource.getRepository(Child).countBy([{ sui: CHILD.sui }, { sui: OTHER_SUI }])).toBe(2);
    expect(readCheckpoint(filePath)).toMatchObject({ version: 1, agencyCode: GP, lastLine: 3, complete: true, file: { name: "first.ndjson", size: fs.statSync(filePath).size } });
  });

  it("does nothing when run again on a file it has completed", async () => {
    const filePath = writeFile("again.ndjson", [record("AGAIN-1"), record("AGAIN-2"), record("AGAIN-3", OTHER_SUI)]);
    expect(await run(filePath)).toMatchObject({ state: ImportState.COMPLETE, readThisRun: 3 });
    const summary = await run(filePath);
    expect(summary).toMatchObject({ state: ImportState.ALREADY_COMPLETE, readThisRun: 0, tallies: { outcomes: { CREATED: 3 } } });
    expect(await countRecords("AGAIN-")).toBe(3);
  });

  it("resumes after the line its checkpoint records, without resubmitting what came before", async () => {
    const filePath = writeFile("resume.ndjson", Array.from({ length: 6 }, (_, index) => record(`RESUME-${index + 1}`)));
    const stop = new AbortController();
    const stopped = await run(filePath, { batchSize: 1, signal: stop.signal, onProgress: ({ lastLine }) => lastLine === 3 && stop.abort() });
    expect(stopped).toMatchObject({ state: ImportState.STOPPED, lastLine: 3, tallies: { read: 3, outcomes: { CREATED: 3 } } });
    expect(readCheckpoint(filePath)).toMatchObject({ lastLine: 3, complete: false, tallies: { read: 3 } });

    const resumed = await run(filePath);
    expect(resumed).toMatchObject({
      state: ImportState.COMPLETE,
      resumedAfterLine: 3,
      readThisRun: 3,
      tallies: { read: 6, outcomes: { CREATED: 6, UPDATED: 0, UNCHANGED: 0 }, links: { SUI: 6 } },
    });
    expect(await countRecords("RESUME-")).toBe(6);
  });

  it("stops at the end of the batch it is storing: every record stored is tallied and checkpointed, the next batch is not read", async () => {
    const filePath = writeFile("stop-mid-batch.ndjson", Array.from({ length: 7 }, (_, index) => record(`MIDBATCH-${index + 1}`)));
    const stop = new AbortController();
    const stopped = await run(filePath, { batchSize: 3, signal: stop.signal, onProgress: ({ lastLine }) => lastLine === 2 && stop.abort() });
    expect(stopped).toMatchObject({ state: ImportState.STOPPED, lastLine: 3, tallies: { read: 3, outcomes: { CREATED: 3 } } });
    expect(readCheckpoint(filePath)).toMatchObject({ lastLine: 3, complete: false });
    expect(await countRecords("MIDBATCH-")).toBe(3);
    expect(await run(filePath)).toMatchObject({ state: ImportState.COMPLETE, readThisRun: 4, tallies: { read: 7, outcomes: { CREATED: 7, UNCHANGED: 0 } } });
  });

  it("stops when the database fails a record, keeping the checkpoint of what was tallied, and stores nothing after the failing batch", async () => {
    // The batch after the failing one is read and checked while the failing one is stored: it must not be queued.
    await database.dataSource.query(`CREATE FUNCTION refuse_failing_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.agency_reference = 'FAILING-5' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await database.dataSource.query(`CREATE TRIGGER refuse_failing_reference BEFORE INSERT ON agency_record FOR EACH ROW EXECUTE FUNCTION refuse_failing_reference()`);
    try {
      const filePath = writeFile("failing.ndjson", Array.from({ length: 9 }, (_, index) => record(`FAILING-${index + 1}`)));
      await expect(run(filePath, { batchSize: 3 })).rejects.toThrow(/refused by the test/);
      expect(readCheckpoint(filePath)).toMatchObject({ lastLine: 4, complete: false, tallies: { read: 4, outcomes: { CREATED: 4 } } });
      const stored = await database.dataSource.query<{ agency_reference: string }[]>(`SELECT agency_reference FROM agency_record WHERE agency_reference LIKE 'FAILING-%' ORDER BY agency_reference`);
      // The failing batch's other records were stored one by one after it failed; the next batch never.
      expect(stored.map((row) => row.agency_reference)).toEqual(["FAILING-1", "FAILING-2", "FAILING-3", "FAILING-4", "FAILING-6"]);
    } finally {
      await database.dataSource.query(`DROP TRIGGER refuse_failing_reference ON agency_record`);
      await database.dataSource.query(`DROP FUNCTION refuse_failing_reference()`);
    }
  });

  it("is harmless when it crashed after a submission but before the checkpoint: the record comes back UNCHANGED", async () => {
    const filePath = writeFile("crash.ndjson", [record("CRASH-1"), record("CRASH-2"), record("CRASH-3")]);
    const stop = new AbortController();
    await run(filePath, { batchSize: 1, signal: stop.signal, onProgress: ({ lastLine }) => lastLine === 2 && stop.abort() });
    // As if line 2 had been submitted but the process died before its checkpoint was written.
    const checkpoint = readCheckpoint(filePath);
    fs.writeFileSync(`${filePath}.checkpoint.json`, JSON.stringify({ ...checkpoint, lastLine: 1, tallies: { ...checkpoint.tallies, read: 1, outcomes: { CREATED: 1, UPDATED: 0, UNCHANGED: 0 }, links: { SUI: 1 } } }));

    const resumed = await run(filePath);
    expect(resumed).toMatchObject({ resumedAfterLine: 1, readThisRun: 2, tallies: { read: 3, outcomes: { CREATED: 2, UPDATED: 0, UNCHANGED: 1 } } });
    expect(await countRecords("CRASH-")).toBe(3);
  });

  it("refuses a checkpoint written for another file, unless told to restart", async () => {
    const earlier = writeFile("earlier.ndjson", [record("EARLIER-1")]);
    await run(earlier);
    const filePath = writeFile("other.ndjson", [record("OTHER-1")]);
    fs.copyFileSync(`${earlier}.checkpoint.json`, `${filePath}.checkpoint.json`);
    const refusal = run(filePath);
    await expect(refusal).rejects.toBeInstanceOf(HubError);
    await expect(refusal).rejects.toThrow(/records an import of another file \(earlier\.ndjson.*--restart/);
    expect(await countRecords("OTHER-")).toBe(0);

    const restarted = await run(filePath, { restart: true });
    expect(restarted).toMatchObject({ state: ImportState.COMPLETE, resumedAfterLine: null, tallies: { read: 1, outcomes: { CREATED: 1 } } });
    expect(readCheckpoint(filePath).file.name).toBe("other.ndjson");
  });

  it("counts refused records by code, reports them by line and reference without personal data, and imports the rest", async () => {
    const filePath = writeFile("refused.ndjson", [
      record("REFUSED-1"),
      { ...record("REFUSED-2"), child: { ...childWith(CHILD.sui), sex: "GIRL" } },
      record("REFUSED-3", "9990000019"),
      { agencyReference: "REFUSED-4", child: CHILD, police: RECORDS.POLICE.police },
      { ...record("REFUSED-5"), agencyCode: "GP-ELSEWHERE" },
      "{not json",
      record("REFUSED-7"),
    ]);
    const rejections: Rejection[] = [];
    const summary = await run(filePath, { onRejected: (rejection) => rejections.push(rejection) });
    expect(summary.tallies).toEqual({
      read: 7,
      outcomes: { CREATED: 2, UPDATED: 0, UNCHANGED: 0 },
      links: { SUI: 2 },
      rejected: { [ErrorCode.INVALID_INPUT]: 2, [ErrorCode.INVALID_SUI]: 1, [ErrorCode.RECORD_TYPE_MISMATCH]: 1, [ErrorCode.FORBIDDEN]: 1 },
    });
    expect(rejections.map(({ line, agencyReference, error }) => [line, agencyReference, error.code, error.path])).toEqual([
      [2, "REFUSED-2", ErrorCode.INVALID_INPUT, "record.child.sex"],
      [3, "REFUSED-3", ErrorCode.INVALID_SUI, "record.child.sui"],
      [4, "REFUSED-4", ErrorCode.RECORD_TYPE_MISMATCH, "record"],
      [5, "REFUSED-5", ErrorCode.FORBIDDEN, "record.agencyCode"],
      [6, undefined, ErrorCode.INVALID_INPUT, "record"],
    ]);
    const reported = JSON.stringify(rejections);
    for (const personal of [CHILD.givenNames, CHILD.familyName, CHILD.dateOfBirth, CHILD.sui, "9990000019"]) expect(reported).not.toContain(personal);
    expect(await countRecords("REFUSED-")).toBe(2);
  });

  it("counts how the hub linked each record: by SUI, or as a new child when it carries none and matches nobody", async () => {
    const unknownChild = { givenNames: "Wren", familyName: "Oddlyfield", dateOfBirth: "2019-11-30", sex: "MALE" };
    const filePath = writeFile("links.ndjson", [record("LINKS-1"), { agencyReference: "LINKS-2", child: unknownChild, health: HEALTH }]);
    const summary = await run(filePath);
    expect(summary.tallies).toMatchObject({ read: 2, outcomes: { CREATED: 2 }, links: { SUI: 1, NEW_CHILD: 1 }, rejected: {} });
  });

  it("accepts a CSV file holding the same records as an NDJSON one, which it finds UNCHANGED", async () => {
    const header = "agencyReference,child.sui,child.givenNames,child.familyName,child.dateOfBirth,child.sex,child.address.kind,child.address.line1,child.address.town,child.address.postcode,child.address.localAuthority,details";
    const { address } = CHILD;
    const details = `"${JSON.stringify({ health: HEALTH }).replaceAll('"', '""')}"`;
    expect((await run(writeFile("same.ndjson", [record("SAME-1"), record("SAME-2")]))).tallies).toMatchObject({ outcomes: { CREATED: 2 } });
    const rows = ["SAME-1", "SAME-2"].map((reference) =>
      [reference, CHILD.sui, CHILD.givenNames, CHILD.familyName, CHILD.dateOfBirth, CHILD.sex, address.kind, address.line1, address.town, address.postcode, address.localAuthority, details].join(","),
    );
    const filePath = writeFile("same.csv", [header, ...rows]);
    const summary = await run(filePath);
    expect(summary.tallies).toMatchObject({ read: 2, outcomes: { CREATED: 0, UPDATED: 0, UNCHANGED: 2 }, rejected: {} });
  });
});

describe("importPrincipal", () => {
  it("is the agency's own system, typed as the directory says", async () => {
    expect(await importPrincipal(database.dataSource, GP)).toMatchObject({ sub: `import:${GP}`, agency: GP, agencyType: "HEALTH", roles: ["AGENCY_SYSTEM"] });
  });

  it.each([["unknown", "NOWHERE-1"], ["inactive", "SCH-199999"]])("refuses an %s agency", async (_kind, code) => {
    await expect(importPrincipal(database.dataSource, code)).rejects.toMatchObject({ code: ErrorCode.UNKNOWN_AGENCY });
  });
});
