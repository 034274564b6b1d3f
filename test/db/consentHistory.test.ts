import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import winston from "winston";
import { openDatabase, runMigrations, type Database } from "../../src/db/database";
import { ConsentKeyedByAdult1796536307040 } from "../../src/db/migrations/1796536307040-ConsentKeyedByAdult";
import { createLogger } from "../../src/logging/logger";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../support/testDatabase";

const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const MIGRATION = new ConsentKeyedByAdult1796536307040().name;

/**
 * Consent decisions recorded before consent was keyed by the adult (a free-text description, any age
 * marked competent) are moved by the migration as src/db/migrations/…-ConsentKeyedByAdult.ts says, and
 * afterwards the database keeps the history: nothing decided can be changed or removed.
 */
describe("consent decisions recorded before consent was keyed by the adult", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const ids = {
    mother: { la: randomUUID(), school: randomUUID() }, father: randomUUID(), stepfather: randomUUID(), grandmother: randomUUID(),
    records: { csc: randomUUID(), school: randomUUID(), gp: randomUUID() },
    children: { teen: randomUUID(), ten: randomUUID(), sixteen: randomUUID(), unborn: randomUUID(), birthdayAtMidnight: randomUUID() },
  };
  const consent: Record<string, string> = {};

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => database.dataSource.query<T[]>(sql, parameters);

  async function undoThisMigration(): Promise<void> {
    const applied = async () => (await query<{ name: string }>(`SELECT name FROM schema_migration`)).map((row) => row.name);
    while ((await applied()).includes(MIGRATION)) await database.dataSource.undoLastMigration({ transaction: "each" });
  }

  async function child(id: string, sui: string, dateOfBirth: string | null): Promise<void> {
    await query(`INSERT INTO child (id, sui, given_names, family_name, date_of_birth, expected_date_of_birth, sex) VALUES ($1, $2, 'Robin', 'Historyford', $3, $4, 'FEMALE')`,
      [id, sui, dateOfBirth, dateOfBirth === null ? "2027-03-01" : null]);
  }

  async function record(id: string, agency: string, type: string, childId: string, method = "SUI"): Promise<void> {
    await query(
      `INSERT INTO agency_record (id, agency_code, agency_reference, record_type, child_id, reported_identity, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash)
       VALUES ($1, $2, $3, $4, $5, '{}', $6, 'LINKED', 'AUTO', 'system', now(), repeat('0', 64))`,
      [id, agency, `REF-${id.slice(0, 8)}`, type, childId, method],
    );
  }

  async function adult(id: string, relationship: string, parentalResponsibility: boolean, sourceRecord: string, childId: string): Promise<void> {
    await query(`INSERT INTO adult (id, given_names, family_name, sex) VALUES ($1, 'Sam', 'Historyford', 'FEMALE')`, [id]);
    await query(`INSERT INTO child_adult_relationship (child_id, adult_id, relationship, parental_responsibility, source_record_id) VALUES ($1, $2, $3, $4, $5)`,
      [childId, id, relationship, parentalResponsibility, sourceRecord]);
  }

  async function legacyDecision(name: string, childId: string, givenBy: string, description: string | null, competent: boolean, recordedBy: string, recordedAt: string): Promise<void> {
    consent[name] = randomUUID();
    await query(
      `INSERT INTO consent_record (id, child_id, given_by, child_competent, giver_description, decision, purposes, recorded_by_sub, recorded_by_agency, recorded_at)
       VALUES ($1, $2, $3, $4, $5, 'REFUSED', '{EARLY_HELP}', 'sw-history', $6, $7)`,
      [consent[name], childId, givenBy, competent, description, recordedBy, recordedAt],
    );
  }

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-consent-")), poolSize: 2, ...IN_MEMORY_FOR_TESTS }, logger);
    await undoThisMigration();

    for (const [code, type] of [["LA-E06000060", "CHILDRENS_SOCIAL_CARE"], ["SCH-199001", "EDUCATION"], ["GP-K99001", "HEALTH"]]) {
      await query(`INSERT INTO agency (code, name, type) VALUES ($1, $1, $2)`, [code, type]);
    }
    const { children, records } = ids;
    await child(children.teen, "9990077142", "2011-03-15");
    await child(children.ten, "9990077150", "2016-05-01");
    await child(children.sixteen, "9990077169", "2010-01-01");
    await child(children.unborn, "9990077177", null);
    await child(children.birthdayAtMidnight, "9990077185", "2010-07-15");
    await record(records.csc, "LA-E06000060", "SOCIAL_CARE", children.teen);
    await record(records.school, "SCH-199001", "EDUCATION", children.teen);
    await record(records.gp, "GP-K99001", "HEALTH", children.teen, "PROBABILISTIC");
    // The same mother, reported by two agencies: two adults until adults are linked across agencies.
    await adult(ids.mother.la, "MOTHER", true, records.csc, children.teen);
    await adult(ids.mother.school, "MOTHER", true, records.school, children.teen);
    await adult(ids.father, "FATHER", true, records.csc, children.teen);
    await adult(ids.stepfather, "STEP_PARENT", false, records.csc, children.teen);
    await adult(ids.grandmother, "GRANDPARENT", true, records.gp, children.teen);

    const parent = "PERSON_WITH_PARENTAL_RESPONSIBILITY";
    await legacyDecision("mumByTheCouncil", children.teen, parent, "mum", false, "LA-E06000060", "2026-02-01T10:00:00Z");
    await legacyDecision("motherBySchool", children.teen, parent, "Mother", false, "SCH-199001", "2026-02-02T10:00:00Z");
    await legacyDecision("motherByGp", children.teen, parent, "mother", false, "GP-K99001", "2026-02-03T10:00:00Z");
    await legacyDecision("dadByGp", children.teen, parent, "Dad.", false, "GP-K99001", "2026-02-04T10:00:00Z");
    await legacyDecision("stepDad", children.teen, parent, "step-dad", false, "LA-E06000060", "2026-02-05T10:00:00Z");
    await legacyDecision("grandmotherOnAMatchedRecord", children.teen, parent, "Nan", false, "LA-E06000060", "2026-02-06T10:00:00Z");
    await legacyDecision("carer", children.teen, parent, "carer", false, "LA-E06000060", "2026-02-07T10:00:00Z");
    await legacyDecision("teenMarkedCompetent", children.teen, "CHILD", null, true, "LA-E06000060", "2026-01-10T10:00:00Z");
    await legacyDecision("teenView", children.teen, "CHILD", null, false, "LA-E06000060", "2026-01-11T10:00:00Z");
    await legacyDecision("tenMarkedCompetent", children.ten, "CHILD", null, true, "LA-E06000060", "2026-06-01T10:00:00Z");
    await legacyDecision("sixteenUnmarked", children.sixteen, "CHILD", null, false, "LA-E06000060", "2026-06-01T10:00:00Z");
    await legacyDecision("unbornMarkedCompetent", children.unborn, "CHILD", null, true, "LA-E06000060", "2026-06-01T10:00:00Z");
    await legacyDecision("sixteenAtHalfPastMidnight", children.birthdayAtMidnight, "CHILD", null, false, "LA-E06000060", "2026-07-14T23:30:00Z");

    await runMigrations(database.dataSource, logger);
  });

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  interface Row { id: string; adult_id: string | null; parent_relationship: string | null; parental_responsibility_source_id: string | null; legacy_giver_description: string | null; competence: string | null; decision: string }
  const row = async (name: string): Promise<Row> => (await query<Row>(`SELECT * FROM consent_record WHERE id = $1`, [consent[name]]))[0];

  it("keys a parent's decision by the one adult it describes, preferring the recording agency's own", async () => {
    expect(await row("mumByTheCouncil")).toMatchObject({ adult_id: ids.mother.la, parent_relationship: "MOTHER", parental_responsibility_source_id: ids.records.csc, legacy_giver_description: "mum" });
    expect(await row("motherBySchool")).toMatchObject({ adult_id: ids.mother.school, parental_responsibility_source_id: ids.records.school, legacy_giver_description: "Mother" });
    expect(await row("dadByGp")).toMatchObject({ adult_id: ids.father, parent_relationship: "FATHER", parental_responsibility_source_id: ids.records.csc });
  });

  it("leaves a decision unkeyed, with its description, when it fits nobody or several people", async () => {
    for (const name of ["motherByGp", "stepDad", "grandmotherOnAMatchedRecord", "carer"]) {
      expect({ name, ...(await row(name)) }).toMatchObject({ name, adult_id: null, parent_relationship: null, parental_responsibility_source_id: null, decision: "REFUSED" });
    }
    expect((await row("carer")).legacy_giver_description).toBe("carer");
  });

  it("finds a child's competence by age on the day it was recorded, the old flag standing for the recorder's assessment", async () => {
    expect((await row("teenMarkedCompetent")).competence).toBe("ASSESSED_COMPETENT");
    expect((await row("teenView")).competence).toBe("NOT_ASSESSED");
    expect((await row("tenMarkedCompetent")).competence).toBe("NOT_CONFIRMED");
    expect((await row("sixteenUnmarked")).competence).toBe("PRESUMED");
    expect((await row("unbornMarkedCompetent")).competence).toBe("AGE_UNKNOWN");
    expect((await row("sixteenAtHalfPastMidnight")).competence).toBe("PRESUMED");
  });

  it("keeps the history: what was decided cannot be changed or removed, though a decision can be re-keyed", async () => {
    const history = /consent_record keeps its history/;
    await expect(query(`UPDATE consent_record SET decision = 'GIVEN' WHERE id = $1`, [consent.mumByTheCouncil])).rejects.toThrow(history);
    await expect(query(`UPDATE consent_record SET purposes = '{EARLY_HELP,CHILD_IN_NEED_ASSESSMENT}' WHERE id = $1`, [consent.carer])).rejects.toThrow(history);
    await expect(query(`DELETE FROM consent_record WHERE false`)).rejects.toThrow(history);
    await expect(query(`TRUNCATE consent_record`)).rejects.toThrow(history);

    await query(`UPDATE consent_record SET adult_id = $2 WHERE id = $1`, [consent.motherBySchool, ids.mother.la]);
    await query(`UPDATE consent_record SET child_id = $2 WHERE child_id = $1`, [ids.children.ten, ids.children.sixteen]);
    await query(`UPDATE consent_record SET child_id = $2 WHERE id = $1`, [consent.tenMarkedCompetent, ids.children.ten]);
    expect(await row("motherBySchool")).toMatchObject({ adult_id: ids.mother.la, decision: "REFUSED" });
    await query(`UPDATE consent_record SET adult_id = $2 WHERE id = $1`, [consent.motherBySchool, ids.mother.school]);
  });

  it("reverts to descriptions and competence flags, and moves the decisions forward again the same way", async () => {
    await undoThisMigration();
    const reverted = await query<{ id: string; giver_description: string | null; child_competent: boolean }>(`SELECT id, giver_description, child_competent FROM consent_record`);
    const byId = new Map(reverted.map((decision) => [decision.id, decision]));
    expect(byId.get(consent.mumByTheCouncil)).toMatchObject({ giver_description: "mum" });
    expect(byId.get(consent.teenMarkedCompetent)).toMatchObject({ child_competent: true });
    expect(byId.get(consent.tenMarkedCompetent)).toMatchObject({ child_competent: true });
    expect(byId.get(consent.teenView)).toMatchObject({ child_competent: false });
    await runMigrations(database.dataSource, logger);
    expect(await row("mumByTheCouncil")).toMatchObject({ adult_id: ids.mother.la, legacy_giver_description: "mum" });
    expect((await row("tenMarkedCompetent")).competence).toBe("NOT_CONFIRMED");
  });
});
