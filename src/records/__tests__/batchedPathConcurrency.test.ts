import "reflect-metadata";
import { Writable } from "node:stream";
import winston from "winston";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { openDatabase, type Database } from "../../db/database";
import { Agency } from "../../directory/Agency";
import { syntheticNhsNumbers } from "../../identity/nhsNumber";
import { createLogger } from "../../logging/logger";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";
import { TEST_AGENCIES } from "../../../test/support/fixtures";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";
import { submitRecords } from "../submitRecord";

/**
 * Two hub processes (an import run beside the server) storing batches of the same children at once, in
 * opposite orders: every caller still gets its receipt, and each SUI names one child.
 */
let testDatabase: TestDatabase;
let first: Database;
let second: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase("default", { migrated: true });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  first = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  second = testDatabase.url === undefined ? first : await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  const template = TEST_AGENCIES.find((agency) => agency.type === "HEALTH") as Agency;
  await first.dataSource.getRepository(Agency).insert([{ ...template, code: "CC-ONE", name: "One" }, { ...template, code: "CC-TWO", name: "Two" }]);
}, 120_000);

afterAll(async () => {
  if (second !== first) await second.close();
  await first.close();
  await testDatabase.drop();
});

const systemOf = (agency: string): Principal => ({
  sub: `system-${agency.toLowerCase()}`, name: `${agency} system`, agency, agencyType: "HEALTH", roles: [Role.AGENCY_SYSTEM], localAuthority: "E06000060", team: null, tokenId: null,
});
const record = (agencyCode: string, reference: string, sui: string, index: number): AgencyRecordSubmission => ({
  agencyCode, agencyReference: reference,
  child: { sui, givenNames: `Concur${String.fromCharCode(97 + (index % 26))}`, familyName: `Parallel${index}`, dateOfBirth: "2013-03-03", sex: "MALE" },
  health: { gpPracticeCode: "K99003", gpPracticeName: "One", registeredOn: "2015-05-01" },
  relatedAdults: [{ reference: `ADULT-${index}`, givenNames: "Guardian", familyName: `Parallel${index}`, sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true }],
});

it("stores opposite-ordered batches of the same new children from two processes, every caller answered", async () => {
  const generated = syntheticNhsNumbers(771000);
  const suis = Array.from({ length: 60 }, () => generated.next().value as string);
  for (let round = 0; round < 3; round++) {
    const slice = suis.slice(round * 20, round * 20 + 20);
    const one = slice.map((sui, index) => ({ principal: systemOf("CC-ONE"), submission: record("CC-ONE", `R${round}-${index}`, sui, index) }));
    const two = [...slice].reverse().map((sui, index) => ({ principal: systemOf("CC-TWO"), submission: record("CC-TWO", `R${round}-${index}`, sui, slice.length - 1 - index) }));
    const [a, b] = await Promise.all([submitRecords(first.dataSource, one), submitRecords(second.dataSource, two)]);
    const failed = [...a, ...b].filter((result) => !result.stored).map((result) => String((result as { error: unknown }).error));
    expect(failed).toEqual([]);
  }
  const [{ children }] = await first.dataSource.query<[{ children: number }]>(`SELECT count(*)::int AS children FROM child WHERE sui = ANY($1::text[])`, [suis]);
  expect(children).toBe(60);
  const [{ adults }] = await first.dataSource.query<[{ adults: number }]>(`SELECT count(*)::int AS adults FROM adult_identifier WHERE agency_code IN ('CC-ONE', 'CC-TWO')`);
  expect(adults).toBe(40);
}, 120_000);
