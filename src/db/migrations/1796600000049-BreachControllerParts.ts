import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Each controlling agency decides its own part of a breach (`breaches/ControllerPart.ts`): one agency's
 * decision no longer decides for the others or stops their clocks. Every breach gets a part for each
 * agency that controls it (`agencies_to_tell`, or the opener when the trail names no disclosure). A
 * decision already taken becomes the deciding agency's part (`decided_by_agency`, migration 45); the
 * other controllers' parts are open, so a breach one agency decided for all is open again until they
 * decide. A decision whose agency is not known (no BREACH_DECIDED entry was found for it) is no part's:
 * it stays on the trail, in that entry, and every part is open.
 */
export class BreachControllerParts1796600000049 implements MigrationInterface {
  name = "BreachControllerParts1796600000049";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "breach_controller_part" ("breach_id" uuid NOT NULL, "agency" character varying(40) NOT NULL, "status" character varying(16) NOT NULL,
        "decision" character varying(16), "subject_notice" character varying(32), "decision_reasons" text, "ico_reference" character varying(64),
        "reported_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_sub" character varying(200),
        CONSTRAINT "PK_breach_controller_part" PRIMARY KEY ("breach_id", "agency"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_breach_controller_part_agency_status" ON "breach_controller_part" ("agency", "status") `);
    // A breach reported before now was reported by its decider at the decision.
    await queryRunner.query(`
      INSERT INTO "breach_controller_part" ("breach_id", "agency", "status", "decision", "subject_notice", "decision_reasons", "reported_at", "decided_at", "decided_by_sub")
      SELECT b."id", b."decided_by_agency", 'DECIDED', b."decision", b."subject_notice", b."decision_reasons",
             CASE WHEN b."decision" = 'REPORT' THEN b."decided_at" END, b."decided_at", b."decided_by_sub"
        FROM "personal_data_breach" b WHERE b."status" = 'DECIDED' AND b."decided_by_agency" IS NOT NULL`);
    await queryRunner.query(`
      INSERT INTO "breach_controller_part" ("breach_id", "agency", "status")
      SELECT b."id", a.agency, 'OPEN'
        FROM "personal_data_breach" b
        CROSS JOIN LATERAL unnest(CASE WHEN cardinality(b."agencies_to_tell") > 0 THEN b."agencies_to_tell" ELSE ARRAY[b."opened_by_agency"]::varchar[] END) AS a(agency)
      ON CONFLICT ("breach_id", "agency") DO NOTHING`);
    await queryRunner.query(`
      UPDATE "personal_data_breach" b SET "status" = 'OPEN', "decided_at" = NULL
       WHERE EXISTS (SELECT 1 FROM "breach_controller_part" p WHERE p."breach_id" = b."id" AND p."status" = 'OPEN')`);
    for (const column of ["decision", "subject_notice", "decision_reasons", "decided_by_sub", "decided_by_agency"]) {
      await queryRunner.query(`ALTER TABLE "personal_data_breach" DROP COLUMN "${column}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "personal_data_breach" ADD "decision" character varying(16), ADD "subject_notice" character varying(32), ADD "decision_reasons" text,
        ADD "decided_by_sub" character varying(200), ADD "decided_by_agency" character varying(40)`,
    );
    // One decision a breach again: the latest part decided stands for it.
    await queryRunner.query(`
      UPDATE "personal_data_breach" b SET "decision" = p."decision", "subject_notice" = p."subject_notice", "decision_reasons" = p."decision_reasons",
             "decided_by_sub" = p."decided_by_sub", "decided_by_agency" = p."agency", "decided_at" = p."decided_at", "status" = 'DECIDED'
        FROM (SELECT DISTINCT ON ("breach_id") * FROM "breach_controller_part" WHERE "status" = 'DECIDED' ORDER BY "breach_id", "decided_at" DESC, "agency") p
       WHERE p."breach_id" = b."id"`);
    await queryRunner.query(`DROP TABLE "breach_controller_part"`);
  }
}
