import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * An agency's type is fixed once the hub holds anything it submitted (`directory/agencyHoldsRecords`),
 * and a retype reads that under a lock on the agency's row (`directory/writeDirectoryEntry`). A record
 * about a child holds that row share-locked while it is written (its foreign key does); an adult an
 * agency identified did not, so a first submission that named only an adult (a prisoner before any
 * child record) could be retyped while it was being written, and land under another type. Every
 * reference an agency gives an adult now share-locks the agency's row in the same transaction: a
 * concurrent retype waits for it, then finds it, and is refused.
 */
export class SubmissionsHoldTheirAgency1796600000039 implements MigrationInterface {
  name = "SubmissionsHoldTheirAgency1796600000039";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "adult_identifier_holds_agency"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM "agency" WHERE "code" = NEW."agency_code" FOR KEY SHARE;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "adult_identifier_holds_agency" BEFORE INSERT OR UPDATE OF "agency_code" ON "adult_identifier" FOR EACH ROW EXECUTE FUNCTION "adult_identifier_holds_agency"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "adult_identifier_holds_agency" ON "adult_identifier"`);
    await queryRunner.query(`DROP FUNCTION "adult_identifier_holds_agency"()`);
  }
}
