import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import winston from "winston";
import { openDatabase, type Database } from "../../db/database";
import { HubMetadata } from "../../db/HubMetadata";
import { createLogger } from "../../logging/logger";
import { AdultName } from "../../people/AdultName";
import { Child } from "../../people/Child";
import { currentResidence } from "../../people/residence";
import { ChildAddress } from "../../people/ChildAddress";
import { NameKind } from "../../people/NameKind";
import { AgencyRecord } from "../../records/AgencyRecord";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { createTestDatabase, type TestDatabase } from "../../../test/support/testDatabase";
import { summariseDemoDataSet } from "../demoDataSummary";
import { BUCKINGHAMSHIRE, DEMO_AGENCIES, MILTON_KEYNES } from "../demoDirectory";
import { AgencyVersion } from "../../directory/AgencyVersion";
import { AgencyType } from "../../directory/AgencyType";
import { agenciesServing } from "../../directory/routingDirectory";
import { buildDemoDataSet, DEMO_DATA_KEY, loadDemoDataIfFirstStart } from "../loadDemoData";
import { DEMO_SCENARIOS } from "../scenarios";

describe("loading the demo data on first start", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const lines: string[] = [];
  const logger = createLogger("info", [new winston.transports.Stream({
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  })]);
  const expected = summariseDemoDataSet(buildDemoDataSet());

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase(
      { databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-demo-")), poolSize: 4, inMemory: true },
      logger,
    );
  }, 120_000);

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it("submits every record through the hub and records that it did", async () => {
    const summary = await loadDemoDataIfFirstStart(database.dataSource, logger);
    expect(summary).toEqual(expected);
    const { dataSource } = database;
    // The children known by SUI, and one unborn child awaiting an SUI (a midwife's record, scenario 5).
    expect(await dataSource.getRepository(Child).count()).toBe(expected.children + 1);
    const records = Object.values(expected.records).reduce((sum, count) => sum + count, 0);
    expect(await dataSource.getRepository(AgencyRecord).count()).toBe(records);
    const metadata = await dataSource.getRepository(HubMetadata).findOneByOrFail({ key: DEMO_DATA_KEY });
    expect(metadata.value).toMatchObject({ version: expect.any(Number), loadedAt: expect.any(String), counts: expected });
  }, 300_000);

  it("links the records that arrive without an SUI: one matched, one for a data steward, one new unborn child", async () => {
    const rows = await database.dataSource.query<{ link_state: string; sui: string | null; expected_date_of_birth: string | null }[]>(
      `SELECT r.link_state, c.sui, c.expected_date_of_birth::text FROM agency_record r LEFT JOIN child c ON c.id = r.child_id WHERE r.link_method <> 'SUI' ORDER BY r.link_state, c.sui NULLS LAST`,
    );
    expect(rows).toEqual([
      { link_state: "LINKED", sui: DEMO_SCENARIOS[5].sui, expected_date_of_birth: null },
      { link_state: "LINKED", sui: null, expected_date_of_birth: "2027-02-14" },
      { link_state: "POSSIBLE", sui: null, expected_date_of_birth: null },
    ]);
    const [review] = await database.dataSource.query<{ sui: string }[]>(`SELECT c.sui FROM link_review v JOIN child c ON c.id = v.candidate_child_id WHERE v.status = 'OPEN'`);
    expect(review?.sui).toBe(DEMO_SCENARIOS[5].sui);
  });

  it("loads the directory through the directory import: version 1 of every agency, with the areas each serves", async () => {
    const versions = await database.dataSource.getRepository(AgencyVersion).find();
    expect(versions).toHaveLength(DEMO_AGENCIES.length);
    expect(new Set(versions.map(({ version, source, changedBy }) => `${version} ${source} ${changedBy}`))).toEqual(new Set(["1 DEMO demo-loader"]));
    const police = await agenciesServing(database.dataSource.manager, { type: AgencyType.POLICE, localAuthority: MILTON_KEYNES });
    expect(police.map(({ entry, version }) => [entry.code, version])).toEqual([["POLICE-43", 1]]);
  });

  it("logs counts and never a name", () => {
    const loaded = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === "demo.loaded");
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ counts: expected, durationMs: expect.any(Number) });
    for (const scenarioName of ["Harebellow", "Quinceworth", "Caitlin", "Emberthorn"]) expect(lines.join("\n")).not.toContain(scenarioName);
  });

  it("keeps a renamed PPRC as one adult with the new name as an alias of the agency that was told (scenario 2)", async () => {
    const alias = await database.dataSource.getRepository(AdultName).findOneOrFail({ where: { familyName: "Fallowmere" }, relations: { adult: { names: true } } });
    expect(alias.kind).toBe(NameKind.ALIAS);
    const told = alias.adult.names.filter((name) => name.reportedBy === alias.reportedBy);
    expect(told.map((name) => [name.familyName, name.kind]).sort()).toEqual([["Fallowmere", NameKind.ALIAS], ["Quinceworth", NameKind.USUAL]]);
    // The other agencies holding him know him by the name they reported.
    expect(alias.adult.names.filter((name) => name.reportedBy !== alias.reportedBy).every((name) => name.familyName === "Quinceworth")).toBe(true);
  });

  it("keeps the unaccompanied child's placement withheld, and the child at risk in Buckinghamshire (scenarios 8 and 1)", async () => {
    const addresses = await database.dataSource.getRepository(ChildAddress).find({ where: { child: { sui: DEMO_SCENARIOS[8].sui } } });
    expect(addresses.map((address) => [address.kind, address.labels])).toEqual([["PLACEMENT", [SensitivityLabel.LOCATION_WITHHELD]]]);
    const atRisk = await database.dataSource.getRepository(ChildAddress).find({ where: { child: { sui: DEMO_SCENARIOS[1].sui } } });
    expect(currentResidence(atRisk)?.localAuthority).toBe(BUCKINGHAMSHIRE);
  });

  it("does nothing on a later start", async () => {
    expect(await loadDemoDataIfFirstStart(database.dataSource, logger)).toBeNull();
  });
});
