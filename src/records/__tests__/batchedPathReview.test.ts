import "reflect-metadata";
import { type Database } from "../../db/database";
import { healthSystemOf, openRecordsDatabase, storedOfResult, type RecordsDatabase } from "../../../test/support/recordsDatabase";
import { storedLinkOf } from "../../../test/support/storedLink";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";
import { submitRecord, submitRecords } from "../submitRecord";

/**
 * Behaviours of the one-transaction-per-record path that the batched path must keep: a batch is to be
 * stored as if its records had come one by one, in arrival order.
 */
let records: RecordsDatabase;
let database: Database;

const GP = "RV-SURGERY";
const CLINIC = "RV-CLINIC";

beforeAll(async () => {
  records = await openRecordsDatabase([{ code: GP, name: "Review Surgery" }, { code: CLINIC, name: "Review Clinic" }]);
  database = records.database;
}, 120_000);

afterAll(async () => records.close());

const systemOf = healthSystemOf;
const HEALTH = { gpPracticeCode: "K99002", gpPracticeName: "Review Surgery", registeredOn: "2015-05-01" };

function gpRecord(reference: string, child: Partial<AgencyRecordSubmission["child"]> & { givenNames: string }, agencyCode = GP, labels?: AgencyRecordSubmission["labels"]): AgencyRecordSubmission {
  return {
    agencyCode, agencyReference: reference,
    child: { familyName: "Vellacott", dateOfBirth: "2012-01-30", sex: "FEMALE", address: { kind: "HOME", line1: "7 Tanner Row", postcode: "HP20 1AB", localAuthority: "E06000060" }, ...child },
    health: HEALTH,
    ...(labels === undefined ? {} : { labels }),
  };
}

const receiptOf = storedOfResult;
const childOfRecord = async (recordId: string) =>
  (await database.dataSource.query<{ child_id: string | null }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [recordId]))[0]?.child_id ?? null;

describe("a disputed SUI in a batch", () => {
  it("is held for a steward even when a later record of its batch, stored by SUI, gives the child that record's name", async () => {
    const sui = "9991001018";
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("RV-D0", { sui, givenNames: "Perpetua", dateOfBirth: "2012-01-30" }));
    // One by one, the first would be held (another date of birth, a name the child is not known by).
    const [wrong, later] = await submitRecords(database.dataSource, [
      { principal: systemOf(CLINIC), submission: gpRecord("RV-D1", { sui, givenNames: "Zbigniew", dateOfBirth: "2019-11-02" }, CLINIC) },
      { principal: systemOf(CLINIC), submission: gpRecord("RV-D2", { sui, givenNames: "Zbigniew", dateOfBirth: "2012-01-30" }, CLINIC) },
    ]);
    expect(receiptOf(later).link.outcome).toBe("SUI");
    expect(receiptOf(wrong).link.outcome).toBe("REVIEW_PENDING");
    expect(await childOfRecord(receiptOf(wrong).recordId)).toBeNull();
  });

  it("is held for a steward even when a resubmission queued after it gives the child that record's name", async () => {
    const sui = "9991001026";
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("RV-E0", { sui, givenNames: "Perpetua", dateOfBirth: "2012-01-30" }));
    await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-E2", { sui, givenNames: "Perpetua", dateOfBirth: "2012-01-30" }, CLINIC));
    const [wrong, resubmitted] = await submitRecords(database.dataSource, [
      { principal: systemOf(CLINIC), submission: gpRecord("RV-E1", { sui, givenNames: "Zbigniew", dateOfBirth: "2019-11-02" }, CLINIC) },
      { principal: systemOf(CLINIC), submission: gpRecord("RV-E2", { sui, givenNames: "Zbigniew", dateOfBirth: "2012-01-30" }, CLINIC) },
    ]);
    expect(receiptOf(resubmitted).outcome).toBe("UPDATED");
    expect(receiptOf(wrong).link.outcome).toBe("REVIEW_PENDING");
    expect(await childOfRecord(receiptOf(wrong).recordId)).toBeNull();
  });
});

describe("the same records one by one (the behaviour a batch must keep)", () => {
  it("holds the disputed record when its batch-mate is stored after it in its own transaction", async () => {
    const sui = "9991001158";
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("RV-C0", { sui, givenNames: "Perpetua", dateOfBirth: "2012-01-30" }));
    const wrong = await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-C1", { sui, givenNames: "Zbigniew", dateOfBirth: "2019-11-02" }, CLINIC));
    const later = await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-C2", { sui, givenNames: "Zbigniew", dateOfBirth: "2012-01-30" }, CLINIC));
    expect((await storedLinkOf(database.dataSource, later.recordId)).outcome).toBe("SUI");
    expect((await storedLinkOf(database.dataSource, wrong.recordId)).outcome).toBe("REVIEW_PENDING");
  });

  it("takes the earlier unrestricted record's date of birth when the two come one by one", async () => {
    const sui = "9991001166";
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("RV-C3", { sui, givenNames: "Clemency", familyName: "Orrinc", dateOfBirth: "2011-06-06" }, GP, ["SEALED"]));
    await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-C4", { sui, givenNames: "Clemency", familyName: "Orrinc", dateOfBirth: "2011-07-07" }, CLINIC));
    await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-C5", { sui, givenNames: "Clemency", familyName: "Orrincson", dateOfBirth: "2011-08-08" }, CLINIC));
    const [row] = await database.dataSource.query<{ dob: string }[]>(`SELECT p.date_of_birth::text AS dob FROM child c JOIN child_match_profile p ON p.child_id = c.id WHERE c.sui = $1`, [sui]);
    expect(row?.dob).toBe("2011-07-07");
  });
});

describe("restricted records in a batch", () => {
  it("a SEALED SUI record never gives a record without an SUI of the same batch something to match on", async () => {
    const [sealed, unsui] = await submitRecords(database.dataSource, [
      { principal: systemOf(GP), submission: gpRecord("RV-S1", { sui: "9991001034", givenNames: "Hyacinth", familyName: "Quillfeather", dateOfBirth: "2010-03-04" }, GP, ["SEALED"]) },
      { principal: systemOf(CLINIC), submission: gpRecord("RV-S2", { givenNames: "Hyacinth", familyName: "Quillfeather", dateOfBirth: "2010-03-04" }, CLINIC) },
    ]);
    expect(receiptOf(sealed).link.outcome).toBe("SUI");
    expect(receiptOf(unsui).link.outcome).toBe("NEW_CHILD");
    expect(await childOfRecord(receiptOf(unsui).recordId)).not.toBe(await childOfRecord(receiptOf(sealed).recordId));
  });

  it("takes the date of birth the earliest unrestricted record reported, as one by one, when a batch brings two", async () => {
    // Each child first known through a sealed record: its profile's date comes from the unrestricted ones.
    const suis = ["9991001042", "9991001050", "9991001069", "9991001077", "9991001085", "9991001093", "9991001107", "9991001115"];
    for (const [index, sui] of suis.entries()) {
      await submitRecord(database.dataSource, systemOf(GP), gpRecord(`RV-B0-${index}`, { sui, givenNames: "Clemency", familyName: `Orrin${index}`, dateOfBirth: "2011-06-06" }, GP, ["SEALED"]));
    }
    const items = suis.flatMap((sui, index) => [
      { principal: systemOf(CLINIC), submission: gpRecord(`RV-B1-${index}`, { sui, givenNames: "Clemency", familyName: `Orrin${index}`, dateOfBirth: "2011-07-07" }, CLINIC) },
      { principal: systemOf(CLINIC), submission: gpRecord(`RV-B2-${index}`, { sui, givenNames: "Clemency", familyName: `Orrinson${index}`, dateOfBirth: "2011-08-08" }, CLINIC) },
    ]);
    const results = await submitRecords(database.dataSource, items);
    results.forEach((result) => expect(receiptOf(result).link.outcome).toBe("SUI"));
    const rows = await database.dataSource.query<{ sui: string; dob: string }[]>(
      `SELECT c.sui, p.date_of_birth::text AS dob FROM child c JOIN child_match_profile p ON p.child_id = c.id WHERE c.sui = ANY($1::text[]) ORDER BY c.sui`, [suis]);
    expect(rows.map((row) => row.dob)).toEqual(suis.map(() => "2011-07-07"));
  });
});

describe("a record that withholds its location", () => {
  it("takes the postcode it reports out of the child's match profile, though another record reported the address first", async () => {
    const sui = "9991001174";
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("RV-L1", { sui, givenNames: "Lettice", familyName: "Hawksworth", address: { kind: "HOME", line1: "2 Refuge Lane", postcode: "HP21 7ZZ", localAuthority: "E06000060" } }));
    const before = await database.dataSource.query<{ postcodes: string[] }[]>(`SELECT p.postcodes FROM child c JOIN child_match_profile p ON p.child_id = c.id WHERE c.sui = $1`, [sui]);
    expect(before[0]?.postcodes).toEqual(["HP21 7ZZ"]);
    await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-L2", { sui, givenNames: "Lettice", familyName: "Hawksworth", address: { kind: "HOME", line1: "2 Refuge Lane", postcode: "HP21 7ZZ", localAuthority: "E06000060" } }, CLINIC, ["LOCATION_WITHHELD"]));
    const after = await database.dataSource.query<{ postcodes: string[] }[]>(`SELECT p.postcodes FROM child c JOIN child_match_profile p ON p.child_id = c.id WHERE c.sui = $1`, [sui]);
    const keys = await database.dataSource.query<{ key: string }[]>(`SELECT k.key FROM child_match_key k JOIN child c ON c.id = k.child_id WHERE c.sui = $1 AND k.key ILIKE '%HP21%'`, [sui]);
    expect(after[0]?.postcodes).toEqual([]);
    expect(keys).toEqual([]);
  });
});

describe("a record without an SUI that withholds its location", () => {
  it("never puts its postcode in the match profile of the child it founds", async () => {
    const receipt = await submitRecord(database.dataSource, systemOf(CLINIC), gpRecord("RV-L3", { givenNames: "Isolde", familyName: "Penhallow", dateOfBirth: "2016-12-12", address: { kind: "HOME", line1: "9 Shelter Close", postcode: "HP21 8YY", localAuthority: "E06000060" } }, CLINIC, ["LOCATION_WITHHELD"]));
    expect((await storedLinkOf(database.dataSource, receipt.recordId)).outcome).toBe("NEW_CHILD");
    const childId = await childOfRecord(receipt.recordId);
    const [profile] = await database.dataSource.query<{ postcodes: string[] }[]>(`SELECT postcodes FROM child_match_profile WHERE child_id = $1`, [childId]);
    expect(profile?.postcodes).toEqual([]);
  });
});

describe("a resubmission leaving a child in the batch that rebuilds the child's profile", () => {
  it("never gives the child the date of birth of the record that leaves it", async () => {
    const sui = "9991001182";
    await submitRecord(database.dataSource, systemOf(GP), gpRecord("RV-P1", { sui, givenNames: "Tobias", familyName: "Lindqvist", dateOfBirth: "2014-04-14", sex: "MALE" }));
    // The surgery withdraws the NHS number: the record was about another child. The clinic, meanwhile,
    // reports the child by the SUI with its date of birth one digit out.
    const [moved, joined] = await submitRecords(database.dataSource, [
      { principal: systemOf(GP), submission: gpRecord("RV-P1", { givenNames: "Benedikt", familyName: "Ormsby", dateOfBirth: "2009-09-09", sex: "MALE", address: { kind: "HOME", line1: "40 Kiln Street", postcode: "HP22 4QQ", localAuthority: "E06000060" } }) },
      { principal: systemOf(CLINIC), submission: gpRecord("RV-P2", { sui, givenNames: "Toby", familyName: "Lindqvist", dateOfBirth: "2014-04-15", sex: "MALE" }, CLINIC) },
    ]);
    expect(receiptOf(joined).link.outcome).toBe("SUI");
    const childId = await childOfRecord(receiptOf(joined).recordId);
    expect(await childOfRecord(receiptOf(moved).recordId)).not.toBe(childId);
    const [profile] = await database.dataSource.query<{ dob: string }[]>(`SELECT date_of_birth::text AS dob FROM child_match_profile WHERE child_id = $1`, [childId]);
    expect(profile?.dob).not.toBe("2009-09-09");
  });
});

describe("receipts and links of a batch", () => {
  it("gives an SUI record's receipt its time of arrival", async () => {
    const [result] = await submitRecords(database.dataSource, [{ principal: systemOf(GP), submission: gpRecord("RV-R1", { sui: "9991001123", givenNames: "Araminta" }) }]);
    const receipt = receiptOf(result);
    expect(receipt.receivedAt).toBeInstanceOf(Date);
    const [{ received_at }] = await database.dataSource.query<[{ received_at: Date }]>(`SELECT received_at FROM agency_record WHERE id = $1`, [receipt.recordId]);
    expect(receipt.receivedAt.getTime()).toBe(received_at.getTime());
  });

  it("creates one adult per agency reference across a batch, links each relationship to its record's child, and keeps an alias", async () => {
    const adult = (givenNames: string) => ({ reference: "RV-ADULT-1", givenNames, familyName: "Pardew", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true });
    const withAdult = (submission: AgencyRecordSubmission, givenNames: string) => ({ ...submission, relatedAdults: [adult(givenNames)] }) as AgencyRecordSubmission;
    const [bySui, matched, second] = await submitRecords(database.dataSource, [
      { principal: systemOf(GP), submission: withAdult(gpRecord("RV-A1", { sui: "9991001131", givenNames: "Tamsin", familyName: "Pardew", dateOfBirth: "2013-02-02" }), "Morwenna") },
      { principal: systemOf(GP), submission: withAdult(gpRecord("RV-A2", { givenNames: "Lowen", familyName: "Pardew", dateOfBirth: "2015-09-09" }), "Wenna") },
      { principal: systemOf(GP), submission: withAdult(gpRecord("RV-A3", { givenNames: "Lowen", familyName: "Pardew", dateOfBirth: "2015-09-09", address: { kind: "HOME", line1: "7 Tanner Row", postcode: "HP20 1AB", localAuthority: "E06000060" } }), "Morwenna") },
    ]);
    const adults = await database.dataSource.query<{ adult_id: string }[]>(`SELECT adult_id FROM adult_identifier WHERE agency_code = $1 AND reference = 'RV-ADULT-1'`, [GP]);
    expect(adults).toHaveLength(1);
    const names = await database.dataSource.query<{ given_names: string; kind: string }[]>(`SELECT given_names, kind FROM adult_name WHERE adult_id = $1 ORDER BY kind DESC, given_names`, [adults[0]?.adult_id]);
    expect(names).toEqual([{ given_names: "Morwenna", kind: "USUAL" }, { given_names: "Wenna", kind: "ALIAS" }]);
    for (const result of [bySui, matched, second]) {
      const recordId = receiptOf(result).recordId;
      const [rel] = await database.dataSource.query<{ child_id: string | null }[]>(`SELECT child_id FROM child_adult_relationship WHERE source_record_id = $1`, [recordId]);
      expect(rel?.child_id).toBe(await childOfRecord(recordId));
      expect(rel?.child_id).not.toBeNull();
      const events = await database.dataSource.query<{ action: string; child_id: string }[]>(`SELECT action, child_id FROM record_link_event WHERE record_id = $1`, [recordId]);
      expect(events).toEqual([{ action: "LINKED", child_id: await childOfRecord(recordId) }]);
    }
    expect(receiptOf(second).link.outcome).toBe("MATCHED");
  });
});

describe("a resubmission leaving a child, one by one", () => {
  it.each([["resubmission first", true], ["clinic first", false]])("never gives the child the date of birth of the record that leaves it (%s)", async (_name, resubmissionFirst) => {
    const sui = resubmissionFirst ? "9991001190" : "9991001204";
    const p1 = `RV-Q1-${String(resubmissionFirst)}`;
    await submitRecord(database.dataSource, systemOf(GP), gpRecord(p1, { sui, givenNames: "Tobias", familyName: "Lindqvist", dateOfBirth: "2014-04-14", sex: "MALE" }));
    const resubmit = () => submitRecord(database.dataSource, systemOf(GP), gpRecord(p1, { givenNames: "Benedikt", familyName: "Ormsby", dateOfBirth: "2009-09-09", sex: "MALE", address: { kind: "HOME", line1: "40 Kiln Street", postcode: "HP22 4QQ", localAuthority: "E06000060" } }));
    const clinic = () => submitRecord(database.dataSource, systemOf(CLINIC), gpRecord(`RV-Q2-${String(resubmissionFirst)}`, { sui, givenNames: "Toby", familyName: "Lindqvist", dateOfBirth: "2014-04-15", sex: "MALE" }, CLINIC));
    if (resubmissionFirst) { await resubmit(); await clinic(); } else { await clinic(); await resubmit(); }
    const [profile] = await database.dataSource.query<{ dob: string }[]>(`SELECT p.date_of_birth::text AS dob FROM child c JOIN child_match_profile p ON p.child_id = c.id WHERE c.sui = $1`, [sui]);
    expect(profile?.dob).not.toBe("2009-09-09");
  });
});
