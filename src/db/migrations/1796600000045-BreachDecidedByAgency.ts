import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A breach's decision reasons are the deciding agency's IG lead's free text, for that agency's IG
 * leads only (`breaches/breachPart.ts`): the breach now holds which agency decided it. A breach decided
 * before takes it from its BREACH_DECIDED entry on the trail (the entry of the decider, written before
 * the decision took effect); one whose entry is not found keeps none, and its reasons are shown to nobody.
 */
export class BreachDecidedByAgency1796600000045 implements MigrationInterface {
  name = "BreachDecidedByAgency1796600000045";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "personal_data_breach" ADD "decided_by_agency" character varying(40)`);
    await queryRunner.query(`
      UPDATE "personal_data_breach" b SET "decided_by_agency" = d."principal_agency"
        FROM "disclosure_audit" d
       WHERE b."decided_by_sub" IS NOT NULL AND d."operation" = 'BREACH_DECIDED' AND d."outcome" = 'RECORDED'
         AND d."details"->>'breachId' = b."id"::text AND d."principal_sub" = b."decided_by_sub" AND d."occurred_at" = b."decided_at"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "personal_data_breach" DROP COLUMN "decided_by_agency"`);
  }
}
