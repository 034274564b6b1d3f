import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A named-staff exclusion is keyed by the hub's child, not by the SUI it was recorded against: a merge
 * moved the SUI (or none) and a split could take it to another child, so an exclusion keyed by SUI could
 * be lost by the child it protects or land on another. Each standing one is given the child that holds
 * its SUI (an exclusion is recorded only for a child an agency holds a record of, so every one has one;
 * a child merged away since hands it to its survivor). An exclusion may now be recorded for a child
 * awaiting an SUI, so `sui` (the SUI held when it was recorded) may be null.
 */
export class ExclusionsKeyedByChild1796600000037 implements MigrationInterface {
  name = "ExclusionsKeyedByChild1796600000037";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "child_exclusion" ADD "child_id" uuid`);
    await queryRunner.query(`UPDATE "child_exclusion" e SET "child_id" = c."id" FROM "child" c WHERE c."sui" = e."sui"`);
    await queryRunner.query(`ALTER TABLE "child_exclusion" ALTER COLUMN "child_id" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_child_exclusion_child" ON "child_exclusion" ("child_id") `);
    await queryRunner.query(`ALTER TABLE "child_exclusion" ALTER COLUMN "sui" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Refused while an exclusion of a child awaiting an SUI stands: without its child it would keep no one out.
    await queryRunner.query(`ALTER TABLE "child_exclusion" ALTER COLUMN "sui" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "IDX_child_exclusion_child"`);
    await queryRunner.query(`ALTER TABLE "child_exclusion" DROP COLUMN "child_id"`);
  }
}
