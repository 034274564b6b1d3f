import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The request counters every hub process shares (`http/rateLimit/`, rate-limiter-flexible's
 * PostgreSQL store, its own layout). UNLOGGED: a counter needs no durability — a crash at worst forgets
 * a minute's counts — and an unlogged write costs no WAL flush on every request.
 */
export class RateLimits1796600000020 implements MigrationInterface {
  name = "RateLimits1796600000020";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limit" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }
}
