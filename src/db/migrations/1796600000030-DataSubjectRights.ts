import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Data subjects' rights over what agency records hold (`dataSubjectRights/`, DOMAIN rule 7):
 * supplementary statements (Art 16 — a disputed fact is never edited), restrictions of processing and
 * objections (Art 18, Art 21) and erasure decisions (Art 17; DPA 2018 s.47). A statement goes with its
 * record; an erasure decision outlives what it erased, so it names the record only by id and type (the
 * tombstone: who erased what kind of fact, when and why, never the content).
 */
export class DataSubjectRights1796600000030 implements MigrationInterface {
  name = "DataSubjectRights1796600000030";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "supplementary_statement" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "record_id" uuid NOT NULL REFERENCES "agency_record"("id") ON DELETE CASCADE,
      "field" character varying(64),
      "statement" text NOT NULL,
      "agency_code" text NOT NULL,
      "attached_by_sub" text NOT NULL,
      "attached_by_agency" text NOT NULL,
      "attached_at" TIMESTAMP WITH TIME ZONE NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_supplementary_statement_record" ON "supplementary_statement" ("record_id")`);
    await queryRunner.query(`CREATE TABLE "processing_restriction" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "record_id" uuid NOT NULL REFERENCES "agency_record"("id") ON DELETE CASCADE,
      "field" character varying(64),
      "kind" character varying(16) NOT NULL CHECK ("kind" IN ('RESTRICTION', 'OBJECTION')),
      "ground" character varying(40) NOT NULL,
      "reason" text NOT NULL,
      "allowed_purposes" text array NOT NULL,
      "status" character varying(16) NOT NULL CHECK ("status" IN ('IN_FORCE', 'LIFTED')),
      "restricted_by_sub" text NOT NULL,
      "restricted_by_agency" text NOT NULL,
      "restricted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "decision" character varying(16),
      "decision_reason" text,
      "decided_by_sub" text,
      "decided_at" TIMESTAMP WITH TIME ZONE)`);
    await queryRunner.query(`CREATE INDEX "IDX_processing_restriction_record" ON "processing_restriction" ("record_id")`);
    await queryRunner.query(`CREATE TABLE "erasure_decision" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "record_id" uuid NOT NULL,
      "record_type" character varying(24) NOT NULL,
      "agency_code" text NOT NULL,
      "field" character varying(64) NOT NULL,
      "regime" character varying(16) NOT NULL,
      "grounds" text array NOT NULL,
      "exemptions" text array NOT NULL,
      "outcome" character varying(16) NOT NULL CHECK ("outcome" IN ('ERASED', 'REFUSED')),
      "reason" text NOT NULL,
      "decided_by_sub" text NOT NULL,
      "decided_by_agency" text NOT NULL,
      "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL)`);
    // A decision is the record of what was done and why: it is never changed or deleted.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "erasure_decision" FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "erasure_decision"`);
    await queryRunner.query(`DROP TABLE "processing_restriction"`);
    await queryRunner.query(`DROP TABLE "supplementary_statement"`);
  }
}
