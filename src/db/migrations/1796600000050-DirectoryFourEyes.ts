import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Four eyes on the directory (`directory/proposeDirectoryEntry.ts`): a new agency, or a change to the
 * fields that decide where children's information goes, waits in `agency_change_proposal` for a second
 * directory administrator; `agency_version` names the approver and the proposal beside the proposer.
 * A proposal is never deleted, and once approved or rejected never changed: it is the record of who
 * proposed and who decided. Versions written before are unchanged (no approver: none was asked for).
 */
export class DirectoryFourEyes1796600000050 implements MigrationInterface {
  name = "DirectoryFourEyes1796600000050";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency_change_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_code" character varying(40) NOT NULL, "base_version" integer NOT NULL,
        "entry" jsonb NOT NULL, "changed_fields" jsonb NOT NULL, "status" character varying(16) NOT NULL, "source" character varying(16) NOT NULL,
        "proposed_by" character varying(200) NOT NULL, "proposed_by_agency" character varying(40), "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "proposal_audit_entry_id" uuid,
        "decided_by" character varying(200), "decided_by_agency" character varying(40), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_audit_entry_id" uuid,
        "decision_reason" text, "version" integer, CONSTRAINT "PK_bf159ea339448b5bffda3078523" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_agency_change_proposal_pending" ON "agency_change_proposal" ("agency_code") WHERE "status" = 'PENDING'`);
    await queryRunner.query(`ALTER TABLE "agency_version" ADD "approved_by" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "agency_version" ADD "approved_by_agency" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "agency_version" ADD "proposal_id" uuid`);
    await queryRunner.query(`CREATE TRIGGER "agency_change_proposal_never_deleted" BEFORE DELETE OR TRUNCATE ON "agency_change_proposal" FOR EACH STATEMENT EXECUTE FUNCTION "directory_reject_removal"()`);
    await queryRunner.query(`
      CREATE FUNCTION "agency_change_decided_once"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD."status" <> 'PENDING' OR NEW."entry" IS DISTINCT FROM OLD."entry" OR NEW."proposed_by" IS DISTINCT FROM OLD."proposed_by"
           OR NEW."base_version" IS DISTINCT FROM OLD."base_version" OR NEW."agency_code" IS DISTINCT FROM OLD."agency_code" THEN
          RAISE EXCEPTION 'A proposed directory change is decided once and never rewritten' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "agency_change_proposal_decided_once" BEFORE UPDATE ON "agency_change_proposal" FOR EACH ROW EXECUTE FUNCTION "agency_change_decided_once"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "agency_change_proposal_decided_once" ON "agency_change_proposal"`);
    await queryRunner.query(`DROP FUNCTION "agency_change_decided_once"()`);
    await queryRunner.query(`DROP TRIGGER "agency_change_proposal_never_deleted" ON "agency_change_proposal"`);
    await queryRunner.query(`ALTER TABLE "agency_version" DROP COLUMN "proposal_id"`);
    await queryRunner.query(`ALTER TABLE "agency_version" DROP COLUMN "approved_by_agency"`);
    await queryRunner.query(`ALTER TABLE "agency_version" DROP COLUMN "approved_by"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_agency_change_proposal_pending"`);
    await queryRunner.query(`DROP TABLE "agency_change_proposal"`);
  }
}
