import "reflect-metadata";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { openDatabase, type Database } from "../../db/database";
import { Agency } from "../../directory/Agency";
import { captureLog } from "../../../test/support/capturedLog";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";
import { TEST_AGENCIES } from "../../../test/support/fixtures";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";
import { lookUpAgency } from "../prepareSubmission";
import { submitRecord, submitRecords } from "../submitRecord";
import { MAX_SUBMISSION_BATCH } from "../submissionBatcher";
import { storedOfResult } from "../../../test/support/recordsDatabase";

/**
 * The batched write path: submissions queued together, or arriving while a batch is stored, share one
 * transaction; each caller still gets its own receipt, after the commit that holds its record, and
 * one record the hub refuses fails no other caller's.
 */
let testDatabase: TestDatabase;
let database: Database;
const log = captureLog("warn");

const GP = "GP-GROUP";
const CLINIC = "GP-GROUP-2";

beforeAll(async () => {
  testDatabase = await createTestDatabase("default", { migrated: true });
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, log.logger);
  const template = TEST_AGENCIES.find((agency) => agency.type === "HEALTH") as Agency;
  await database.dataSource.getRepository(Agency).insert([{ ...template, code: GP, name: "Grouping Surgery" }, { ...template, code: CLINIC, name: "Grouping Clinic" }]);
}, 120_000);

afterAll(async () => {
  await database.close();
  await testDatabase.drop();
});

const systemOf = (agency: string, agencyType = "HEALTH"): Principal => ({
  sub: `system-${agency.toLowerCase()}`, name: `${agency} system`, agency, agencyType: agencyType as Principal["agencyType"], roles: [Role.AGENCY_SYSTEM],
  localAuthority: "E06000060", team: null, tokenId: null,
});
const HEALTH = { gpPracticeCode: "K99001", gpPracticeName: "Grouping Surgery", registeredOn: "2015-05-01" };

/** A GP record about a fictional child of this file's own: the SUI when given, otherwise matched. */
function gpRecord(reference: string, child: Partial<AgencyRecordSubmission["child"]> & { givenNames: string }, agencyCode = GP): AgencyRecordSubmission {
  return {
    agencyCode, agencyReference: reference,
    child: { familyName: "Quernby", dateOfBirth: "2016-08-21", sex: "FEMALE", address: { kind: "HOME", line1: "3 Millrace Court", postcode: "HP19 8AA", localAuthority: "E06000060" }, ...child },
    health: HEALTH,
  };
}

const receiptOf = storedOfResult;

/** The transactions that wrote these records: rows written by one transaction share its xmin. */
async function transactionsThatWrote(prefix: string): Promise<number> {
  const [{ count }] = await database.dataSource.query<[{ count: number }]>(`SELECT count(DISTINCT xmin::text)::int AS count FROM agency_record WHERE agency_reference LIKE $1`, [`${prefix}%`]);
  return count;
}

const childOfRecord = async (recordId: string) =>
  (await database.dataSource.query<{ child_id: string | null }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [recordId]))[0]?.child_id ?? null;

describe("records submitted together", () => {
  it("are stored in one transaction per batch, each with its own receipt in order", async () => {
    const count = MAX_SUBMISSION_BATCH + 20;
    const items = Array.from({ length: count }, (_, index) => ({
      principal: systemOf(GP),
      submission: gpRecord(`BATCH-${index}`, { givenNames: `Batchchild${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}`, familyName: `Farrow${index}`, dateOfBirth: `2015-0${1 + (index % 9)}-1${index % 10}` }),
    }));
    const results = await submitRecords(database.dataSource, items);
    expect(results.map((result) => receiptOf(result).agencyReference)).toEqual(items.map((item) => item.submission.agencyReference));
    expect(results.every((result) => receiptOf(result).outcome === "CREATED")).toBe(true);
    expect(await transactionsThatWrote("BATCH-")).toBe(2);
  });

  it("links a record without an SUI to the child an earlier record of the same batch created, and answers MATCHED", async () => {
    const [founding, later] = await submitRecords(database.dataSource, [
      { principal: systemOf(GP), submission: gpRecord("SAMEBATCH-1", { givenNames: "Ottilie", familyName: "Brackenbury", dateOfBirth: "2017-02-03" }) },
      { principal: systemOf(CLINIC), submission: gpRecord("SAMEBATCH-2", { givenNames: "Ottilie", familyName: "Brackenbery", dateOfBirth: "2017-02-03" }, CLINIC) },
    ]);
    expect(receiptOf(founding).link.outcome).toBe("NEW_CHILD");
    expect(receiptOf(later).link.outcome).toBe("MATCHED");
    expect(await childOfRecord(receiptOf(later).recordId)).toBe(await childOfRecord(receiptOf(founding).recordId));
    expect(await transactionsThatWrote("SAMEBATCH-")).toBe(1);
  });

  it("links two agencies' records of one new SUI to one child: the first reported name is its usual name, another an alias", async () => {
    const [first, second] = await submitRecords(database.dataSource, [
      { principal: systemOf(GP), submission: gpRecord("TWOSUI-1", { sui: "9990001707", givenNames: "Marigold", familyName: "Ashdown" }) },
      { principal: systemOf(CLINIC), submission: gpRecord("TWOSUI-2", { sui: "9990001707", givenNames: "Goldie", familyName: "Ashdown" }, CLINIC) },
    ]);
    expect([receiptOf(first).link.outcome, receiptOf(second).link.outcome]).toEqual(["SUI", "SUI"]);
    const childId = await childOfRecord(receiptOf(first).recordId);
    expect(await childOfRecord(receiptOf(second).recordId)).toBe(childId);
    const names = await database.dataSource.query<{ given_names: string; kind: string }[]>(`SELECT given_names, kind FROM child_name WHERE child_id = $1 ORDER BY kind DESC`, [childId]);
    expect(names).toEqual([{ given_names: "Marigold", kind: "USUAL" }, { given_names: "Goldie", kind: "ALIAS" }]);
  });

  it("stores records naming one adult, and an adult another agency's record of the batch founded, in one transaction", async () => {
    const mother = { givenNames: "Philippa", familyName: "Strand", dateOfBirth: "1988-02-14", sex: "FEMALE" as const, relationship: "MOTHER" as const, parentalResponsibility: true, postcode: "HP19 8AA", nhsNumber: "9997300033" };
    const items = [
      { agency: GP, givenNames: "Edith", reference: "GP-MUM-1" },
      { agency: GP, givenNames: "Ruben", reference: "GP-MUM-1" },
      { agency: CLINIC, givenNames: "Cora", reference: "CL-MUM-7" },
    ].map(({ agency, givenNames, reference }, index) => ({
      principal: systemOf(agency),
      submission: { ...gpRecord(`ADULTS-${index}`, { givenNames, familyName: "Strand", dateOfBirth: `201${index}-05-0${index + 1}` }, agency), relatedAdults: [{ ...mother, reference }] },
    }));
    const results = await submitRecords(database.dataSource, items);
    expect(results.every((result) => receiptOf(result).outcome === "CREATED")).toBe(true);
    // Stored as one batch, not record by record after a failed one.
    expect(await transactionsThatWrote("ADULTS-")).toBe(1);
    const [{ adults }] = await database.dataSource.query<[{ adults: number }]>(
      `SELECT count(DISTINCT rel.adult_id)::int AS adults FROM child_adult_relationship rel JOIN agency_record r ON r.id = rel.source_record_id WHERE r.agency_reference LIKE 'ADULTS-%'`,
    );
    expect(adults).toBe(1);
  });

  it("holds a record whose SUI names a child it cannot be for a steward, and links the rest of its batch", async () => {
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("DISPUTE-0", { sui: "9990001715", givenNames: "Perpetua", familyName: "Kestle", dateOfBirth: "2012-01-30" }));
    const [wrong, right, other] = await submitRecords(database.dataSource, [
      { principal: systemOf(CLINIC), submission: gpRecord("DISPUTE-1", { sui: "9990001715", givenNames: "Zbigniew", familyName: "Kestle", dateOfBirth: "2019-11-02" }, CLINIC) },
      { principal: systemOf(CLINIC), submission: gpRecord("DISPUTE-2", { sui: "9990001723", givenNames: "Rosalind", familyName: "Kestle", dateOfBirth: "2014-05-05" }, CLINIC) },
      { principal: systemOf(CLINIC), submission: gpRecord("DISPUTE-3", { givenNames: "Perpetua", familyName: "Kestle", dateOfBirth: "2012-01-30" }, CLINIC) },
    ]);
    expect(receiptOf(wrong).link).toMatchObject({ state: "POSSIBLE", outcome: "REVIEW_PENDING" });
    expect(await childOfRecord(receiptOf(wrong).recordId)).toBeNull();
    expect(receiptOf(right).link.outcome).toBe("SUI");
    expect(receiptOf(other).link.outcome).toBe("MATCHED");
  });
});

describe("idempotency across batches", () => {
  it("answers UNCHANGED for the same submission queued twice, and UPDATED for a changed one, never a duplicate", async () => {
    const original = gpRecord("AGAIN-1", { sui: "9990001731", givenNames: "Cressida" });
    const changed = { ...original, health: { ...HEALTH, gpPracticeName: "Grouping Surgery (moved)" } };
    const results = await submitRecords(database.dataSource, [original, original, changed, changed].map((submission) => ({ principal: systemOf(GP), submission })));
    expect(results.map((result) => receiptOf(result).outcome)).toEqual(["CREATED", "UNCHANGED", "UPDATED", "UNCHANGED"]);
    expect(results.map((result) => receiptOf(result).version)).toEqual([1, 1, 2, 2]);
    expect(new Set(results.map((result) => receiptOf(result).recordId)).size).toBe(1);
  });

  it("answers each of many concurrent callers with its own record, once", async () => {
    const recordOf = (reference: number) => gpRecord(`CONCURRENT-${reference}`, { sui: reference === 0 ? "9990001758" : null, givenNames: `Concurrent${String.fromCharCode(97 + reference)}`, familyName: "Oddfellow", dateOfBirth: `2013-0${1 + (reference % 9)}-2${reference % 10}` });
    // Each record twice, every copy submitted at once by its own caller.
    const submissions = Array.from({ length: 24 }, (_, index) => recordOf(index % 12));
    const receipts = await Promise.all(submissions.map((submission) => submitRecord(database.dataSource, systemOf(GP), submission)));
    receipts.forEach((receipt, index) => expect(receipt.agencyReference).toBe(`CONCURRENT-${index % 12}`));
    for (let reference = 0; reference < 12; reference++) {
      const outcomes = receipts.filter((receipt) => receipt.agencyReference === `CONCURRENT-${reference}`).map((receipt) => receipt.outcome).sort();
      expect(outcomes).toEqual(["CREATED", "UNCHANGED"]);
    }
    const [{ count }] = await database.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM agency_record WHERE agency_reference LIKE 'CONCURRENT-%'`);
    expect(count).toBe(12);
  });
});

describe("a record the hub refuses in a batch", () => {
  it("fails only its own caller: the rest of the batch is stored", async () => {
    const agency = "GP-GROUP-RETYPED";
    const template = TEST_AGENCIES.find((row) => row.type === "HEALTH") as Agency;
    await database.dataSource.getRepository(Agency).insert({ ...template, code: agency, name: "Retyped practice" });
    await submitRecord(database.dataSource, systemOf(agency), gpRecord("RETYPED-1", { sui: "9990001766", givenNames: "Wilhelmina" }, agency));
    // The directory corrects the agency's type: its old reference now names a record of another type.
    await database.dataSource.getRepository(Agency).update({ code: agency }, { type: "EDUCATION" });
    const education = (reference: string, givenNames: string) => ({
      agencyCode: agency, agencyReference: reference,
      child: { givenNames, familyName: "Tregarthen", dateOfBirth: "2014-10-10", sex: "MALE" },
      education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", attendancePercent: 95, senStatus: "NONE" },
    }) as unknown as AgencyRecordSubmission;
    const logged = log.raw.length;
    const results = await submitRecords(database.dataSource, [
      { principal: systemOf(agency, "EDUCATION"), submission: education("RETYPED-2", "Lowenna") },
      { principal: systemOf(agency, "EDUCATION"), submission: education("RETYPED-1", "Wilhelmina") },
      { principal: systemOf(agency, "EDUCATION"), submission: education("RETYPED-3", "Jago") },
    ]);
    expect(results[0]).toMatchObject({ stored: true, receipt: { outcome: "CREATED" } });
    expect(results[1]).toMatchObject({ stored: false, error: { code: "RECORD_TYPE_MISMATCH" } });
    expect(results[2]).toMatchObject({ stored: true, receipt: { outcome: "CREATED" } });
    // Operators see that the batch fell back to one record per transaction, and why, by class and code only.
    expect(log.entries().slice(logged).filter((entry) => entry.event === "records.batch_fallback")).toEqual([
      expect.objectContaining({ level: "warn", count: 3, errorName: "HubError", code: "RECORD_TYPE_MISMATCH" }),
    ]);
    expect(log.raw.slice(logged).join("\n")).not.toMatch(/Lowenna|Wilhelmina|Jago|Tregarthen|RETYPED/);
  });

  it("refuses a submission the checks refuse before any transaction, and stores the rest", async () => {
    const results = await submitRecords(database.dataSource, [
      { principal: systemOf(GP), submission: gpRecord("CHECKED-1", { givenNames: "Hephzibah", familyName: "Rundle" }) },
      { principal: systemOf(GP), submission: gpRecord("CHECKED-2", { sui: "1234567890", givenNames: "Invalid" }) },
      { principal: systemOf(CLINIC), submission: gpRecord("CHECKED-3", { givenNames: "Hephzibah", familyName: "Rundle" }) },
    ]);
    expect(results[0]).toMatchObject({ stored: true });
    expect(results[1]).toMatchObject({ stored: false, error: { code: "INVALID_SUI" } });
    expect(results[2]).toMatchObject({ stored: false, error: { code: "FORBIDDEN" } });
  });
});

describe("checking many submissions at once", () => {
  it("reads an agency's directory entry once for the checks under way together, and afresh for a later one", async () => {
    const agency = "GP-GROUP-LOOKUP";
    const template = TEST_AGENCIES.find((row) => row.type === "HEALTH") as Agency;
    await database.dataSource.getRepository(Agency).insert({ ...template, code: agency, name: "Lookup practice" });
    const lookup = lookUpAgency(database.dataSource);
    const first = lookup(agency);
    const alongside = lookUpAgency(database.dataSource)(agency);
    expect(alongside).toBe(first);
    expect(await first).toMatchObject({ code: agency, active: true });
    // A directory change committed after those reads answered is seen by the next check.
    await database.dataSource.getRepository(Agency).update({ code: agency }, { active: false });
    const later = lookup(agency);
    expect(later).not.toBe(first);
    expect(await later).toBeNull();
  });
});
