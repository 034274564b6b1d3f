import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Subject access requests as cases (src/subjectAccess/): the request, its clock and extension, and the
 * IG lead's decisions on the items of its report held for review. A request is never deleted, and a
 * decision is never changed or removed (a later one supersedes it): what the requester was given, and
 * why, stays answerable.
 */
export class SubjectAccessRequests1796542926051 implements MigrationInterface {
  name = "SubjectAccessRequests1796542926051";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "subject_access_request" ("id" uuid NOT NULL, "reference" character varying(64) NOT NULL, "sui" character varying(10) NOT NULL, "requester_standing" character varying(40) NOT NULL, "requester_name" character varying(200) NOT NULL, "requester_basis" text, "child_competence" character varying(32), "competence_assessment" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "timescale_edition" character varying(64) NOT NULL, "original_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "extension_months" integer, "extension_reason" text, "extended_at" TIMESTAMP WITH TIME ZONE, "extended_by_sub" character varying(200), "status" character varying(16) NOT NULL, "closure" character varying(16), "closure_note" text, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_sub" character varying(200), "opened_by_sub" character varying(200) NOT NULL, "opened_by_agency" character varying(40) NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3434d1114a0d8f615c1e8bae9c1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_subject_access_request_sui" ON "subject_access_request" ("sui") `);
    await queryRunner.query(`CREATE INDEX "IDX_subject_access_request_status_due" ON "subject_access_request" ("status", "due_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_subject_access_request_reference" ON "subject_access_request" ("reference") `);
    await queryRunner.query(`CREATE TABLE "subject_access_item_decision" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "item" character varying(200) NOT NULL, "decision" character varying(16) NOT NULL, "exemptions" text array NOT NULL, "reason" text NOT NULL, "health_opinion" jsonb, "decided_by_sub" character varying(200) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6f8009d15db6773092b09938fd0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_subject_access_item_decision_item" ON "subject_access_item_decision" ("request_id", "item", "decided_at") `);
    await queryRunner.query(`ALTER TABLE "subject_access_item_decision" ADD CONSTRAINT "FK_3506f5b07c2a12a511958ee969b" FOREIGN KEY ("request_id") REFERENCES "subject_access_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(`
      CREATE FUNCTION "subject_access_keep_history"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps its history: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "subject_access_request_keep" BEFORE DELETE OR TRUNCATE ON "subject_access_request" FOR EACH STATEMENT EXECUTE FUNCTION "subject_access_keep_history"()`);
    await queryRunner.query(`CREATE TRIGGER "subject_access_item_decision_keep" BEFORE UPDATE OR DELETE OR TRUNCATE ON "subject_access_item_decision" FOR EACH STATEMENT EXECUTE FUNCTION "subject_access_keep_history"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "subject_access_item_decision_keep" ON "subject_access_item_decision"`);
    await queryRunner.query(`DROP TRIGGER "subject_access_request_keep" ON "subject_access_request"`);
    await queryRunner.query(`DROP FUNCTION "subject_access_keep_history"()`);
    await queryRunner.query(`ALTER TABLE "subject_access_item_decision" DROP CONSTRAINT "FK_3506f5b07c2a12a511958ee969b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_subject_access_item_decision_item"`);
    await queryRunner.query(`DROP TABLE "subject_access_item_decision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_subject_access_request_reference"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_subject_access_request_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_subject_access_request_sui"`);
    await queryRunner.query(`DROP TABLE "subject_access_request"`);
  }
}
