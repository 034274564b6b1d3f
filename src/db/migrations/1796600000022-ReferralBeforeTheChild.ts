import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A referral may be opened before the MASH knows who the child is (issue 11): its SUI is then empty
 * until the practitioner opens a child their search under it showed, which binds the referral to that
 * child once (`referrals/bindReferral.ts`). `searched_suis`: the children searches under it showed, the
 * only ones it can be bound to.
 */
export class ReferralBeforeTheChild1796600000022 implements MigrationInterface {
  name = "ReferralBeforeTheChild1796600000022";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ALTER COLUMN "sui" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "searched_suis" character varying(10) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "bound_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "bound_at"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "searched_suis"`);
    await queryRunner.query(`DELETE FROM "referral" WHERE "sui" IS NULL`);
    await queryRunner.query(`ALTER TABLE "referral" ALTER COLUMN "sui" SET NOT NULL`);
  }
}
