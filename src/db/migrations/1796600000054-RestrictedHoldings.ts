import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * `restricted_holding`: that an agency has held a SEALED or BROKERED record tied to a child
 * (`audit/RestrictedHolding.ts`). The trail kept such an agency's rows from other agencies' IG leads only
 * while the record stood as it was: once retention removed it, an erasure took it, a steward split it off
 * or its label was lifted, the agency's earlier reads of the child — "SCH-… read this child" — reached
 * every other holder's IG lead again. The database writes a holding itself, in the statement that stores,
 * labels or links such a record (a trigger, so no path that writes records can forget it), and keeps it
 * while the child is in the hub. Holdings are filled in from the records as they stand.
 */
export class RestrictedHoldings1796600000054 implements MigrationInterface {
  name = "RestrictedHoldings1796600000054";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "restricted_holding" ("child_id" uuid NOT NULL, "agency_code" character varying(40) NOT NULL, "first_held_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70def02ed46b53135849766af5a" PRIMARY KEY ("child_id", "agency_code"))`);
    await queryRunner.query(`ALTER TABLE "restricted_holding" ADD CONSTRAINT "FK_c724249239dbdedb3cb5bfc4297" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      CREATE FUNCTION "restricted_holding_record"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "restricted_holding" ("child_id", "agency_code") VALUES (NEW."child_id", NEW."agency_code") ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "agency_record_restricted_holding" AFTER INSERT OR UPDATE OF "labels", "child_id", "agency_code" ON "agency_record"
        FOR EACH ROW WHEN (NEW."child_id" IS NOT NULL AND NEW."labels" && ARRAY['SEALED', 'BROKERED']::text[])
        EXECUTE FUNCTION "restricted_holding_record"()`);
    await queryRunner.query(`
      INSERT INTO "restricted_holding" ("child_id", "agency_code")
        SELECT DISTINCT "child_id", "agency_code" FROM "agency_record"
         WHERE "child_id" IS NOT NULL AND "labels" && ARRAY['SEALED', 'BROKERED']::text[]
      ON CONFLICT DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "agency_record_restricted_holding" ON "agency_record"`);
    await queryRunner.query(`DROP FUNCTION "restricted_holding_record"()`);
    await queryRunner.query(`ALTER TABLE "restricted_holding" DROP CONSTRAINT "FK_c724249239dbdedb3cb5bfc4297"`);
    await queryRunner.query(`DROP TABLE "restricted_holding"`);
  }
}
