import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The agency directory as maintained, versioned data (HUB.md §9):
 * - `agency` gains the local authorities it serves (GIN-indexed: routing asks "which agencies of this
 *   type serve this authority"), an escalation mailbox and phone, a webhook endpoint, and the version
 *   it is;
 * - `agency_version` holds every version of every entry, whole, with who changed it and when. It is
 *   append-only (a trigger refuses UPDATE, DELETE and TRUNCATE for every role, as for the audit), and
 *   agencies are never deleted either: routing decisions name the version they used.
 * Agencies already held serve the authority they sit in, and become version 1 as they stand.
 */
export class AgencyDirectory1796600000011 implements MigrationInterface {
  name = "AgencyDirectory1796600000011";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agency_version" ("agency_code" character varying(40) NOT NULL, "version" integer NOT NULL, "entry" jsonb NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "changed_by" character varying(200) NOT NULL, "changed_by_agency" character varying(40), "source" character varying(16) NOT NULL, "audit_entry_id" uuid, CONSTRAINT "PK_b1f48b4c1fc35db95d9d2436f85" PRIMARY KEY ("agency_code", "version"))`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "served_local_authorities" character varying(9) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "escalation_email" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "escalation_phone" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "webhook_url" character varying(2048)`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`CREATE INDEX "IDX_agency_served_local_authorities" ON "agency" USING gin ("served_local_authorities") `);
    await queryRunner.query(`ALTER TABLE "agency_version" ADD CONSTRAINT "FK_65604aef8c6e1ec3cef1423fba9" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(`UPDATE "agency" SET "served_local_authorities" = ARRAY["local_authority"] WHERE "local_authority" IS NOT NULL`);
    // The entry's shape is directory/DirectoryEntry.ts.
    await queryRunner.query(`
      INSERT INTO "agency_version" ("agency_code", "version", "entry", "valid_from", "changed_by", "changed_by_agency", "source")
      SELECT "code", 1, jsonb_build_object(
        'code', "code", 'name', "name", 'type', "type", 'localAuthority', "local_authority",
        'servedLocalAuthorities', to_jsonb("served_local_authorities"), 'policeForceArea', "police_force_area",
        'contactEmail', "contact_email", 'contactPhone', "contact_phone", 'escalationEmail', NULL, 'escalationPhone', NULL,
        'webhookUrl', NULL, 'active', "active"), "updated_at", 'migration', NULL, 'MIGRATION'
      FROM "agency"`);

    await queryRunner.query(`
      CREATE FUNCTION "directory_reject_removal"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'The agency directory keeps its history: % on % is not allowed (deactivate an agency with a new version)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "agency_version_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "agency_version" FOR EACH STATEMENT EXECUTE FUNCTION "directory_reject_removal"()`);
    await queryRunner.query(`CREATE TRIGGER "agency_never_deleted" BEFORE DELETE OR TRUNCATE ON "agency" FOR EACH STATEMENT EXECUTE FUNCTION "directory_reject_removal"()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "agency_version" FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "agency_never_deleted" ON "agency"`);
    await queryRunner.query(`DROP TRIGGER "agency_version_append_only" ON "agency_version"`);
    await queryRunner.query(`DROP FUNCTION "directory_reject_removal"()`);
    await queryRunner.query(`ALTER TABLE "agency_version" DROP CONSTRAINT "FK_65604aef8c6e1ec3cef1423fba9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_agency_served_local_authorities"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "webhook_url"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "escalation_phone"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "escalation_email"`);
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "served_local_authorities"`);
    await queryRunner.query(`DROP TABLE "agency_version"`);
  }
}
