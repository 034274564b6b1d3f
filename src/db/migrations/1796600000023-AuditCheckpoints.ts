import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Signed checkpoints over every audit chain's head (HUB.md §10, `audit/README.md`), and the record of
 * each verification run an IG lead reads.
 *
 * `audit_checkpoint` is append-only like the trail: a checkpoint is numbered once (the primary key is
 * what makes "exactly one process writes checkpoint n" hold when several hubs race), signed, and never
 * changed. Its copy here is a convenience for exporting; the copy that proves anything is the one held
 * outside the database, whose signature a database superuser cannot forge.
 */
export class AuditCheckpoints1796600000023 implements MigrationInterface {
  name = "AuditCheckpoints1796600000023";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoint" (
        "number" bigint PRIMARY KEY CHECK ("number" > 0),
        "taken_at" timestamptz NOT NULL,
        "entries" bigint NOT NULL,
        "heads" jsonb NOT NULL,
        "kid" text NOT NULL,
        "jws" text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_checkpoint_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoint is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_checkpoint_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_checkpoint" FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoint_reject_change"()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_checkpoint" FROM PUBLIC`);

    // A verification of a large trail runs for minutes: its row says it is running, then what it found.
    await queryRunner.query(`
      CREATE TABLE "audit_verification_run" (
        "id" uuid PRIMARY KEY,
        "requested_by" text NOT NULL,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz,
        "status" varchar(16) NOT NULL CHECK ("status" IN ('RUNNING', 'INTACT', 'BROKEN', 'FAILED')),
        "from_checkpoint" bigint,
        "checkpoints_checked" integer NOT NULL DEFAULT 0,
        "entries_checked" bigint NOT NULL DEFAULT 0,
        "chains_checked" integer NOT NULL DEFAULT 0,
        "breaks" jsonb NOT NULL DEFAULT '[]'::jsonb
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_verification_run_started_at" ON "audit_verification_run" ("started_at" DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_verification_run"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
    await queryRunner.query(`DROP FUNCTION "audit_checkpoint_reject_change"()`);
  }
}
