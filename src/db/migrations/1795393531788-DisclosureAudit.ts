import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The disclosure audit (HUB.md §7, src/audit/README.md): one append-only table, hash-chained on 16
 * partitioned chains whose heads live in `audit_chain_head`.
 *
 * The tables and indexes are what `migration:generate` produces from the entities (the schema-agreement
 * test keeps them in step). The rest is hand-written because TypeORM cannot express it: triggers that
 * make the audit table append-only even for its owner, a guard that lets a chain head only advance onto
 * the entry just written, the REVOKEs, and one head row per chain.
 */
export class DisclosureAudit1795393531788 implements MigrationInterface {
  name = "DisclosureAudit1795393531788";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_chain_head" ("chain_id" smallint NOT NULL, "sequence" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_392fc735804fd7f73472e7a3790" PRIMARY KEY ("chain_id"))`);
    await queryRunner.query(`CREATE TABLE "disclosure_audit" ("id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "request_id" text NOT NULL, "principal_sub" text NOT NULL, "principal_agency" text NOT NULL, "principal_agency_type" character varying(32) NOT NULL, "principal_roles" text array NOT NULL, "operation" character varying(40) NOT NULL, "purpose" character varying(40), "lawful_basis" character varying(32), "special_category_condition" character varying(32), "justification" text, "case_reference" text, "break_glass" boolean NOT NULL, "child_suis" text array NOT NULL, "outcome" character varying(16) NOT NULL, "refusal_code" text, "refusal_problem" text, "refusal_rule" text, "fields_disclosed" text array NOT NULL, "fields_withheld" jsonb NOT NULL, "policy_version" text, "prejudices_investigation" boolean NOT NULL, "details" jsonb NOT NULL, "chain_id" smallint NOT NULL, "sequence" bigint NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_593d72a5d814d3183b6873acd79" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_break_glass" ON "disclosure_audit"  ("occurred_at", "id") WHERE "break_glass"`);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_outcome" ON "disclosure_audit"  ("outcome", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_purpose" ON "disclosure_audit"  ("purpose", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_principal_agency" ON "disclosure_audit"  ("principal_agency", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_principal_sub" ON "disclosure_audit"  ("principal_sub", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_child_suis" ON "disclosure_audit" USING gin ("child_suis") `);
    await queryRunner.query(`CREATE INDEX "IDX_disclosure_audit_occurred_at" ON "disclosure_audit"  ("occurred_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_disclosure_audit_chain_sequence" ON "disclosure_audit"  ("chain_id", "sequence") `);

    // Statement-level, so even an UPDATE or DELETE that matches no row is refused: nobody probes the trail.
    await queryRunner.query(`
      CREATE FUNCTION "disclosure_audit_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'disclosure_audit is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Audit entries are never changed or removed; record a new entry instead.';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "disclosure_audit_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "disclosure_audit" FOR EACH STATEMENT EXECUTE FUNCTION "disclosure_audit_reject_change"()`);

    // A head may only move forward, onto an entry that exists, from the entry that links to the old
    // head, so a faulty writer cannot fork or rewind a chain (a batch advances it by several entries at
    // once); head rows are never removed.
    await queryRunner.query(`
      CREATE FUNCTION "audit_chain_head_advance_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.chain_id = OLD.chain_id AND NEW.sequence > OLD.sequence AND EXISTS (
            SELECT 1 FROM "disclosure_audit" entry
            WHERE entry.chain_id = NEW.chain_id AND entry.sequence = NEW.sequence AND entry.hash = NEW.hash
          ) AND EXISTS (
            SELECT 1 FROM "disclosure_audit" entry
            WHERE entry.chain_id = NEW.chain_id AND entry.sequence = OLD.sequence + 1 AND entry.prev_hash = OLD.hash
          ) THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit chain % head may only advance onto the entry just written', OLD.chain_id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'audit_chain_head rows are never removed: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_chain_head_advance" BEFORE UPDATE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_advance_only"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_chain_head_keep" BEFORE DELETE OR TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_head_advance_only"()`);

    // The triggers bind every role, the owner included; the REVOKEs say the same in the privilege system,
    // for a deployment whose application role is granted rights through PUBLIC.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "disclosure_audit" FROM PUBLIC`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "audit_chain_head" FROM PUBLIC`);

    // One head per chain, at the genesis value. AUDIT_CHAIN_COUNT in src/audit/hashChain.ts is 16 too;
    // raising it needs a migration that adds the new heads.
    await queryRunner.query(`INSERT INTO "audit_chain_head" ("chain_id", "sequence", "hash") SELECT chain, 0, repeat('0', 64) FROM generate_series(0, 15) AS chain`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // DROP TABLE fires no triggers; the tables take their indexes and triggers with them.
    await queryRunner.query(`DROP TABLE "disclosure_audit"`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP FUNCTION "audit_chain_head_advance_only"()`);
    await queryRunner.query(`DROP FUNCTION "disclosure_audit_reject_change"()`);
  }
}
