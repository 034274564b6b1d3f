import "reflect-metadata";
import { type Database } from "../../db/database";
import { healthSystemOf, openRecordsDatabase, storedOfResult, type RecordsDatabase } from "../../../test/support/recordsDatabase";
import { loadProfiles } from "../../identity/matchProfiles";
import { profileKeys } from "../../identity/matching/blockingKeys";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";
import { submitRecords } from "../submitRecord";
import { type StoredSubmission } from "../StoredSubmission";

/**
 * What the matcher compares a child on (its match profile and blocking keys) follows what unrestricted
 * records report, and only that, when records are stored together: a name or postcode only a sealed
 * record gave joins the profile once an unrestricted record reports it too, and a profile a match
 * extends is stored under every key it now has.
 */
let records: RecordsDatabase;
let database: Database;

const GP = "PG-SURGERY";
const CLINIC = "PG-CLINIC";

beforeAll(async () => {
  records = await openRecordsDatabase([{ code: GP, name: "Profile Surgery" }, { code: CLINIC, name: "Profile Clinic" }]);
  database = records.database;
}, 120_000);

afterAll(async () => records.close());

const systemOf = healthSystemOf;
const HEALTH = { gpPracticeCode: "K99003", gpPracticeName: "Profile Surgery", registeredOn: "2015-05-01" };

function gpRecord(reference: string, child: Partial<AgencyRecordSubmission["child"]> & { givenNames: string }, agencyCode = GP, labels?: AgencyRecordSubmission["labels"]): AgencyRecordSubmission {
  return {
    agencyCode, agencyReference: reference,
    child: { familyName: "Ashdown", dateOfBirth: "2013-04-17", sex: "MALE", address: { kind: "HOME", line1: "12 Weir Lane", postcode: "HP21 7QR", localAuthority: "E06000060" }, ...child },
    health: HEALTH,
    ...(labels === undefined ? {} : { labels }),
  };
}

const receiptOf = storedOfResult;

async function submit(...submissions: { agency: string; submission: AgencyRecordSubmission }[]): Promise<StoredSubmission[]> {
  return (await submitRecords(database.dataSource, submissions.map(({ agency, submission }) => ({ principal: systemOf(agency), submission })))).map(receiptOf);
}

async function childOfSui(sui: string): Promise<string> {
  const [row] = await database.dataSource.query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1`, [sui]);
  if (row === undefined) throw new Error(`no child holds ${sui}`);
  return row.id;
}

async function profileOf(childId: string) {
  const profile = (await loadProfiles(database.dataSource.manager, [childId])).get(childId);
  if (profile === undefined) throw new Error("the child has no match profile");
  return profile;
}

async function storedKeys(childId: string): Promise<Set<string>> {
  const rows = await database.dataSource.query<{ key: string }[]>(`SELECT key FROM child_match_key WHERE child_id = $1`, [childId]);
  return new Set(rows.map((row) => row.key));
}

describe("a child's match profile, when records are stored together", () => {
  it("gains a name and postcode only a sealed record gave once an unrestricted record reports them, at the same address", async () => {
    const sui = "9997300009";
    await submit({ agency: GP, submission: gpRecord("PG-OPEN-1", { sui, givenNames: "Tobias" }) });
    const childId = await childOfSui(sui);
    const moved = { kind: "HOME" as const, line1: "2 Ferry Steps", postcode: "HP23 4LW", localAuthority: "E06000060" };
    await submit({ agency: CLINIC, submission: gpRecord("PG-SEALED-1", { sui, givenNames: "Toby", familyName: "Marlowe", address: moved }, CLINIC, ["SEALED"]) });
    expect(await profileOf(childId)).toMatchObject({ givenNames: ["Tobias"], familyNames: ["Ashdown"], postcodes: ["HP21 7QR"] });

    // The same name and address as the sealed record: nothing the child's history lacks, all of it new to what it is matched on.
    await submit({ agency: GP, submission: gpRecord("PG-OPEN-1B", { sui, givenNames: "Toby", familyName: "Marlowe", address: moved }) });
    const profile = await profileOf(childId);
    expect(profile.givenNames.sort()).toEqual(["Toby", "Tobias"].sort());
    expect(profile.familyNames.sort()).toEqual(["Ashdown", "Marlowe"]);
    expect(profile.postcodes.sort()).toEqual(["HP21 7QR", "HP23 4LW"]);
    const keys = await storedKeys(childId);
    expect(profileKeys(profile).filter((key) => !keys.has(key))).toEqual([]);
  });

  it("does not take what a further sealed record reports", async () => {
    const sui = "9997300017";
    await submit({ agency: GP, submission: gpRecord("PG-OPEN-2", { sui, givenNames: "Imogen", sex: "FEMALE" }) });
    const childId = await childOfSui(sui);
    await submit({ agency: CLINIC, submission: gpRecord("PG-SEALED-2", { sui, givenNames: "Imogen", familyName: "Carrow", sex: "FEMALE", address: { kind: "HOME", line1: "4 Refuge Close", postcode: "HP22 5JJ", localAuthority: "E06000060" } }, CLINIC, ["SEALED"]) });
    expect(await profileOf(childId)).toMatchObject({ givenNames: ["Imogen"], familyNames: ["Ashdown"], postcodes: ["HP21 7QR"] });
  });

  it("is stored under every key of the profile a match extends, the merged names' combinations included", async () => {
    const sui = "9997300025";
    await submit({ agency: GP, submission: gpRecord("PG-OPEN-3", { sui, givenNames: "Rosalind", familyName: "Penhallow", dateOfBirth: "2009-11-02", sex: "FEMALE" }) });
    const childId = await childOfSui(sui);
    // Without an SUI: the same child by date of birth, sex and address, now also known by a second given name.
    const [matched] = await submit({ agency: CLINIC, submission: gpRecord("PG-MATCH-3", { givenNames: "Rosalind Mae", familyName: "Penhallow", dateOfBirth: "2009-11-02", sex: "FEMALE" }, CLINIC) });
    expect(matched.link.outcome).toBe("MATCHED");
    const profile = await profileOf(childId);
    expect(profile.givenNames).toEqual(expect.arrayContaining(["Rosalind", "Rosalind Mae"]));
    const keys = await storedKeys(childId);
    expect(profileKeys(profile).filter((key) => !keys.has(key))).toEqual([]);
  });

  it("loses a postcode a record matched to the child withholds, as one linked by its SUI makes it lose it", async () => {
    const sui = "9997300041";
    await submit({ agency: GP, submission: gpRecord("PG-OPEN-4", { sui, givenNames: "Cressida", familyName: "Vellacott", dateOfBirth: "2010-06-07", sex: "FEMALE" }) });
    const childId = await childOfSui(sui);
    expect((await profileOf(childId)).postcodes).toEqual(["HP21 7QR"]);
    // Without an SUI, at the same address, its location withheld: a location withheld by any record stays withheld.
    const [matched] = await submit({ agency: CLINIC, submission: gpRecord("PG-WITHHELD-4", { givenNames: "Cressida", familyName: "Vellacott", dateOfBirth: "2010-06-07", sex: "FEMALE" }, CLINIC, ["LOCATION_WITHHELD"]) });
    expect(matched.link.outcome).toBe("MATCHED");
    expect((await profileOf(childId)).postcodes).toEqual([]);
    expect([...(await storedKeys(childId))].filter((key) => key.includes("HP21"))).toEqual([]);
  });

  it("loses a postcode a sealed record matched to the child withholds, and takes nothing else from it", async () => {
    const sui = "9997300068";
    await submit({ agency: GP, submission: gpRecord("PG-OPEN-5", { sui, givenNames: "Ottoline", familyName: "Ferrers", dateOfBirth: "2012-08-09", sex: "FEMALE" }) });
    const childId = await childOfSui(sui);
    const refuge = { kind: "HOME" as const, line1: "12 Weir Lane", postcode: "HP21 7QR", localAuthority: "E06000060", labels: ["LOCATION_WITHHELD" as const] };
    const [matched] = await submit({ agency: CLINIC, submission: gpRecord("PG-SEALED-5", { givenNames: "Ottoline", familyName: "Ferrers", dateOfBirth: "2012-08-09", sex: "FEMALE", address: refuge }, CLINIC, ["SEALED"]) });
    expect(matched.link.outcome).toBe("MATCHED");
    expect(await profileOf(childId)).toMatchObject({ givenNames: ["Ottoline"], familyNames: ["Ferrers"], postcodes: [] });
    expect([...(await storedKeys(childId))].filter((key) => key.includes("HP21"))).toEqual([]);
  });
});
