import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Two things the hub must keep are kept by the database itself.
 *
 * A record under a processing restriction is not removed with it: `processing_restriction.record_id`
 * refuses the delete of its record (it cascaded), so retention or anything else that reaches such a
 * record fails rather than losing a restriction kept for evidence or legal claims
 * (`retention/removeExpiredFacts.ts` keeps those records and counts them).
 *
 * An audit genesis is the signed one: a row of `audit_genesis` is admitted only with the JWS of the
 * stored checkpoint it names and with the heads that JWS signed (read from its payload), so no genesis
 * can claim heads past what a checkpoint signed and, with them, detach entries nothing sealed.
 */
export class KeptForRightsAndSignedGenesis1796600000036 implements MigrationInterface {
  name = "KeptForRightsAndSignedGenesis1796600000036";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.recordForeignKey(queryRunner, "RESTRICT");
    await queryRunner.query(`
      CREATE FUNCTION "audit_genesis_signed"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        signed text;
        payload text;
      BEGIN
        SELECT jws INTO signed FROM audit_checkpoint WHERE number = NEW.checkpoint_number;
        IF signed IS NULL OR NEW.jws IS DISTINCT FROM signed THEN
          RAISE EXCEPTION 'audit_genesis: checkpoint % is not stored with this signature', NEW.checkpoint_number
            USING ERRCODE = 'check_violation';
        END IF;
        payload := translate(split_part(signed, '.', 2), '-_', '+/');
        payload := rpad(payload, ((length(payload) + 3) / 4) * 4, '=');
        IF NEW.heads IS DISTINCT FROM (convert_from(decode(payload, 'base64'), 'UTF8')::jsonb -> 'heads') THEN
          RAISE EXCEPTION 'audit_genesis: the heads are not those checkpoint % signed', NEW.checkpoint_number
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_genesis_signed" BEFORE INSERT ON "audit_genesis" FOR EACH ROW EXECUTE FUNCTION "audit_genesis_signed"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_genesis_signed" ON "audit_genesis"`);
    await queryRunner.query(`DROP FUNCTION "audit_genesis_signed"()`);
    await this.recordForeignKey(queryRunner, "CASCADE");
  }

  private async recordForeignKey(queryRunner: QueryRunner, onDelete: "RESTRICT" | "CASCADE"): Promise<void> {
    const [constraint] = await queryRunner.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'processing_restriction'::regclass AND contype = 'f' AND confrelid = 'agency_record'::regclass`,
    ) as { conname: string }[];
    if (constraint !== undefined) await queryRunner.query(`ALTER TABLE "processing_restriction" DROP CONSTRAINT "${constraint.conname}"`);
    await queryRunner.query(
      `ALTER TABLE "processing_restriction" ADD CONSTRAINT "FK_processing_restriction_record" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE ${onDelete}`,
    );
  }
}
