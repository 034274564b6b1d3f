import "reflect-metadata";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import winston from "winston";
import { openDatabase, type Database } from "../../db/database";
import { createLogger } from "../../logging/logger";
import { type ReportedIdentity } from "../ReportedIdentity";
import { linkRecords, type LinkResult } from "../linkRecords";
import { defaultMatchWeights } from "../matching/defaultMatchWeights";
import { type MatchProfile } from "../matching/MatchProfile";
import { writeMatchProfiles } from "../matchProfiles";
import { TEST_AGENCIES } from "../../../test/support/fixtures";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";

/**
 * The linker against a hub large enough for its counts to mean something: 1,200 children elsewhere in
 * the country, 150 each of eight first names (so Freddie, Ava and Eva, John and Jon are names in use),
 * one family in twenty a Smith. The children each test is about live in HP20, with family names of
 * their own.
 */
const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const AGENCY = TEST_AGENCIES[3];
const NAMES_IN_USE = ["Freddie", "Ava", "Eva", "John", "Jon", "Oliver", "Amelia", "Isla"];
const LETTERS = "bcdfghklmnprstvw";

let testDatabase: TestDatabase;
let database: Database;

/** A family name of letters only, different for each number. */
function familyName(index: number): string {
  let name = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor(rest / LETTERS.length)) name += `${LETTERS.charAt(rest % LETTERS.length)}a`;
  return `Q${name}ton`;
}

interface KnownChild {
  id: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: "MALE" | "FEMALE";
  postcode: string;
}

async function addChildren(children: Omit<KnownChild, "id">[]): Promise<KnownChild[]> {
  const known = children.map((child) => ({ ...child, id: randomUUID() }));
  await database.dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO child (id, given_names, family_name, date_of_birth, sex)
       SELECT x.id, x."givenNames", x."familyName", x."dateOfBirth", x.sex FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "givenNames" text, "familyName" text, "dateOfBirth" date, sex text)`,
      [JSON.stringify(known)],
    );
    const profiles: MatchProfile[] = known.map((child) => ({ childId: child.id, givenNames: [child.givenNames], familyNames: [child.familyName], dateOfBirth: child.dateOfBirth, sex: child.sex, postcodes: [child.postcode] }));
    await writeMatchProfiles(manager, profiles, false);
  });
  return known;
}

/** Stores a record reporting `identity` without an SUI and links it, as submitRecord would. */
async function link(identity: Omit<ReportedIdentity, "expectedDateOfBirth" | "address">): Promise<LinkResult & { evidence: { fieldWeights: Record<string, number>; levels: Record<string, string> } | null }> {
  const recordId = randomUUID();
  const reported: ReportedIdentity = { ...identity, expectedDateOfBirth: null, address: null };
  return database.dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO agency_record (id, agency_code, agency_reference, record_type, reported_identity, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash)
       VALUES ($1, $2, $3, 'HEALTH', $4, 'PROBABILISTIC', 'POSSIBLE', 'AUTO', 'test', now(), repeat('0', 64))`,
      [recordId, AGENCY.code, `REF-${recordId}`, JSON.stringify(reported)],
    );
    const weights = defaultMatchWeights();
    const [result] = await linkRecords(manager, [{ recordId, agencyCode: AGENCY.code, identity: reported }], { weights, decidedBy: "test", now: new Date() });
    const [{ link_evidence: evidence }] = await manager.query(`SELECT link_evidence FROM agency_record WHERE id = $1`, [recordId]);
    return { ...(result), evidence };
  });
}

const termCount = async (term: string): Promise<number> => (await database.dataSource.query<{ children: number }[]>(`SELECT children FROM child_match_term WHERE term = $1`, [term]))[0]?.children ?? 0;

beforeAll(async () => {
  testDatabase = await createTestDatabase("default", { migrated: true });
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-link-")), poolSize: 2, ...IN_MEMORY_FOR_TESTS }, logger);
  await database.dataSource.query(`INSERT INTO agency (code, name, type, local_authority) VALUES ($1, $2, $3, $4)`, [AGENCY.code, AGENCY.name, AGENCY.type, AGENCY.localAuthority]);
  await addChildren(
    Array.from({ length: 1200 }, (_, index) => ({
      givenNames: NAMES_IN_USE[index % NAMES_IN_USE.length],
      familyName: index % 20 === 0 ? "Smith" : familyName(index),
      dateOfBirth: `${2008 + (index % 12)}-${String(1 + (index % 12)).padStart(2, "0")}-${String(1 + (index % 28)).padStart(2, "0")}`,
      sex: index % 2 === 0 ? "MALE" : "FEMALE",
      postcode: `LN${1 + (index % 9)} ${index % 10}${LETTERS.charAt(index % 16).toUpperCase()}${LETTERS.charAt(Math.floor(index / 16) % 16).toUpperCase()}`,
    })),
  );
}, 120_000);

afterAll(async () => {
  await database.close();
  await testDatabase.drop();
});

describe("the twin guard, on the evidence the hub holds", () => {
  it("auto-links a spelling slip of a name in use, with the same date of birth, when no twin is known", async () => {
    const [freddie] = await addChildren([{ givenNames: "Freddie", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "MALE", postcode: "HP20 1UA" }]);
    const result = await link({ givenNames: "Fredie", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "MALE", postcode: "HP20 1UA" });
    expect(result).toMatchObject({ band: "AUTO_LINK", childId: freddie?.id, rule: "above-auto-link-threshold" });
  });

  it("never auto-links a record to a child whose same-birthday sibling is known at the same address, even for a slip", async () => {
    const [freddie, ava] = await addChildren([
      { givenNames: "Freddie", familyName: "Kestrel", dateOfBirth: "2015-05-02", sex: "MALE", postcode: "HP20 2KE" },
      { givenNames: "Ava", familyName: "Kestrel-Dunn", dateOfBirth: "2015-05-02", sex: "FEMALE", postcode: "HP20 2KE" },
    ]);
    const result = await link({ givenNames: "Fredie", familyName: "Kestrel", dateOfBirth: "2015-05-02", sex: "MALE", postcode: "HP20 2KE" });
    expect(result).toMatchObject({ band: "REVIEW", childId: null, rule: "possible-twin-sibling-known" });
    expect(result.reviewCandidateIds).toContain(freddie?.id);
    expect(result.reviewCandidateIds).not.toEqual([ava?.id]);
  });

  it("never auto-links a record to a child whose same-birthday sibling is known in the same family, at another address in the district", async () => {
    await addChildren([
      { givenNames: "Freddie", familyName: "Marrowby", dateOfBirth: "2016-08-19", sex: "MALE", postcode: "HP20 3MA" },
      { givenNames: "Isla", familyName: "Marrowby", dateOfBirth: "2016-08-19", sex: "FEMALE", postcode: "HP20 9MB" },
    ]);
    const result = await link({ givenNames: "Fredie", familyName: "Marrowby", dateOfBirth: "2016-08-19", sex: "MALE", postcode: "HP20 3MA" });
    expect(result).toMatchObject({ band: "REVIEW", rule: "possible-twin-sibling-known" });
  });

  it("sends a record named a spelling away from a known child to a person when both names are in use: Eva beside Ava could be her twin", async () => {
    const [ava] = await addChildren([{ givenNames: "Ava", familyName: "Merrow", dateOfBirth: "2013-11-23", sex: "FEMALE", postcode: "HP20 4ME" }]);
    const eva = await link({ givenNames: "Eva", familyName: "Merrow", dateOfBirth: "2013-11-23", sex: "FEMALE", postcode: "HP20 4ME" });
    expect(eva).toMatchObject({ band: "REVIEW", rule: "possible-twin", reviewCandidateIds: [ava?.id] });
  });

  it("treats Jon beside John as two names, not a slip: a person decides", async () => {
    await addChildren([{ givenNames: "John", familyName: "Pellow", dateOfBirth: "2012-06-30", sex: "MALE", postcode: "HP20 5PE" }]);
    expect(await link({ givenNames: "Jon", familyName: "Pellow", dateOfBirth: "2012-06-30", sex: "MALE", postcode: "HP20 5PE" })).toMatchObject({ band: "REVIEW", rule: "possible-twin" });
  });

  it("still links each known twin's own record to the right twin", async () => {
    const [freddie, ava] = await addChildren([
      { givenNames: "Freddie", familyName: "Tollan", dateOfBirth: "2011-01-15", sex: "MALE", postcode: "HP20 6TO" },
      { givenNames: "Ava", familyName: "Tollan", dateOfBirth: "2011-01-15", sex: "FEMALE", postcode: "HP20 6TO" },
    ]);
    expect(await link({ givenNames: "Ava", familyName: "Tollan", dateOfBirth: "2011-01-15", sex: "FEMALE", postcode: "HP20 6TO" })).toMatchObject({ band: "AUTO_LINK", childId: ava?.id });
    expect(await link({ givenNames: "Freddie James", familyName: "Tollan", dateOfBirth: "2011-01-15", sex: "MALE", postcode: "HP20 6TO" })).toMatchObject({ band: "AUTO_LINK", childId: freddie?.id });
  });
});

describe("term-frequency adjustment, on the hub's own counts", () => {
  it("weighs a shared common surname less than a shared rare one", async () => {
    await addChildren([
      { givenNames: "Oliver", familyName: "Smith", dateOfBirth: "2010-10-10", sex: "MALE", postcode: "HP20 7SM" },
      { givenNames: "Oliver", familyName: "Quillfeather", dateOfBirth: "2010-10-11", sex: "MALE", postcode: "HP20 7QU" },
    ]);
    const smith = await link({ givenNames: "Oliver", familyName: "Smith", dateOfBirth: "2010-10-10", sex: "MALE", postcode: "HP20 7SM" });
    const rare = await link({ givenNames: "Oliver", familyName: "Quillfeather", dateOfBirth: "2010-10-11", sex: "MALE", postcode: "HP20 7QU" });
    expect(smith.evidence?.levels.familyName).toBe("EXACT");
    expect(rare.evidence?.levels.familyName).toBe("EXACT");
    expect(smith.evidence?.fieldWeights.familyName).toBeLessThan(rare.evidence?.fieldWeights.familyName as number);
    expect((rare.evidence?.fieldWeights.familyName as number) - (smith.evidence?.fieldWeights.familyName as number)).toBeGreaterThan(3);
  });

  it("counts each value once per child, following what the linker adds to a profile", async () => {
    expect(await termCount("given:freddie")).toBeGreaterThanOrEqual(150);
    // The slip auto-linked above joined the profile of the one Freddie it was linked to; those reviewed joined none.
    expect(await termCount("given:fredie")).toBe(1);
    const [child] = await addChildren([{ givenNames: "Amelia", familyName: "Brackenridge", dateOfBirth: "2017-02-14", sex: "FEMALE", postcode: "HP20 8BR" }]);
    expect(await termCount("family:brackenridge")).toBe(1);
    // A new family name on an auto-linked record joins the child's profile, and the count.
    const result = await link({ givenNames: "Amelia", familyName: "Brackenridge-Holt", dateOfBirth: "2017-02-14", sex: "FEMALE", postcode: "HP20 8BR" });
    expect(result).toMatchObject({ band: "AUTO_LINK", childId: child?.id });
    expect(await termCount("family:brackenridgeholt")).toBe(1);
    expect(await termCount("family:brackenridge")).toBe(1);
    // Replacing the profile without it takes it out of the count again.
    await database.dataSource.transaction((manager) =>
      writeMatchProfiles(manager, [{ childId: child?.id, givenNames: ["Amelia"], familyNames: ["Brackenridge"], dateOfBirth: "2017-02-14", sex: "FEMALE", postcodes: ["HP20 8BR"] }], true),
    );
    expect(await termCount("family:brackenridgeholt")).toBe(0);
    expect(await termCount("family:brackenridge")).toBe(1);
  });
});
