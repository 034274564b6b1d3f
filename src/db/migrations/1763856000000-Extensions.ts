import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * pg_trgm (trigram similarity) and fuzzystrmatch (Soundex, Metaphone, Levenshtein) for finding a child
 * under a misspelt name. Both the embedded PGlite and PostgreSQL provide them.
 */
export class Extensions1763856000000 implements MigrationInterface {
  name = "Extensions1763856000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS fuzzystrmatch`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
