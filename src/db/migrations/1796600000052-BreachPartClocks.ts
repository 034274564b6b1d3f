import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Each controller's part of a breach runs on its own 72-hour clock, from when that controller became
 * aware (UK GDPR Art 33(1)): the opener's agency when it says, any other when the hub told it
 * (`breaches/ControllerPart.ts`). A part already recorded keeps the breach's clock — the opener's
 * awareness, the earliest any part can have — since when the hub told each other controller was not
 * recorded apart from it: no part's deadline moves later.
 */
export class BreachPartClocks1796600000052 implements MigrationInterface {
  name = "BreachPartClocks1796600000052";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "breach_controller_part" ADD "aware_at" TIMESTAMP WITH TIME ZONE, ADD "report_due_at" TIMESTAMP WITH TIME ZONE, ADD "timescale_edition" character varying(64)`);
    await queryRunner.query(`
      UPDATE "breach_controller_part" p SET "aware_at" = b."aware_at", "report_due_at" = b."report_due_at", "timescale_edition" = b."timescale_edition"
        FROM "personal_data_breach" b WHERE b."id" = p."breach_id"`);
    await queryRunner.query(`ALTER TABLE "breach_controller_part" ALTER COLUMN "aware_at" SET NOT NULL, ALTER COLUMN "report_due_at" SET NOT NULL, ALTER COLUMN "timescale_edition" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "breach_controller_part" DROP COLUMN "timescale_edition", DROP COLUMN "report_due_at", DROP COLUMN "aware_at"`);
  }
}
