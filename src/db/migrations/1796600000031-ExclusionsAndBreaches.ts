import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Named-staff exclusions (`exclusions/`), the breach log (`breaches/`), and what raised each IG alert
 * (break-glass, or an excluded caller's attempt). Alerts already held were all raised by break-glass.
 */
export class ExclusionsAndBreaches1796600000031 implements MigrationInterface {
  name = "ExclusionsAndBreaches1796600000031";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ig_alert" ADD "kind" character varying(16) NOT NULL DEFAULT 'BREAK_GLASS'`);
    await queryRunner.query(
      `CREATE TABLE "child_exclusion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sui" character varying(10) NOT NULL, "kind" character varying(8) NOT NULL,
        "subject_sub" character varying(200), "agency_code" character varying(40), "team" character varying(100), "reason" text NOT NULL,
        "recorded_by_sub" character varying(200) NOT NULL, "recorded_by_agency" character varying(40) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lifted_at" TIMESTAMP WITH TIME ZONE, "lifted_by_sub" character varying(200), "lift_reason" text,
        CONSTRAINT "PK_child_exclusion" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_child_exclusion_sui" ON "child_exclusion" ("sui") `);
    await queryRunner.query(
      `CREATE TABLE "personal_data_breach" ("id" uuid NOT NULL, "source" character varying(32) NOT NULL, "source_id" character varying(64), "description" text NOT NULL,
        "child_suis" character varying(10) array NOT NULL, "disclosure_ids" uuid array NOT NULL, "recipients" jsonb NOT NULL, "agencies_to_tell" character varying(40) array NOT NULL,
        "law_enforcement" boolean NOT NULL, "aware_at" TIMESTAMP WITH TIME ZONE NOT NULL, "report_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "timescale_edition" character varying(64) NOT NULL,
        "status" character varying(16) NOT NULL, "decision" character varying(16), "subject_notice" character varying(32), "decision_reasons" text,
        "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_sub" character varying(200), "opened_by_sub" character varying(200) NOT NULL, "opened_by_agency" character varying(40) NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_personal_data_breach" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_personal_data_breach_source" ON "personal_data_breach" ("source", "source_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_personal_data_breach_status_due" ON "personal_data_breach" ("status", "report_due_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "personal_data_breach"`);
    await queryRunner.query(`DROP TABLE "child_exclusion"`);
    await queryRunner.query(`ALTER TABLE "ig_alert" DROP COLUMN "kind"`);
  }
}
