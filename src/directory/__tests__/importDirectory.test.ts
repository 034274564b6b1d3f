import "reflect-metadata";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import winston from "winston";
import { DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { verifyAuditChain } from "../../audit/verifyAuditChain";
import { openDatabase, type Database } from "../../db/database";
import { ErrorCode } from "../../errors/HubError";
import { createLogger } from "../../logging/logger";
import { ensureBuilt } from "../../../test/support/build";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";
import { Agency } from "../Agency";
import { AgencyVersion } from "../AgencyVersion";
import { DirectoryChangeSource } from "../DirectoryChangeSource";
import { DirectoryProblem } from "../DirectoryProblem";
import { AgencyChangeProposal } from "../AgencyChangeProposal";
import { approveAgencyChange } from "../decideAgencyChange";
import { importDirectory } from "../importDirectory";
import { parseDirectoryCsv } from "../parseDirectoryCsv";
import { agenciesServing, agencyVersion } from "../routingDirectory";
import { type Principal } from "../../auth/Principal";
import { defaultMatchWeights } from "../../identity/matching/defaultMatchWeights";
import { lookUpAgency, prepareSubmission } from "../../records/prepareSubmission";
import { storeRecords } from "../../records/storeRecords";

const HEADER = "code,name,type,localAuthority,servedLocalAuthorities,contactEmail,contactPhone,escalationEmail,webhookUrl,active";
const NORTH = "E06000911";
const SOUTH = "E06000912";
const EAST = "E08000913";
const CSC_NORTH = `LA-NORTH,Northtestshire Children's Services,CHILDRENS_SOCIAL_CARE,${NORTH},,mash@northtest.example,01632 960201,duty@northtest.example,https://hooks.northtest.example/hub,`;
const FORCE = `POLICE-99,Testshire Constabulary,POLICE,,${NORTH};${SOUTH},ppu@testshire-police.example,01632 960211,,,true`;
const PRISON = `HMP-TST,HMP Testford,PRISON,${EAST},${EAST};${SOUTH},omu@testford.example,01632 960271,,,true`;
/** The prison's line with a new contact address: a harmless change, written at once. */
const PRISON_DUTY = PRISON.replace("omu@testford.example", "omu.duty@testford.example");
/** The council's line with a new name and endpoint: a routing change, for a second administrator to approve. */
const CSC_NORTH_REDIRECTED = CSC_NORTH.replace("https://hooks.northtest.example/hub", "https://hooks.elsewhere.example/take").replace("Northtestshire", "North Testshire");

/** The directory the running test reads and writes: each test that needs one opens its own (`directoryHolding`). */
let database: Database;
const opened: { database: Database; testDatabase: TestDatabase }[] = [];
const CHANGE = { changedBy: "directory-maintainer", changedByAgency: null, source: DirectoryChangeSource.IMPORT };
const RULES = { production: true };

afterAll(async () => {
  for (const { database: each, testDatabase } of opened) {
    await each.close();
    await testDatabase.drop();
  }
});

const csv = (...lines: string[]) => Readable.from([`${[HEADER, ...lines].join("\n")}\n`]);
const importOnly = async (...lines: string[]) => importDirectory(database.dataSource, await parseDirectoryCsv(csv(...lines)), CHANGE, RULES);
/** A directory administrator (not the import's operator) who approves what an import proposes. */
const approver = { sub: "directory-admin-approver", name: "Test approver", agency: "LA-NORTH", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["DIRECTORY_ADMIN"], localAuthority: NORTH, team: null, tokenId: null } as unknown as Principal;
const approvePending = async (code: string) => {
  const proposal = await database.dataSource.getRepository(AgencyChangeProposal).findOneByOrFail({ agencyCode: code, status: "PENDING" });
  return approveAgencyChange(database.dataSource, approver, `approve-${code}`, proposal.id, RULES);
};
/** An import, then a second administrator's approval of each change it proposes: the summary as the directory then stands. */
const run = async (...lines: string[]) => {
  const summary = await importOnly(...lines);
  for (const code of summary.proposed) {
    const receipt = await approvePending(code);
    (receipt.outcome === "CREATED" ? summary.created : summary.updated).push(code);
  }
  return { ...summary, proposed: [] };
};
const versionsOf = (code: string) => database.dataSource.getRepository(AgencyVersion).find({ where: { agencyCode: code }, order: { version: "ASC" } });
/** The `DIRECTORY_CHANGED` entries naming an agency, oldest first. */
const trailOf = async (code: string) =>
  (await database.dataSource.getRepository(DisclosureAuditEntry).find({ where: { operation: "DIRECTORY_CHANGED" }, order: { occurredAt: "ASC" } })).filter((entry) => entry.details.agencyCode === code);
const serving = (type: Agency["type"], localAuthority: string) =>
  agenciesServing(database.dataSource.manager, { type, localAuthority }).then((found) => found.map(({ entry, version }) => [entry.code, version]));

/**
 * A directory of the calling test's own, on a database of its own, holding what these lines import (the
 * first into the empty directory, written at once; any later, approved by a second administrator).
 */
async function directoryHolding(...imports: string[][]): Promise<void> {
  const testDatabase = await createTestDatabase("default", { migrated: true });
  const silent = createLogger("error", [new winston.transports.Console({ silent: true })]);
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-directory-")), poolSize: 4, ...IN_MEMORY_FOR_TESTS }, silent);
  opened.push({ database, testDatabase });
  for (const lines of imports) expect((await run(...lines)).faults).toEqual([]);
}

describe("importing a directory file", () => {
  it("creates each agency as version 1, with the areas it serves and who imported it", async () => {
    await directoryHolding();
    const summary = await run(CSC_NORTH, FORCE, PRISON);
    expect(summary).toEqual({ applied: true, lines: 3, created: ["LA-NORTH", "POLICE-99", "HMP-TST"], updated: [], proposed: [], unchanged: 0, faults: [] });
    const force = await database.dataSource.getRepository(Agency).findOneByOrFail({ code: "POLICE-99" });
    expect(force).toMatchObject({ localAuthority: null, servedLocalAuthorities: [NORTH, SOUTH], version: 1, active: true });
    const [version] = await versionsOf("LA-NORTH");
    expect(version).toMatchObject({
      version: 1, changedBy: "directory-maintainer", source: DirectoryChangeSource.IMPORT, auditEntryId: expect.any(String),
      entry: { code: "LA-NORTH", servedLocalAuthorities: [NORTH], escalationEmail: "duty@northtest.example", webhookUrl: "https://hooks.northtest.example/hub", active: true },
    });
    // Written into an empty directory, each agency is on the trail as a change through the API is, named by its version.
    expect(await trailOf("LA-NORTH")).toEqual([expect.objectContaining({
      id: version.auditEntryId, operation: "DIRECTORY_CHANGED", outcome: "RECORDED", principalSub: "directory-maintainer", principalAgency: "LA-NORTH",
      principalRoles: ["DIRECTORY_ADMIN"], childSuis: [], fieldsDisclosed: [], details: expect.objectContaining({ agencyCode: "LA-NORTH", outcome: "CREATED", version: 1 }),
    })]);
  });

  it("writes no version for a line that changes nothing, and one for each line that does", async () => {
    await directoryHolding([CSC_NORTH, FORCE, PRISON]);
    const summary = await run(CSC_NORTH, FORCE.replace(`${NORTH};${SOUTH}`, `${SOUTH};${NORTH}`), PRISON_DUTY);
    expect(summary).toMatchObject({ applied: true, created: [], updated: ["HMP-TST"], unchanged: 2 });
    expect((await versionsOf("LA-NORTH")).map(({ version }) => version)).toEqual([1]);
    expect((await versionsOf("POLICE-99")).map(({ version }) => version)).toEqual([1]);
    const prison = await versionsOf("HMP-TST");
    expect(prison.map(({ version, entry }) => [version, entry.contactEmail])).toEqual([[1, "omu@testford.example"], [2, "omu.duty@testford.example"]]);
    expect(await agencyVersion(database.dataSource.manager, "HMP-TST", 1)).toMatchObject({ version: 1, entry: { contactEmail: "omu@testford.example" } });
    expect(await agencyVersion(database.dataSource.manager, "HMP-TST")).toMatchObject({ version: 2, entry: { contactEmail: "omu.duty@testford.example" } });
  });

  it("names each faulty line with its stable problem, and then writes nothing at all", async () => {
    await directoryHolding([CSC_NORTH, FORCE, PRISON]);
    const summary = await run(
      FORCE.replace("Testshire Constabulary", "Testshire Constabulary (renamed)"),
      "SCH-900901,Testford Academy,SCHOOL,E08000913,,dsl@testford-academy.example,,,,",
      "SCH-900902,Testford Primary,EDUCATION,Testford,,dsl@testford-primary.example,,,,",
      "SCH-900903,Testford Infants,EDUCATION,E08000913,,dsl at testford-infants.example,,,,",
      "SCH-900904,Testford Juniors,EDUCATION,E08000913,,dsl@testford-juniors.example,,,ftp://hooks.testford-juniors.example,",
      "SCH-900905,Testford Nursery,EDUCATION,E08000913,,dsl@testford-nursery.example,,,http://hooks.testford-nursery.example/hub,",
      "SCH-900906,Testford Upper,EDUCATION,E08000913,,dsl@testford-upper.example,,,https://192.168.0.9/hub,",
      CSC_NORTH,
      CSC_NORTH.replace("Northtestshire", "North Testshire"),
      "SCH-900907,Testford Middle,EDUCATION,E08000913,,dsl@testford-middle.example,,,,maybe",
      'SCH-900908,"Testford "High",EDUCATION,E08000913,,,,,,',
    );
    expect(summary.applied).toBe(false);
    expect(summary.faults.map(({ line, code, field, problem }) => ({ line, code, field, problem }))).toEqual([
      { line: 3, code: "SCH-900901", field: "type", problem: DirectoryProblem.UNKNOWN_AGENCY_TYPE },
      { line: 4, code: "SCH-900902", field: "localAuthority", problem: DirectoryProblem.INVALID_LOCAL_AUTHORITY },
      { line: 5, code: "SCH-900903", field: "contactEmail", problem: DirectoryProblem.INVALID_EMAIL },
      { line: 6, code: "SCH-900904", field: "webhookUrl", problem: DirectoryProblem.INVALID_WEBHOOK_URL },
      { line: 7, code: "SCH-900905", field: "webhookUrl", problem: DirectoryProblem.WEBHOOK_NOT_HTTPS },
      { line: 8, code: "SCH-900906", field: "webhookUrl", problem: DirectoryProblem.WEBHOOK_NOT_PUBLIC },
      { line: 10, code: "LA-NORTH", field: "code", problem: DirectoryProblem.DUPLICATE_CODE },
      { line: 11, code: "SCH-900907", field: "active", problem: DirectoryProblem.INVALID_ACTIVE },
      { line: 12, code: null, field: "code", problem: DirectoryProblem.MALFORMED_LINE },
    ]);
    expect(summary.faults.find(({ line }) => line === 10)?.message).toContain("line 9");
    // The good lines were not applied either: the force keeps its name, and no school was created.
    expect(await database.dataSource.getRepository(Agency).findOneByOrFail({ code: "POLICE-99" })).toMatchObject({ name: "Testshire Constabulary", version: 1 });
    expect(await database.dataSource.getRepository(Agency).countBy({ type: "EDUCATION" })).toBe(0);
  });

  it("refuses a name holding an invisible filler, as the API does, and stores nothing", async () => {
    // U+3164 HANGUL FILLER is a letter to Unicode that shows as nothing: "Testford Lookalike School" twice over.
    const summary = await run("SCH-900911,Testford Lookalike School\u3164,EDUCATION,E08000913,,dsl@testford-lookalike.example,,,,");
    expect(summary.applied).toBe(false);
    expect(summary.faults.map(({ line, code, field, problem }) => ({ line, code, field, problem }))).toEqual([{ line: 2, code: "SCH-900911", field: "name", problem: DirectoryProblem.INVALID_NAME }]);
    expect(await database.dataSource.getRepository(Agency).findOneBy({ code: "SCH-900911" })).toBeNull();
  });

  it("refuses a new type for an agency whose records the hub holds, naming the line, and writes nothing", async () => {
    const PROBATION = `PDU-TST,Testford Probation Delivery Unit,PROBATION,${EAST},,pdu@testford.example,,,,`;
    await directoryHolding([CSC_NORTH, FORCE, PRISON]);
    expect(await run(PROBATION)).toMatchObject({ applied: true, created: ["PDU-TST"] });
    // The probation service has identified an adult to the hub.
    await database.dataSource.query(
      `WITH adult AS (INSERT INTO adult (given_names, family_name, sex) VALUES ('Testy', 'Offenderson', 'MALE') RETURNING id)
       INSERT INTO adult_identifier (agency_code, reference, adult_id) SELECT 'PDU-TST', 'CRN-T0001', id FROM adult`,
    );
    const summary = await run(PROBATION.replace("PDU-TST", "PDU-TS2"), PROBATION.replace(",PROBATION,", ",PRISON,").replace("Testford Probation Delivery Unit", "HMP Testford Annexe"));
    expect(summary.applied).toBe(false);
    expect(summary.faults.map(({ line, code, field, problem }) => ({ line, code, field, problem }))).toEqual([
      { line: 3, code: "PDU-TST", field: "type", problem: DirectoryProblem.AGENCY_TYPE_FIXED },
    ]);
    expect(summary).toMatchObject({ created: [], updated: [], unchanged: 0 });
    expect(await database.dataSource.getRepository(Agency).findOneByOrFail({ code: "PDU-TST" })).toMatchObject({ type: "PROBATION", name: "Testford Probation Delivery Unit", version: 1 });
    expect(await database.dataSource.getRepository(Agency).countBy({ code: "PDU-TS2" })).toBe(0);
    // Nor is anything on the trail: the entries roll back with the changes they would have recorded.
    expect(await trailOf("PDU-TS2")).toEqual([]);
  });

  it("accepts a plain-HTTP endpoint on a private address outside production", async () => {
    await directoryHolding([CSC_NORTH, FORCE, PRISON]);
    const lines = await parseDirectoryCsv(csv("SCH-900910,Testford Lab School,EDUCATION,E08000913,,,,,http://127.0.0.1:9000/receiver,"));
    expect(await importDirectory(database.dataSource, lines, CHANGE, { production: false })).toMatchObject({ applied: true, proposed: ["SCH-900910"], faults: [] });
    await approveAgencyChange(database.dataSource, approver, "approve-lab", (await database.dataSource.getRepository(AgencyChangeProposal).findOneByOrFail({ agencyCode: "SCH-900910", status: "PENDING" })).id, { production: false });
  });

  it("into a directory that holds agencies, writes a harmless change at once and proposes routing changes and new agencies for a directory administrator", async () => {
    // The prison's contact address has changed once since it was imported: the prison is at version 2.
    await directoryHolding([CSC_NORTH, FORCE, PRISON], [PRISON_DUTY]);
    const summary = await importOnly(CSC_NORTH_REDIRECTED, PRISON_DUTY.replace("HMP Testford", "HMP and YOI Testford"), "SCH-900920,Testford Academy,EDUCATION,E08000913,,dsl@testford-academy.example,,,,");
    expect(summary).toMatchObject({ applied: true, created: [], updated: ["HMP-TST"], proposed: ["LA-NORTH", "SCH-900920"], faults: [] });
    // One entry per change, proposed or written, in the transaction that made it, each named by its proposal or version.
    const [updated, northProposed, schoolProposed] = [(await trailOf("HMP-TST")).at(-1), (await trailOf("LA-NORTH")).at(-1), (await trailOf("SCH-900920")).at(-1)];
    expect([updated, northProposed, schoolProposed].map((entry) => entry?.details)).toEqual([
      { agencyCode: "HMP-TST", outcome: "UPDATED", version: 3, changedFields: ["name"] },
      { agencyCode: "LA-NORTH", outcome: "PENDING_APPROVAL", version: 1, changedFields: ["name", "webhookUrl"] },
      expect.objectContaining({ agencyCode: "SCH-900920", outcome: "PENDING_APPROVAL", version: 0 }),
    ]);
    expect(new Set([updated, northProposed, schoolProposed].map((entry) => entry?.requestId)).size).toBe(1);
    expect((await versionsOf("HMP-TST")).at(-1)).toMatchObject({ version: 3, auditEntryId: updated?.id });
    // Routing still reads the endpoint as it was; the proposal names the process's operator, not anyone the file names.
    expect(await agencyVersion(database.dataSource.manager, "LA-NORTH")).toMatchObject({ version: 1, entry: { webhookUrl: "https://hooks.northtest.example/hub" } });
    expect(await database.dataSource.getRepository(Agency).countBy({ code: "SCH-900920" })).toBe(0);
    expect(await database.dataSource.getRepository(AgencyChangeProposal).findOneByOrFail({ agencyCode: "LA-NORTH", status: "PENDING" })).toMatchObject({
      baseVersion: 1, changedFields: ["name", "webhookUrl"], source: DirectoryChangeSource.IMPORT, proposedBy: "directory-maintainer", proposedByAgency: null,
      proposalAuditEntryId: northProposed?.id,
    });
    // The same file again: the routing change waits already, so the line is refused and nothing is written.
    const again = await importOnly(CSC_NORTH_REDIRECTED);
    expect(again.faults.map(({ line, code, problem }) => ({ line, code, problem }))).toEqual([{ line: 2, code: "LA-NORTH", problem: DirectoryProblem.CHANGE_PENDING }]);
    const approved = await approvePending("LA-NORTH");
    expect(approved).toMatchObject({ outcome: "UPDATED", version: 2 });
    expect((await versionsOf("LA-NORTH")).at(-1)).toMatchObject({
      version: 2, changedBy: "directory-maintainer", source: DirectoryChangeSource.IMPORT, approvedBy: "directory-admin-approver", auditEntryId: northProposed?.id,
      entry: { webhookUrl: "https://hooks.elsewhere.example/take" },
    });
    await approvePending("SCH-900920");
    // The operator of an import is not the approver of its changes by that name either.
    expect((await importOnly(CSC_NORTH)).proposed).toEqual(["LA-NORTH"]);
    const ownApproval: Principal = { ...approver, sub: "directory-maintainer" };
    const proposal = await database.dataSource.getRepository(AgencyChangeProposal).findOneByOrFail({ agencyCode: "LA-NORTH", status: "PENDING" });
    await expect(approveAgencyChange(database.dataSource, ownApproval, "approve-own", proposal.id, RULES)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    await approvePending("LA-NORTH");
    expect(await verifyAuditChain(database.dataSource)).toMatchObject({ intact: true, firstBroken: null });
  });

  it("refuses a header with an unknown, repeated or missing column before reading any line", async () => {
    for (const header of ["code,name,type,website", "code,name,name,type", "code,type"]) {
      await expect(parseDirectoryCsv(Readable.from([`${header}\nX,Y,Z\n`]))).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path: "header", problem: DirectoryProblem.INVALID_HEADER } });
    }
  });
});

describe("npm run directory:import, as an operator runs it", () => {
  it("takes no name for who ran it: --changed-by is refused before anything is read, the operator being the process's own account", () => {
    ensureBuilt();
    const root = path.resolve(__dirname, "../../..");
    const result = spawnSync(process.execPath, [path.join(root, "dist/src/cli/importDirectory.js"), "--changed-by", "someone-else", path.join(root, "directory/agencies.sample.csv")], {
      cwd: root, env: { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "error", HUB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hub-directory-cli-")) }, encoding: "utf8", timeout: 120_000,
    });
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: "" });
    expect(result.stderr).toContain("unknown option '--changed-by'");
  });
});

describe("routing's view of the directory", () => {
  it("finds an agency in every authority it serves, with its current version, and only of the type asked", async () => {
    // The prison and the council have each changed once since they were imported; the force has not.
    await directoryHolding([CSC_NORTH, FORCE, PRISON], [PRISON_DUTY, CSC_NORTH_REDIRECTED]);
    expect(await serving("POLICE", NORTH)).toEqual([["POLICE-99", 1]]);
    expect(await serving("POLICE", SOUTH)).toEqual([["POLICE-99", 1]]);
    expect(await serving("POLICE", EAST)).toEqual([]);
    expect(await serving("PRISON", SOUTH)).toEqual([["HMP-TST", 2]]);
    expect(await serving("CHILDRENS_SOCIAL_CARE", NORTH)).toEqual([["LA-NORTH", 2]]);
    expect(await serving("CHILDRENS_SOCIAL_CARE", SOUTH)).toEqual([]);
  });

  it("stops finding an agency once it is deactivated, which is a version like any change, and keeps what it was", async () => {
    await directoryHolding([CSC_NORTH, FORCE, PRISON]);
    const summary = await run(FORCE.replace(/,true$/, ",false"));
    expect(summary).toMatchObject({ applied: true, updated: ["POLICE-99"] });
    expect(await serving("POLICE", NORTH)).toEqual([]);
    expect(await agencyVersion(database.dataSource.manager, "POLICE-99")).toMatchObject({ version: 2, entry: { active: false } });
    expect(await agencyVersion(database.dataSource.manager, "POLICE-99", 1)).toMatchObject({ version: 1, entry: { active: true, servedLocalAuthorities: [NORTH, SOUTH] } });
    expect(await agencyVersion(database.dataSource.manager, "POLICE-99", 3)).toBeNull();
    expect(await agencyVersion(database.dataSource.manager, "NO-SUCH-AGENCY")).toBeNull();
  });

  it("moves an area from one agency to another in one import", async () => {
    await directoryHolding([CSC_NORTH, FORCE, PRISON]);
    const summary = await run(FORCE.replace(`${NORTH};${SOUTH}`, NORTH), "POLICE-98,Southtest Police,POLICE,,E06000912,ppu@southtest-police.example,,,,true");
    expect(summary).toMatchObject({ applied: true, created: ["POLICE-98"], updated: ["POLICE-99"] });
    expect(await serving("POLICE", SOUTH)).toEqual([["POLICE-98", 1]]);
    expect(await serving("POLICE", NORTH)).toEqual([["POLICE-99", 2]]);
  });
});

describe("the directory's history", () => {
  it("can be neither changed nor deleted, and no agency can be deleted", async () => {
    // The council's routing change was proposed and approved: two versions, and a decided proposal.
    await directoryHolding([CSC_NORTH, FORCE, PRISON], [CSC_NORTH_REDIRECTED]);
    const { dataSource } = database;
    await expect(dataSource.query(`UPDATE agency_version SET changed_by = 'someone else' WHERE agency_code = 'LA-NORTH'`)).rejects.toThrow(/keeps its history/);
    await expect(dataSource.query(`DELETE FROM agency_version WHERE agency_code = 'LA-NORTH'`)).rejects.toThrow(/keeps its history/);
    await expect(dataSource.query(`DELETE FROM agency WHERE code = 'HMP-TST'`)).rejects.toThrow(/keeps its history/);
    await expect(dataSource.query(`DELETE FROM agency_change_proposal WHERE agency_code = 'LA-NORTH'`)).rejects.toThrow(/keeps its history/);
    await expect(dataSource.query(`UPDATE agency_change_proposal SET status = 'PENDING' WHERE agency_code = 'LA-NORTH' AND status = 'APPROVED'`)).rejects.toThrow(/decided once/);
    expect(await versionsOf("LA-NORTH")).toHaveLength(2);
  });
});

/**
 * An agency's type is fixed once the hub holds what it submitted, and a retype decides that under a
 * lock on the agency's row: a first submission being written holds that row (a record about a child by
 * its foreign key, an adult the agency identified through `adult_identifier`'s trigger), so a retype
 * under way meanwhile waits and then finds it; and a submission checked against the old type before a
 * retype committed is refused, not stored as the new type's.
 */
describe("a retype racing an agency's first submission", () => {
  const RACE = "HMP-RACE";
  const prisonLine = `${RACE},HMP Racetest,PRISON,${EAST},,omu@racetest.example,01632 960281,,,true`;
  beforeAll(async () => {
    await directoryHolding([prisonLine]);
  });

  it("an adult-only first submission holds the agency's row in its own transaction", async () => {
    await database.dataSource.transaction(async (manager) => {
      const [adult] = await manager.query<{ id: string }[]>(`INSERT INTO adult (given_names, family_name, sex) VALUES ('Racer', 'Testman', 'MALE') RETURNING id`);
      await manager.query(`INSERT INTO adult_identifier (agency_code, reference, adult_id) VALUES ($1, 'R1000AA', $2)`, [RACE, adult.id]);
      const [row] = await manager.query<{ locker: string; me: string }[]>(`SELECT xmax::text AS locker, (txid_current() % 4294967296)::text AS me FROM agency WHERE code = $1`, [RACE]);
      expect(row.locker).toBe(row.me);
    });
  });

  it("a submission checked against the type before a retype committed is refused and stores nothing", async () => {
    const system = { sub: "system-hmp-race", name: "HMP Racetest system", agency: "HMP-RACE-2", agencyType: "PRISON", roles: ["AGENCY_SYSTEM"], localAuthority: EAST, team: null, tokenId: null } as unknown as Principal;
    expect((await run(`HMP-RACE-2,HMP Racetest Two,PRISON,${EAST},,omu@racetest2.example,01632 960282,,,true`)).faults).toEqual([]);
    const child = { sui: "9990000115", givenNames: "Rhea", familyName: "Testman", dateOfBirth: "2016-01-01", sex: "FEMALE" as const };
    const prepared = await prepareSubmission(lookUpAgency(database.dataSource), system, {
      agencyCode: "HMP-RACE-2", agencyReference: "HMP-RACE-2-1", child, relatedAdults: [{ reference: "R2000AA", givenNames: "Racer", familyName: "Testman", sex: "MALE", relationship: "FATHER", subjectOfRecord: true, posesRiskToChild: true, prisonNumber: "R2000AA" }],
      prison: { prisonNumber: "R2000AA", pprcStatus: "CONFIRMED", pprcAssessedOn: "2026-01-20" },
    }, new Date(), defaultMatchWeights());
    expect((await run(`HMP-RACE-2,HMP Racetest Two,PROBATION,${EAST},,omu@racetest2.example,01632 960282,,,true`)).faults).toEqual([]);
    await expect(database.dataSource.transaction((manager) => storeRecords(manager, [{ ...prepared, receivedAt: new Date() }]))).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: expect.objectContaining({ problem: "AGENCY_TYPE_MISMATCH" }) });
    expect(await database.dataSource.query(`SELECT 1 FROM agency_record WHERE agency_code = 'HMP-RACE-2' UNION ALL SELECT 1 FROM adult_identifier WHERE agency_code = 'HMP-RACE-2'`)).toEqual([]);
  });
});
