import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { In } from "typeorm";
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
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";
import { summariseDemoDataSet, type DemoDataSummary } from "../demoDataSummary";
import { BUCKINGHAMSHIRE, DEMO_AGENCIES, HMP_EXAMPLETON, HMP_SAMPLEFORD_GRANGE, MILTON_KEYNES, WESTMOCK_EMERGENCY_DEPARTMENT } from "../demoDirectory";
import { AgencyVersion } from "../../directory/AgencyVersion";
import { AgencyType } from "../../directory/AgencyType";
import { agenciesServing } from "../../directory/routingDirectory";
import { buildDemoDataSet, DEMO_DATA_KEY, loadDemoDataIfFirstStart } from "../loadDemoData";
import { DEMO_SCENARIOS } from "../scenarios";
import { AuditOperation } from "../../audit/AuditOperation";
import { DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { Notification } from "../../notifications/Notification";
import { NotificationDelivery } from "../../notifications/NotificationDelivery";
import { POLICY } from "../../notifications/__tests__/notificationDatabase";

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
  const LOADED_AT = new Date("2026-11-02T09:00:00Z");

  beforeAll(async () => {
    testDatabase = await createTestDatabase("default", { migrated: true });
    database = await openDatabase(
      { databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-demo-")), poolSize: 4, ...IN_MEMORY_FOR_TESTS },
      logger,
    );
  }, 120_000);

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  // The hub starts for the first time on this database once: whichever test runs first starts it, and every
  // test reads what that start loaded, logged and answered, in whatever order they run.
  let firstStart: Promise<DemoDataSummary | null> | undefined;
  const startedFirstTime = () => (firstStart ??= loadDemoDataIfFirstStart({ dataSource: database.dataSource, policy: POLICY }, logger, () => LOADED_AT));
  const LOADING = 300_000;

  it("submits every record through the hub and records that it did", async () => {
    const summary = await startedFirstTime();
    expect(summary).toEqual(expected);
    const { dataSource } = database;
    // The children known by SUI, and one unborn child awaiting an SUI (a midwife's record, scenario 5).
    expect(await dataSource.getRepository(Child).count()).toBe(expected.children + 1);
    const records = Object.values(expected.records).reduce((sum, count) => sum + count, 0);
    expect(await dataSource.getRepository(AgencyRecord).count()).toBe(records);
    const metadata = await dataSource.getRepository(HubMetadata).findOneByOrFail({ key: DEMO_DATA_KEY });
    expect(metadata.value).toMatchObject({ version: expect.any(Number), loadedAt: expect.any(String), counts: expected });
  }, LOADING);

  it("links the records that arrive without an SUI: one matched, one for a data steward, one new unborn child", async () => {
    await startedFirstTime();
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
  }, LOADING);

  it("loads the directory through the directory import: version 1 of every agency, with the areas each serves", async () => {
    await startedFirstTime();
    const versions = await database.dataSource.getRepository(AgencyVersion).find();
    expect(versions).toHaveLength(DEMO_AGENCIES.length);
    expect(new Set(versions.map(({ version, source, changedBy }) => `${version} ${source} ${changedBy}`))).toEqual(new Set(["1 DEMO demo-loader"]));
    const police = await agenciesServing(database.dataSource.manager, { type: AgencyType.POLICE, localAuthority: MILTON_KEYNES });
    expect(police.map(({ entry, version }) => [entry.code, version])).toEqual([["POLICE-43", 1]]);
  }, LOADING);

  it("logs counts and never a name", async () => {
    await startedFirstTime();
    const loaded = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.event === "demo.loaded");
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ counts: expected, durationMs: expect.any(Number) });
    for (const scenarioName of ["Harebellow", "Quinceworth", "Caitlin", "Emberthorn"]) expect(lines.join("\n")).not.toContain(scenarioName);
  }, LOADING);

  it("arrives with scenario 1's release in four inboxes, each told what its agency type may see, each delivery audited first", async () => {
    await startedFirstTime();
    const notification = await database.dataSource.getRepository(Notification).findOneByOrFail({ sourceAgency: HMP_EXAMPLETON, sourceReference: "REL-EXA-2026-0114" });
    const deliveries = await database.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: notification.id }, order: { recipientAgency: "ASC" } });
    expect(deliveries.map((delivery) => delivery.recipientAgency)).toEqual(["LA-E06000060", "LA-E10000019", "PDU-E10000019", "POLICE-32"]);
    const byAgency = new Map(deliveries.map((delivery) => [delivery.recipientAgency, delivery]));
    // Both CSCs are told of both children; the police of the release, not of the children or the MAPPA detail.
    expect(byAgency.get("LA-E06000060")?.content.childrenAtRisk?.map((child) => child.sui).sort()).toEqual([DEMO_SCENARIOS[1].sui, "9990000026"]);
    expect(byAgency.get("LA-E06000060")?.content.pprc?.mappaLevel).toBeUndefined();
    expect(byAgency.get("PDU-E10000019")?.content.pprc?.mappaLevel).toBe(2);
    expect(byAgency.get("POLICE-32")?.content.pprc?.releaseDate).toBe("2026-12-14");
    expect(byAgency.get("POLICE-32")?.content.childrenAtRisk).toBeUndefined();
    for (const delivery of deliveries) {
      expect(delivery.acknowledgeBy?.getTime()).toBeGreaterThan(LOADED_AT.getTime());
      expect(delivery.acknowledgedAt).toBeNull();
    }
    const audited = await database.dataSource.getRepository(DisclosureAuditEntry).findBy({ id: In(deliveries.map((delivery) => delivery.disclosureId)) });
    expect(audited.map((entry) => entry.operation)).toEqual(deliveries.map(() => AuditOperation.NOTIFICATION_DELIVERY));
  }, LOADING);

  it("arrives with scenario 9's emergency department attendance in the inbox of the authority holding his plan (CP-IS)", async () => {
    await startedFirstTime();
    const notification = await database.dataSource.getRepository(Notification).findOneByOrFail({ sourceAgency: WESTMOCK_EMERGENCY_DEPARTMENT, sourceReference: "ED-WMK-2026-103117" });
    const deliveries = await database.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: notification.id });
    expect(deliveries.map(({ recipientAgency, routingRules }) => [recipientAgency, routingRules])).toEqual([["LA-E06000042", ["cpis-attendance-plan-holder"]]]);
    const [delivery] = deliveries;
    expect(delivery.childSuis).toEqual([DEMO_SCENARIOS[9].sui]);
    expect(delivery.content.unscheduledCareAttendance).toMatchObject({ attendedOn: "2026-10-31", setting: "EMERGENCY_DEPARTMENT", presentingComplaint: "Head injury, attended at 02:10" });
    expect(delivery.acknowledgeBy?.getTime()).toBeGreaterThan(LOADED_AT.getTime());
    expect(delivery.acknowledgedAt).toBeNull();
    const [audited] = await database.dataSource.getRepository(DisclosureAuditEntry).findBy({ id: delivery.disclosureId });
    expect(audited.operation).toBe(AuditOperation.NOTIFICATION_DELIVERY);
  }, LOADING);

  it("keeps the prison's record of each child as it was where the notification says nothing of it (the expected release date)", async () => {
    await startedFirstTime();
    const noah = await database.dataSource.query<{ expected_release_date: string | null; pprc_assessed_on: string | null }[]>(
      `SELECT p.expected_release_date::text, p.pprc_assessed_on::text FROM prison_record p JOIN agency_record r ON r.id = p.record_id WHERE r.agency_code = $1 AND r.agency_reference = $2`,
      [HMP_SAMPLEFORD_GRANGE, "PPRC-SFG-2026-0031"],
    );
    expect(noah).toEqual([{ expected_release_date: "2027-08-20", pprc_assessed_on: "2026-02-16" }]);
  }, LOADING);

  it("keeps a renamed PPRC as one adult with the new name as an alias of the agency that was told (scenario 2)", async () => {
    await startedFirstTime();
    const notification = await database.dataSource.getRepository(Notification).findOneByOrFail({ sourceAgency: HMP_SAMPLEFORD_GRANGE, sourceReference: "NCR-SFG-2026-0007" });
    const deliveries = await database.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: notification.id });
    // Prisoner and child both live in Milton Keynes: its CSC is consulted once, asked to reply.
    expect(deliveries.map(({ recipientAgency, responseRequested }) => [recipientAgency, responseRequested])).toEqual([["LA-E06000042", true]]);
    expect(deliveries[0].content.pprc?.requestedName).toEqual({ givenNames: "Wayne", familyName: "Fallowmere" });
    const alias = await database.dataSource.getRepository(AdultName).findOneOrFail({ where: { familyName: "Fallowmere" }, relations: { adult: { names: true } } });
    expect(alias.kind).toBe(NameKind.ALIAS);
    const told = alias.adult.names.filter((name) => name.reportedBy === alias.reportedBy);
    expect(told.map((name) => [name.familyName, name.kind]).sort()).toEqual([["Fallowmere", NameKind.ALIAS], ["Quinceworth", NameKind.USUAL]]);
    // The other agencies holding him know him by the name they reported.
    expect(alias.adult.names.filter((name) => name.reportedBy !== alias.reportedBy).every((name) => name.familyName === "Quinceworth")).toBe(true);
  }, LOADING);

  it("keeps the unaccompanied child's placement withheld, and the child at risk in Buckinghamshire (scenarios 8 and 1)", async () => {
    await startedFirstTime();
    const addresses = await database.dataSource.getRepository(ChildAddress).find({ where: { child: { sui: DEMO_SCENARIOS[8].sui } } });
    expect(addresses.map((address) => [address.kind, address.labels])).toEqual([["PLACEMENT", [SensitivityLabel.LOCATION_WITHHELD]]]);
    const atRisk = await database.dataSource.getRepository(ChildAddress).find({ where: { child: { sui: DEMO_SCENARIOS[1].sui } } });
    expect(currentResidence(atRisk)?.localAuthority).toBe(BUCKINGHAMSHIRE);
  }, LOADING);

  it("does nothing on a later start", async () => {
    await startedFirstTime();
    expect(await loadDemoDataIfFirstStart({ dataSource: database.dataSource, policy: POLICY }, logger)).toBeNull();
    expect(await database.dataSource.getRepository(Notification).count()).toBe(expected.notifications);
  }, LOADING);
});
