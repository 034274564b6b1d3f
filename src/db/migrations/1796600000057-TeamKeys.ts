import { type MigrationInterface, type QueryRunner } from "typeorm";
import { teamKey } from "../../exclusions/excludes";

/**
 * A TEAM exclusion holds its team's key (`team_key`: `teamKey` in `exclusions/excludes.ts`), so the
 * lists that leave out what a caller is kept out of (the notification inbox, plans held elsewhere)
 * compare keys JavaScript worked out rather than normalising the name in SQL. PostgreSQL's `\s`,
 * `btrim` and `lower` are not JavaScript's and follow the database's locale: to PGlite and to
 * PostgreSQL under C.UTF-8 a no-break or narrow no-break space is no space, so a team kept out of a child by
 * "North\u00A0Safeguarding" still read the child's notifications as "North Safeguarding" while
 * `child` kept it out. The key of every exclusion already recorded is worked out here by the same
 * function; a team is never held without its key.
 */
export class TeamKeys1796600000057 implements MigrationInterface {
  name = "TeamKeys1796600000057";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "child_exclusion" ADD "team_key" text`);
    const teams = (await queryRunner.query(`SELECT "id", "team" FROM "child_exclusion" WHERE "team" IS NOT NULL`)) as { id: string; team: string }[];
    for (const { id, team } of teams) await queryRunner.query(`UPDATE "child_exclusion" SET "team_key" = $2 WHERE "id" = $1`, [id, teamKey(team)]);
    await queryRunner.query(`ALTER TABLE "child_exclusion" ADD CONSTRAINT "child_exclusion_team_keyed" CHECK (("team" IS NULL) = ("team_key" IS NULL))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "child_exclusion" DROP CONSTRAINT "child_exclusion_team_keyed"`);
    await queryRunner.query(`ALTER TABLE "child_exclusion" DROP COLUMN "team_key"`);
  }
}
