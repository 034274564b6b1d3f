import { type MigrationInterface, type QueryRunner } from "typeorm";
import { profileKeys } from "../../identity/matching/blockingKeys";
import { PROFILE_COLUMNS, profileOf, type ProfileRow } from "../../identity/matchProfiles";
import { profileTerms } from "../../identity/matching/termFrequencies";

const PAGE = 5000;


/**
 * Term frequencies for the matcher (`child_match_term`), and blocking keys that survive two errors at
 * once. Keys and term counts are derived from the stored match profiles: both are derived again here,
 * page by page, under the key families and terms of the code that runs the migration, so that no
 * record is matched against a half-keyed registry once the hub serves.
 */
export class MatchTermsAndTwoErrorKeys1796600000000 implements MigrationInterface {
  name = "MatchTermsAndTwoErrorKeys1796600000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "child_match_term" ("term" text NOT NULL, "children" integer NOT NULL, CONSTRAINT "PK_4dc4158dfa7e8f7816acd550c20" PRIMARY KEY ("term"))`);
    await queryRunner.query(`DELETE FROM "child_match_key"`);
    const counts = new Map<string, number>();
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT ${PROFILE_COLUMNS} FROM child_match_profile WHERE child_id > $1 ORDER BY child_id LIMIT ${PAGE}`,
        [after],
      )) as ProfileRow[];
      if (rows.length === 0) break;
      const keys: string[] = [];
      const children: string[] = [];
      for (const row of rows) {
        const profile = profileOf(row);
        for (const key of profileKeys(profile)) {
          keys.push(key);
          children.push(row.child_id);
        }
        for (const term of profileTerms(profile)) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      await queryRunner.query(`INSERT INTO child_match_key (key, child_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`, [keys, children]);
      after = rows[rows.length - 1]?.child_id ?? after;
    }
    const terms = [...counts];
    for (let start = 0; start < terms.length; start += PAGE) {
      const page = terms.slice(start, start + PAGE);
      await queryRunner.query(`INSERT INTO child_match_term (term, children) SELECT * FROM unnest($1::text[], $2::int[])`, [page.map(([term]) => term), page.map(([, count]) => count)]);
    }
  }

  /** The earlier key families cannot be derived here: profiles and keys go, and that version's start-up profiles every child again. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "child_match_term"`);
    await queryRunner.query(`DELETE FROM "child_match_key"`);
    await queryRunner.query(`DELETE FROM "child_match_profile"`);
  }
}
