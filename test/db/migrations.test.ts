import "reflect-metadata";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import winston from "winston";
import { openDatabase, runMigrations, type Database } from "../../src/db/database";
import { MIGRATIONS } from "../../src/db/migrations";
import { profileKeys } from "../../src/identity/matching/blockingKeys";
import { type MatchProfile } from "../../src/identity/matching/MatchProfile";
import { profileTerms } from "../../src/identity/matching/termFrequencies";
import { createLogger } from "../../src/logging/logger";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../support/testDatabase";

const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const modes = process.env.DATABASE_URL ? (["embedded", "postgres"] as const) : (["embedded"] as const);

describe.each(modes)("migrations on %s PostgreSQL", (mode) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(mode === "embedded" ? "embedded" : "default");
    database = await openDatabase(
      { databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-mig-")), poolSize: 2, ...IN_MEMORY_FOR_TESTS },
      logger,
    );
  });

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it("runs every migration up from an empty database", async () => {
    const applied = await database.dataSource.query(`SELECT name FROM schema_migration ORDER BY id`);
    expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it("leaves a schema that agrees exactly with the entities (nothing for TypeORM to synchronise)", async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("provides pg_trgm and fuzzystrmatch for finding misspelt names", async () => {
    const [row] = await database.dataSource.query(
      `SELECT similarity('Caitlin', 'Caitlyn') > 0.3 AS trigram, soundex('Caitlin') = soundex('Caitlyn') AS soundex, dmetaphone('Caitlin') AS metaphone, levenshtein('Caitlin', 'Caitlyn') AS distance`,
    );
    expect(row).toEqual({ trigram: true, soundex: true, metaphone: "KTLN", distance: 1 });
  });

  it("applies nothing the second time", async () => {
    await runMigrations(database.dataSource, logger);
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM schema_migration`);
    expect(count).toBe(MIGRATIONS.length);
  });

  it("derives blocking keys and term counts again from the stored match profiles when it adds the term table", async () => {
    const dataSource = database.dataSource;
    // Back to just before the term table: that migration and every one after it undone.
    const termMigration = MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "MatchTermsAndTwoErrorKeys1796600000000");
    expect(termMigration).toBeGreaterThan(0);
    for (let undone = MIGRATIONS.length; undone > termMigration; undone--) await dataSource.undoLastMigration({ transaction: "each" });
    const profile: MatchProfile = { childId: randomUUID(), givenNames: ["Freddie James"], familyNames: ["Harebell"], dateOfBirth: "2014-03-07", sex: "MALE", postcodes: ["HP20 1UA"] };
    try {
      await dataSource.query(`INSERT INTO child (id, given_names, family_name, date_of_birth, sex) VALUES ($1, 'Freddie James', 'Harebell', '2014-03-07', 'MALE')`, [profile.childId]);
      await dataSource.query(
        `INSERT INTO child_match_profile (child_id, given_names, family_names, date_of_birth, sex, postcodes) VALUES ($1, $2, $3, $4, $5, $6)`,
        [profile.childId, profile.givenNames, profile.familyNames, profile.dateOfBirth, profile.sex, profile.postcodes],
      );
      // A key of a family the matcher no longer looks up.
      await dataSource.query(`INSERT INTO child_match_key (key, child_id) VALUES ('FY|HRPL|FRTRK|2014', $1)`, [profile.childId]);
      await runMigrations(dataSource, logger);
      const keys = await dataSource.query<{ key: string }[]>(`SELECT key FROM child_match_key WHERE child_id = $1 ORDER BY key`, [profile.childId]);
      expect(keys.map((row) => row.key)).toEqual([...profileKeys(profile)].sort());
      const terms = await dataSource.query<{ term: string; children: number }[]>(`SELECT term, children FROM child_match_term ORDER BY term`);
      expect(terms).toEqual(profileTerms(profile).sort().map((term) => ({ term, children: 1 })));
    } finally {
      await dataSource.query(`DELETE FROM child_match_key`);
      await dataSource.query(`DELETE FROM child_match_term`);
      await dataSource.query(`DELETE FROM child_match_profile`);
      await dataSource.query(`DELETE FROM child WHERE id = $1`, [profile.childId]);
    }
  });

  it("makes a breach's one decision its deciding agency's part, and opens the other controllers' parts", async () => {
    const dataSource = database.dataSource;
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "BreachControllerParts1796600000049");
    for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: "each" });
    const decided = randomUUID();
    const childrenOnly = randomUUID();
    const insert = `INSERT INTO personal_data_breach (id, source, description, child_suis, disclosure_ids, recipients, agencies_to_tell, law_enforcement, aware_at, report_due_at, timescale_edition,
        status, decision, subject_notice, decision_reasons, decided_at, decided_by_sub, decided_by_agency, opened_by_sub, opened_by_agency)
      VALUES ($1, 'IG_LEAD', 'A bundle went astray.', '{}', '{}', '[]', $2, false, '2026-11-01T09:00:00Z', '2026-11-04T09:00:00Z', 'working-together-2023', $3, $4, $5, $6, $7, $8, $9, 'ig-one', 'LA-X')`;
    try {
      await dataSource.query(insert, [decided, ["LA-X", "POLICE-X"], "DECIDED", "NO_REPORT", "NOT_REQUIRED", "Recalled unread.", "2026-11-02T09:00:00Z", "ig-one", "LA-X"]);
      await dataSource.query(insert, [childrenOnly, [], "OPEN", null, null, null, null, null, null]);
      await runMigrations(dataSource, logger);
      const parts = await dataSource.query(`SELECT breach_id, agency, status, decision, decision_reasons, decided_by_sub, reported_at FROM breach_controller_part WHERE breach_id = ANY($1::uuid[]) ORDER BY breach_id = $2 DESC, agency`, [[decided, childrenOnly], decided]);
      expect(parts).toEqual([
        { breach_id: decided, agency: "LA-X", status: "DECIDED", decision: "NO_REPORT", decision_reasons: "Recalled unread.", decided_by_sub: "ig-one", reported_at: null },
        { breach_id: decided, agency: "POLICE-X", status: "OPEN", decision: null, decision_reasons: null, decided_by_sub: null, reported_at: null },
        { breach_id: childrenOnly, agency: "LA-X", status: "OPEN", decision: null, decision_reasons: null, decided_by_sub: null, reported_at: null },
      ]);
      // The force never decided: the breach is open again until it does.
      expect(await dataSource.query(`SELECT status, decided_at FROM personal_data_breach WHERE id = $1`, [decided])).toEqual([{ status: "OPEN", decided_at: null }]);
    } finally {
      await dataSource.query(`DELETE FROM breach_controller_part WHERE breach_id = ANY($1::uuid[])`, [[decided, childrenOnly]]);
      await dataSource.query(`DELETE FROM personal_data_breach WHERE id = ANY($1::uuid[])`, [[decided, childrenOnly]]);
    }
  });

  it("starts every part already recorded on the breach's own clock when it gives each part its clock", async () => {
    const dataSource = database.dataSource;
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "BreachPartClocks1796600000052");
    for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: "each" });
    const breach = randomUUID();
    try {
      await dataSource.query(
        `INSERT INTO personal_data_breach (id, source, description, child_suis, disclosure_ids, recipients, agencies_to_tell, law_enforcement, aware_at, report_due_at, timescale_edition, status, opened_by_sub, opened_by_agency)
         VALUES ($1, 'IG_LEAD', 'A bundle went astray.', '{}', '{}', '[]', '{LA-X,POLICE-X}', false, '2026-11-01T09:00:00Z', '2026-11-04T09:00:00Z', 'working-together-2023', 'OPEN', 'ig-one', 'LA-X')`,
        [breach],
      );
      await dataSource.query(`INSERT INTO breach_controller_part (breach_id, agency, status) VALUES ($1, 'LA-X', 'OPEN'), ($1, 'POLICE-X', 'OPEN')`, [breach]);
      await runMigrations(dataSource, logger);
      const parts = await dataSource.query(`SELECT agency, aware_at, report_due_at, timescale_edition FROM breach_controller_part WHERE breach_id = $1 ORDER BY agency`, [breach]);
      const clock = { aware_at: new Date("2026-11-01T09:00:00Z"), report_due_at: new Date("2026-11-04T09:00:00Z"), timescale_edition: "working-together-2023" };
      expect(parts).toEqual([{ agency: "LA-X", ...clock }, { agency: "POLICE-X", ...clock }]);
    } finally {
      await dataSource.query(`DELETE FROM breach_controller_part WHERE breach_id = $1`, [breach]);
      await dataSource.query(`DELETE FROM personal_data_breach WHERE id = $1`, [breach]);
    }
  });

  it("gives each IG alert the child holding its SUI when it keys alerts by the child", async () => {
    const dataSource = database.dataSource;
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "IgAlertsKeyedByChild1796600000046");
    for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: "each" });
    const [child, alert] = [randomUUID(), randomUUID()];
    try {
      await dataSource.query(`INSERT INTO child (id, sui, given_names, family_name, date_of_birth, sex) VALUES ($1, '9990000018', 'Freddie James', 'Harebell', '2014-03-07', 'MALE')`, [child]);
      await dataSource.query(
        `INSERT INTO ig_alert (id, child_sui, principal_sub, principal_agency, first_disclosure_id, justification, window_ends_at) VALUES ($1, '9990000018', 'doctor-7', 'TRUST-RX1', $2, 'Child in ED at night.', now())`,
        [alert, randomUUID()],
      );
      await runMigrations(dataSource, logger);
      expect(await dataSource.query(`SELECT child_id FROM ig_alert WHERE id = $1`, [alert])).toEqual([{ child_id: child }]);
    } finally {
      await dataSource.query(`DELETE FROM ig_alert WHERE id = $1`, [alert]);
      await dataSource.query(`DELETE FROM child WHERE id = $1`, [child]);
    }
  });

  it("names each answer to probation's enquiry the records the enquiry was told from, its deliveries their children, and overwrites in it a fact erased since", async () => {
    const dataSource = database.dataSource;
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "EnquiryAnswersNameTheirRecords1796600000053");
    for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: "each" });
    const [child, record, enquiry, asked, answer, told, erasedBefore, erasedSince] = Array.from({ length: 8 }, () => randomUUID());
    const delivery = `INSERT INTO notification_delivery (id, notification_id, recipient_agency, audience, routing_rules, purpose, lawful_basis, content, redactions, disclosure_id, delivered_at)
      VALUES ($1, $2, $3, 'STAFF', '{}', $4, $5, $6, '[]', gen_random_uuid(), $7)`;
    const erasure = `INSERT INTO erasure_decision (id, record_id, record_type, agency_code, field, regime, grounds, exemptions, outcome, reason, decided_by_sub, decided_by_agency, decided_at)
      VALUES ($1, $2, 'PROBATION', 'PDU-MIG53', $3, 'UK_GDPR', '{NO_LONGER_NECESSARY}', '{}', 'ERASED', 'Decided on the family''s request.', 'ig-mig53', 'PDU-MIG53', $4)`;
    try {
      await dataSource.query(`INSERT INTO agency (code, name, type) VALUES ('PDU-MIG53', 'Probation delivery unit (migration 53)', 'PROBATION') ON CONFLICT DO NOTHING`);
      // A child awaiting an SUI, held by probation's record of it; the enquiry told from that record.
      await dataSource.query(`INSERT INTO child (id, given_names, family_name, date_of_birth, sex) VALUES ($1, 'Clement', 'Harrowby', '2016-08-08', 'MALE')`, [child]);
      await dataSource.query(`INSERT INTO agency_record (id, agency_code, agency_reference, record_type, child_id, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash, reported_identity)
        VALUES ($1, 'PDU-MIG53', 'PDU-MIG53-C1', 'PROBATION', $2, 'PROBABILISTIC', 'LINKED', 'AUTO', 'hub', now(), repeat('0', 64), '{}')`, [record, child]);
      await dataSource.query(`INSERT INTO notification (id, type, source_agency, source_reference, submitted_by, received_at, routing, policy_version, record_ids)
        VALUES ($1, 'PROBATION_SAFEGUARDING_ENQUIRY', 'PDU-MIG53', 'PDU-MIG53-ENQ', 'system-pdu-mig53', '2026-11-16T10:00:00Z', '[]', 'v', $2)`, [enquiry, [record]]);
      await dataSource.query(delivery, [asked, enquiry, "LA-MIG53", "REFERRAL_TRIAGE", "PUBLIC_TASK", JSON.stringify({ children: [{ givenNames: "Clement" }] }), "2026-11-16T10:00:00Z"]);
      // The answer, routed at 13:00, named no record.
      await dataSource.query(`INSERT INTO notification (id, type, source_agency, source_reference, submitted_by, received_at, routing, policy_version)
        VALUES ($1, 'SAFEGUARDING_ENQUIRY_RESPONSE', 'LA-MIG53', $2, 'sw-mig53', '2026-11-16T13:00:00Z', '[]', 'v')`, [answer, `ANSWER-${asked}`]);
      await dataSource.query(delivery, [told, answer, "PDU-MIG53", "OFFENDER_RISK_MANAGEMENT", "LAW_ENFORCEMENT",
        JSON.stringify({ enquiryResponse: { response: "Clement is known to us." }, children: [{ givenNames: "Clement", familyName: "Harrowby" }] }), "2026-11-16T13:00:00Z"]);
      // One fact erased before the answer was routed (the answer never carried it), one after.
      await dataSource.query(erasure, [erasedBefore, record, "roshLevel", "2026-11-16T09:00:00Z"]);
      await dataSource.query(erasure, [erasedSince, record, "offenderManagerContact", "2026-11-17T09:00:00Z"]);
      await runMigrations(dataSource, logger);
      expect(await dataSource.query(`SELECT record_ids FROM notification WHERE id = $1`, [answer])).toEqual([{ record_ids: [record] }]);
      const [stored] = await dataSource.query<{ child_ids: string[]; content: Record<string, unknown> }[]>(`SELECT child_ids, content FROM notification_delivery WHERE id = $1`, [told]);
      expect(stored.child_ids).toEqual([child]);
      // The erased fact may be in the answer under another name: every value of it is the later decision's tombstone.
      expect(stored.content).toEqual({ enquiryResponse: { response: { erasedBy: erasedSince } }, children: [{ givenNames: { erasedBy: erasedSince }, familyName: { erasedBy: erasedSince } }] });
      // The enquiry's own delivery is as it was.
      expect(await dataSource.query(`SELECT child_ids, content FROM notification_delivery WHERE id = $1`, [asked])).toEqual([{ child_ids: [], content: { children: [{ givenNames: "Clement" }] } }]);
    } finally {
      await dataSource.query(`DELETE FROM notification_delivery WHERE id = ANY($1::uuid[])`, [[asked, told]]);
      await dataSource.query(`DELETE FROM notification WHERE id = ANY($1::uuid[])`, [[enquiry, answer]]);
      await dataSource.query(`DELETE FROM erasure_decision WHERE id = ANY($1::uuid[])`, [[erasedBefore, erasedSince]]);
      await dataSource.query(`DELETE FROM agency_record WHERE id = $1`, [record]);
      await dataSource.query(`DELETE FROM child WHERE id = $1`, [child]);
    }
  });

  it("gives every TEAM exclusion its team's key, worked out as the rule works it out, whatever spaces the name was typed with", async () => {
    const dataSource = database.dataSource;
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "TeamKeys1796600000057");
    for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: "each" });
    const [child, team, staff] = [randomUUID(), randomUUID(), randomUUID()];
    const exclusion = `INSERT INTO child_exclusion (id, child_id, kind, subject_sub, agency_code, team, reason, recorded_by_sub, recorded_by_agency)
      VALUES ($1, $2, $3, $4, 'LA-MIG57', $5, 'Implicated in the allegation.', 'manager-mig57', 'LA-MIG57')`;
    try {
      await dataSource.query(`INSERT INTO child (id, given_names, family_name, date_of_birth, sex) VALUES ($1, 'Aurelia', 'Thistlewood', '2015-05-05', 'FEMALE')`, [child]);
      await dataSource.query(exclusion, [team, child, "TEAM", null, " North\u00A0 SAFEGUARDING\u202F"]);
      await dataSource.query(exclusion, [staff, child, "STAFF", "sw-mig57", null]);
      await runMigrations(dataSource, logger);
      expect(await dataSource.query(`SELECT id, team_key FROM child_exclusion WHERE child_id = $1 ORDER BY kind`, [child])).toEqual([
        { id: staff, team_key: null },
        { id: team, team_key: "north safeguarding" },
      ]);
      // A team is never held without its key.
      await expect(dataSource.query(exclusion, [randomUUID(), child, "TEAM", null, "South Hub"])).rejects.toThrow(/child_exclusion_team_keyed/);
    } finally {
      await dataSource.query(`DELETE FROM child_exclusion WHERE child_id = $1`, [child]);
      await dataSource.query(`DELETE FROM child WHERE id = $1`, [child]);
    }
  });

  it("names the records each consent decision and override was recorded through, as far as the records the hub holds tell", async () => {
    const dataSource = database.dataSource;
    const undone = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => new (migration as new () => { name: string })().name === "DecisionsRecordedThrough1796600000058");
    for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: "each" });
    const [child, school, police, csc, throughSchool, throughPolice, overrideThroughCsc, overrideThroughNothing] = Array.from({ length: 8 }, () => randomUUID());
    const record = `INSERT INTO agency_record (id, agency_code, agency_reference, record_type, child_id, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash, reported_identity, received_at)
      VALUES ($1, $2, $3, $4, $5, 'SUI', 'LINKED', 'AUTO', 'hub', now(), repeat('0', 64), '{}', '2026-10-01T09:00:00Z')`;
    const consent = `INSERT INTO consent_record (id, child_id, given_by, competence, decision, purposes, recorded_by_sub, recorded_by_agency, recorded_at)
      VALUES ($1, $2, 'CHILD', 'ASSESSED_COMPETENT', $3, '{EARLY_HELP}', 'mig58', $4, '2026-11-01T09:00:00Z')`;
    const override = `INSERT INTO consent_override (id, child_id, reason, authorised_by_sub, authorised_by_agency, review_by, recorded_at)
      VALUES ($1, $2, 'Reasonable cause to believe the child is at risk.', 'mig58', $3, now() + interval '30 days', '2026-11-01T09:00:00Z')`;
    try {
      await dataSource.query(`INSERT INTO agency (code, name, type) VALUES ('SCH-MIG58', 'School (migration 58)', 'EDUCATION'), ('POLICE-MIG58', 'Force (migration 58)', 'POLICE'),
        ('LA-MIG58', 'Council (migration 58)', 'CHILDRENS_SOCIAL_CARE'), ('GP-MIG58', 'Surgery (migration 58)', 'HEALTH') ON CONFLICT DO NOTHING`);
      await dataSource.query(`INSERT INTO child (id, sui, given_names, family_name, date_of_birth, sex) VALUES ($1, '9990000026', 'Linnea', 'Marchbank', '2011-04-04', 'FEMALE')`, [child]);
      await dataSource.query(record, [school, "SCH-MIG58", "SCH-MIG58-1", "EDUCATION", child]);
      await dataSource.query(record, [police, "POLICE-MIG58", "POLICE-MIG58-1", "POLICE", child]);
      await dataSource.query(record, [csc, "LA-MIG58", "LA-MIG58-1", "SOCIAL_CARE", child]);
      await dataSource.query(consent, [throughSchool, child, "GIVEN", "SCH-MIG58"]);
      // The police record no consent: nothing a consent decision could rest on.
      await dataSource.query(consent, [throughPolice, child, "REFUSED", "POLICE-MIG58"]);
      await dataSource.query(override, [overrideThroughCsc, child, "LA-MIG58"]);
      await dataSource.query(override, [overrideThroughNothing, child, "GP-MIG58"]);
      await runMigrations(dataSource, logger);
      expect(await dataSource.query(`SELECT id, recorded_through FROM consent_record WHERE child_id = $1 ORDER BY id`, [child])).toEqual(
        [{ id: throughSchool, recorded_through: [school] }, { id: throughPolice, recorded_through: null }].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(await dataSource.query(`SELECT id, recorded_through FROM consent_override WHERE child_id = $1 ORDER BY id`, [child])).toEqual(
        [{ id: overrideThroughCsc, recorded_through: [csc] }, { id: overrideThroughNothing, recorded_through: null }].sort((a, b) => a.id.localeCompare(b.id)),
      );
      // What was decided stays as it was: the history trigger is back on.
      await expect(dataSource.query(`UPDATE consent_record SET recorded_through = NULL WHERE id = $1`, [throughSchool])).rejects.toThrow(/keeps its history/);
    } finally {
      await dataSource.query(`ALTER TABLE consent_record DISABLE TRIGGER consent_record_history_delete`);
      await dataSource.query(`DELETE FROM consent_record WHERE child_id = $1`, [child]);
      await dataSource.query(`ALTER TABLE consent_record ENABLE TRIGGER consent_record_history_delete`);
      await dataSource.query(`DELETE FROM consent_override WHERE child_id = $1`, [child]);
      await dataSource.query(`DELETE FROM agency_record WHERE child_id = $1`, [child]);
      await dataSource.query(`DELETE FROM child WHERE id = $1`, [child]);
    }
  });

  it("reverts every migration back to empty", async () => {
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await database.dataSource.undoLastMigration({ transaction: "each" });
      const tables = await database.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(["schema_migration"]);
    } finally {
      // Up again, so the other tests here find the schema whatever their order.
      await runMigrations(database.dataSource, logger);
    }
  });
});
