import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Referrals MASH practitioners open in the hub: what a MASH case reference is checked against (src/referrals/). */
export class Referrals1796536412213 implements MigrationInterface {
  name = "Referrals1796536412213";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sui" character varying(10) NOT NULL, "local_authority" character varying(9) NOT NULL, "reference" character varying(64) NOT NULL, "stage" character varying(24) NOT NULL, "referral_source" character varying(24) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stage_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_by_sub" character varying(200) NOT NULL, "opened_by_agency" character varying(40) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decision" character varying(40), "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_referral_authority_reference" ON "referral" ("local_authority", "reference") `);
    await queryRunner.query(`CREATE INDEX "IDX_referral_sui" ON "referral" ("sui") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_referral_sui"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referral_authority_reference"`);
    await queryRunner.query(`DROP TABLE "referral"`);
  }
}
