import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Whether an adult's name was reported only in sealed or brokered records (`people/AdultName.ts`): such a
 * name reaches a reader only through a restricted record, never through the agency's ordinary record of
 * the same person. Names already held are restricted when the agency held the person only by restricted
 * references — with nothing to tell which record gave which name, the one safe reading.
 */
export class RestrictedAdultNames1796600000027 implements MigrationInterface {
  name = "RestrictedAdultNames1796600000027";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "adult_name" ADD COLUMN "restricted" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `UPDATE adult_name n SET restricted = true
        WHERE EXISTS (SELECT 1 FROM adult_identifier i WHERE i.adult_id = n.adult_id AND i.agency_code = n.reported_by AND i.restricted)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "adult_name" DROP COLUMN "restricted"`);
  }
}
