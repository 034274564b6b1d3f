import { type MigrationInterface, type QueryRunner } from "typeorm";

/** When a GP registration and a probation supervision end: the agency's involvement with the child lapses after (policies/relationships.yaml). */
export class InvolvementEnds1796536412212 implements MigrationInterface {
  name = "InvolvementEnds1796536412212";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "health_record" ADD "deregistered_on" date`);
    await queryRunner.query(`ALTER TABLE "probation_record" ADD "supervision_end_date" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "probation_record" DROP COLUMN "supervision_end_date"`);
    await queryRunner.query(`ALTER TABLE "health_record" DROP COLUMN "deregistered_on"`);
  }
}
