import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A console session's state in one sealed column (`console/ConsoleSession.ts`). The bearer token was
 * sealed under the cookie's value, but who the person is, why they were looking (a justification may
 * name a child), the handles that stand for the SUIs of the children they opened and a pending
 * sign-in's nonce and PKCE verifier sat in the clear, for anyone who can read the table or a backup.
 * Sessions open now cannot be carried over (their cookie values are not held here): they end, and
 * their people sign in again.
 */
export class SealedConsoleSessions1796600000055 implements MigrationInterface {
  name = "SealedConsoleSessions1796600000055";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "console_session"`);
    await queryRunner.query(`ALTER TABLE "console_session" DROP COLUMN "token", DROP COLUMN "caller", DROP COLUMN "access", DROP COLUMN "handles"`);
    await queryRunner.query(`ALTER TABLE "console_session" ADD "sealed" text NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "console_session"`);
    await queryRunner.query(`ALTER TABLE "console_session" DROP COLUMN "sealed"`);
    await queryRunner.query(`ALTER TABLE "console_session" ADD "token" text, ADD "caller" jsonb, ADD "access" jsonb, ADD "handles" jsonb NOT NULL DEFAULT '{}'`);
  }
}
