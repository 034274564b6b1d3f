import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Every name the hub holds for a child records the agency records that reported it, and every address
 * becomes one row per reporting record with that record's details (design principle 8); the child's
 * local authority is no longer stored: it is derived, per caller, from the residence the records they
 * may see support.
 *
 * Existing names and addresses take as sources the records linked to the child that report them now,
 * or — when none does — every record linked to the child from the agency that reported them; an
 * address is copied once for each, with the details the record itself reports where it still reports
 * that address. Records from before the hub kept what each reported stand for the child's usual name.
 * An address no linked record can be found for was shown through none, and goes.
 */
export class IdentityFactSources1796536412211 implements MigrationInterface {
  name = "IdentityFactSources1796536412211";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "child_name" ADD "sources" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "child_address" ADD "sources" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE child_name n SET sources = ARRAY(
        SELECT r.id FROM agency_record r JOIN child c ON c.id = r.child_id
        WHERE r.child_id = n.child_id AND r.link_state = 'LINKED'
          AND ((lower(r.reported_identity->>'givenNames') = lower(n.given_names) AND lower(r.reported_identity->>'familyName') = lower(n.family_name))
            OR ((r.reported_identity->>'backfilled')::boolean AND n.given_names = c.given_names AND n.family_name = c.family_name)))`);
    await queryRunner.query(`
      UPDATE child_address a SET sources = ARRAY(
        SELECT r.id FROM agency_record r WHERE r.child_id = a.child_id AND r.link_state = 'LINKED'
          AND lower(r.reported_identity->'address'->>'line1') = lower(a.line1) AND r.reported_identity->'address'->>'kind' = a.kind)`);
    for (const table of ["child_name", "child_address"]) {
      await queryRunner.query(`
        UPDATE ${table} f SET sources = ARRAY(SELECT r.id FROM agency_record r WHERE r.child_id = f.child_id AND r.link_state = 'LINKED' AND r.agency_code = f.reported_by)
        WHERE f.sources = '{}'`);
    }
    await queryRunner.query(`ALTER TABLE "child_address" ADD "source_record_id" uuid`);
    await queryRunner.query(`
      INSERT INTO child_address (child_id, source_record_id, kind, line1, line2, town, postcode, local_authority, valid_from, labels, reported_by, first_reported_at, last_reported_at)
      SELECT a.child_id, s.id, a.kind, a.line1, a.line2, a.town, a.postcode, a.local_authority, a.valid_from, a.labels, a.reported_by, a.first_reported_at, a.last_reported_at
      FROM child_address a CROSS JOIN LATERAL unnest(a.sources[2:]) AS s(id)`);
    await queryRunner.query(`UPDATE child_address SET source_record_id = sources[1] WHERE source_record_id IS NULL`);
    await queryRunner.query(`DELETE FROM child_address WHERE source_record_id IS NULL`);
    await queryRunner.query(`
      UPDATE child_address a SET line2 = r.reported_identity->'address'->>'line2', town = r.reported_identity->'address'->>'town',
        local_authority = r.reported_identity->'address'->>'localAuthority', valid_from = (r.reported_identity->'address'->>'validFrom')::date
      FROM agency_record r WHERE r.id = a.source_record_id
        AND lower(r.reported_identity->'address'->>'line1') = lower(a.line1) AND r.reported_identity->'address'->>'kind' = a.kind`);
    await queryRunner.query(`ALTER TABLE "child_address" DROP COLUMN "sources"`);
    await queryRunner.query(`ALTER TABLE "child_address" ALTER COLUMN "source_record_id" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a770a7db98841664e468e281ca"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_66cfe3b9dad3c0bd6bcd70abae" ON "child_address" ("child_id", "source_record_id", "kind", "line1", "postcode") `);
    await queryRunner.query(
      `ALTER TABLE "child_address" ADD CONSTRAINT "FK_cd7c02a6c959b0dc14b93180321" FOREIGN KEY ("source_record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(`ALTER TABLE "child" DROP COLUMN "local_authority"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "child" ADD "local_authority" character varying(9)`);
    await queryRunner.query(`
      UPDATE child c SET local_authority = (
        SELECT a.local_authority FROM child_address a WHERE a.child_id = c.id AND a.kind IN ('HOME', 'PLACEMENT') AND a.local_authority IS NOT NULL
        ORDER BY COALESCE(a.valid_from, a.first_reported_at::date) DESC, a.first_reported_at DESC LIMIT 1)`);
    await queryRunner.query(`ALTER TABLE "child_address" DROP CONSTRAINT "FK_cd7c02a6c959b0dc14b93180321"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_66cfe3b9dad3c0bd6bcd70abae"`);
    await queryRunner.query(`
      DELETE FROM child_address a USING child_address b
      WHERE (a.child_id, a.kind, a.line1, a.postcode) = (b.child_id, b.kind, b.line1, b.postcode) AND (b.first_reported_at, b.id) < (a.first_reported_at, a.id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a770a7db98841664e468e281ca" ON "child_address" ("child_id", "kind", "line1", "postcode") `);
    await queryRunner.query(`ALTER TABLE "child_address" DROP COLUMN "source_record_id"`);
    await queryRunner.query(`ALTER TABLE "child_name" DROP COLUMN "sources"`);
  }
}
