import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The console's server-side sessions (`console/ConsoleSession.ts`), in the database every hub process
 * shares, so a person's next request may reach any process. Keyed by a digest of the cookie's value: a
 * copy of the table names no cookie that would open a session.
 */
export class ConsoleSessions1796600000051 implements MigrationInterface {
  name = "ConsoleSessions1796600000051";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "console_session" ("id" character(64) NOT NULL, "csrf_token" character varying(64) NOT NULL, "token" text, "caller" jsonb,
        "access" jsonb, "handles" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_console_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_console_session_expires_at" ON "console_session" ("expires_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_console_session_expires_at"`);
    await queryRunner.query(`DROP TABLE "console_session"`);
  }
}
