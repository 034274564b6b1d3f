import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The household view (issue 11): `household_suis` are the children a household view under a referral
 * showed — the only children other than the referral's own whose file its case reference opens
 * (MASH_CASE, `search/viewHousehold.ts`). A `child` read finds the referrals naming a child either way,
 * through the GIN index. The household view finds the children at an address by its postcode: an index,
 * so that costs the postcode's rows, not the table.
 */
export class HouseholdView1796600000029 implements MigrationInterface {
  name = "HouseholdView1796600000029";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ADD "household_suis" character varying(10) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "IDX_referral_household_suis" ON "referral" USING GIN ("household_suis")`);
    await queryRunner.query(`CREATE INDEX "IDX_child_address_postcode" ON "child_address" ("postcode")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_child_address_postcode"`);
    await queryRunner.query(`DROP INDEX "IDX_referral_household_suis"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "household_suis"`);
  }
}
