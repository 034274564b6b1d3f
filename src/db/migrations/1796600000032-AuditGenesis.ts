import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The audit trail's archive by segments (`audit/README.md`, retention): `audit_genesis` records each
 * signed checkpoint a segment of the trail was archived under, and the trail's verifier starts from the
 * newest. It is append-only like the trail, and a genesis may only move forward.
 *
 * `disclosure_audit` stays append-only for every statement but one: a DELETE in the transaction that
 * wrote a genesis, of entries that genesis's checkpoint covers (each at or below the head it signed
 * for its chain), checked over every row the statement removed. Anything else — an UPDATE, a TRUNCATE,
 * a DELETE without a genesis written in the same transaction, or one reaching past the signed heads —
 * is refused as before.
 */
export class AuditGenesis1796600000032 implements MigrationInterface {
  name = "AuditGenesis1796600000032";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_genesis" (
        "checkpoint_number" bigint PRIMARY KEY REFERENCES "audit_checkpoint" ("number") ON DELETE RESTRICT,
        "jws" text NOT NULL,
        "heads" jsonb NOT NULL,
        "entries_archived" bigint NOT NULL CHECK ("entries_archived" >= 0),
        "archive_sha256" char(64) NOT NULL,
        "archived_at" timestamptz NOT NULL,
        "detached_in" bigint NOT NULL DEFAULT txid_current()
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_genesis_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF EXISTS (SELECT 1 FROM audit_genesis WHERE checkpoint_number >= NEW.checkpoint_number) THEN
            RAISE EXCEPTION 'audit_genesis only moves forward: checkpoint % is not after the current genesis', NEW.checkpoint_number
              USING ERRCODE = 'check_violation';
          END IF;
          NEW.detached_in := txid_current();
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_genesis is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_genesis_forward" BEFORE INSERT ON "audit_genesis" FOR EACH ROW EXECUTE FUNCTION "audit_genesis_guard"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_genesis_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_genesis" FOR EACH STATEMENT EXECUTE FUNCTION "audit_genesis_guard"()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_genesis" FROM PUBLIC`);

    // DELETE leaves the statement trigger that refuses everything for one that admits a detach.
    await queryRunner.query(`DROP TRIGGER "disclosure_audit_append_only" ON "disclosure_audit"`);
    await queryRunner.query(`CREATE TRIGGER "disclosure_audit_append_only" BEFORE UPDATE OR TRUNCATE ON "disclosure_audit" FOR EACH STATEMENT EXECUTE FUNCTION "disclosure_audit_reject_change"()`);
    await queryRunner.query(`
      CREATE FUNCTION "disclosure_audit_detach_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM audit_genesis WHERE detached_in = txid_current()) THEN
          RAISE EXCEPTION 'disclosure_audit is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Audit entries are never changed or removed; a segment sealed under a signed checkpoint is archived, then detached with its genesis (npm run audit:archive).';
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "disclosure_audit_detach_only" BEFORE DELETE ON "disclosure_audit" FOR EACH STATEMENT EXECUTE FUNCTION "disclosure_audit_detach_only"()`);
    await queryRunner.query(`
      CREATE FUNCTION "disclosure_audit_detach_within_genesis"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM removed r
          WHERE NOT EXISTS (
            SELECT 1 FROM audit_genesis g CROSS JOIN LATERAL jsonb_array_elements(g.heads) h
            WHERE g.detached_in = txid_current() AND (h->>'chain')::int = r.chain_id AND r.sequence <= (h->>'sequence')::bigint)) THEN
          RAISE EXCEPTION 'disclosure_audit: only entries the new genesis checkpoint signed may be detached'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "disclosure_audit_detach_within_genesis" AFTER DELETE ON "disclosure_audit" REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "disclosure_audit_detach_within_genesis"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "disclosure_audit_detach_within_genesis" ON "disclosure_audit"`);
    await queryRunner.query(`DROP TRIGGER "disclosure_audit_detach_only" ON "disclosure_audit"`);
    await queryRunner.query(`DROP FUNCTION "disclosure_audit_detach_within_genesis"()`);
    await queryRunner.query(`DROP FUNCTION "disclosure_audit_detach_only"()`);
    await queryRunner.query(`DROP TRIGGER "disclosure_audit_append_only" ON "disclosure_audit"`);
    await queryRunner.query(`CREATE TRIGGER "disclosure_audit_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "disclosure_audit" FOR EACH STATEMENT EXECUTE FUNCTION "disclosure_audit_reject_change"()`);
    await queryRunner.query(`DROP TABLE "audit_genesis"`);
    await queryRunner.query(`DROP FUNCTION "audit_genesis_guard"()`);
  }
}
