import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Term frequencies for the matcher (`child_match_term`), and blocking keys that survive two errors at
 * once. Profiles, keys and term counts are derived data: they are dropped here, and the hub derives
 * them again under the current key families from the names and addresses it holds
 * (`profileUnprofiledChildren`, at start-up, before it serves a request).
 */
export class MatchTermsAndTwoErrorKeys1796600000000 implements MigrationInterface {
  name = "MatchTermsAndTwoErrorKeys1796600000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "child_match_term" ("term" text NOT NULL, "children" integer NOT NULL, CONSTRAINT "PK_4dc4158dfa7e8f7816acd550c20" PRIMARY KEY ("term"))`);
    await queryRunner.query(`DELETE FROM "child_match_key"`);
    await queryRunner.query(`DELETE FROM "child_match_profile"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "child_match_term"`);
    await queryRunner.query(`DELETE FROM "child_match_key"`);
    await queryRunner.query(`DELETE FROM "child_match_profile"`);
  }
}
