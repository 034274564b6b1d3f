import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Addresses and child–adult relationships are found by the record that reported them whenever a
 * record is stored, resubmitted, matched or moved (`moveAddressFacts`, `recordAdultsOf`, linking): an
 * index on `source_record_id` each, so that costs the record's own rows, not a scan of the table.
 */
export class SourceRecordIndexes1796600000001 implements MigrationInterface {
  name = "SourceRecordIndexes1796600000001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_cd7c02a6c959b0dc14b9318032" ON "child_address" ("source_record_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fea594998421cebd89e160748c" ON "child_adult_relationship" ("source_record_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_fea594998421cebd89e160748c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd7c02a6c959b0dc14b9318032"`);
  }
}
