import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * An IG alert is about the hub's child, not the SUI it held: keyed by SUI, a break-glass read of (or an
 * excluded caller's attempt on) a child awaiting an SUI raised no alert the IG lead could find, and an SUI
 * arriving or a merge split one caller's window on one child in two. Each alert is given the child that
 * holds its SUI (alerts were raised only for children the hub held under it; a child merged away since
 * hands its alerts to its survivor, which holds the SUI now). The SUI is no longer kept on the alert: it is
 * read from the child when listed, so the IG lead sees the one the child holds now, or that it awaits one.
 *
 * `hub_children_covered(child)`: the children an exclusion of that child covers — the child and every child
 * merged into it, at any depth (a retired child's history is the survivor's file). The one definition the
 * lists that leave out what a caller is kept out of (`exclusions/childrenKeptOut`, `exclusions/excludes`'s
 * `keptOutCondition`) both use, walked by a partial index of the few children merged away.
 */
export class IgAlertsKeyedByChild1796600000046 implements MigrationInterface {
  name = "IgAlertsKeyedByChild1796600000046";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ig_alert" ADD "child_id" uuid`);
    await queryRunner.query(`UPDATE "ig_alert" a SET "child_id" = c."id" FROM "child" c WHERE c."sui" = a."child_sui"`);
    await queryRunner.query(`ALTER TABLE "ig_alert" ALTER COLUMN "child_id" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."IDX_048685d4e93d18f26b36fc5645"`);
    await queryRunner.query(`ALTER TABLE "ig_alert" DROP COLUMN "child_sui"`);
    await queryRunner.query(`CREATE INDEX "IDX_ig_alert_window" ON "ig_alert" ("principal_sub", "child_id", "window_ends_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_ig_alert_child" ON "ig_alert" ("child_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_child_merged_into" ON "child" ("merged_into_id") WHERE "merged_into_id" IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION hub_children_covered(uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
        WITH RECURSIVE covered(id) AS (SELECT $1 UNION SELECT c.id FROM child c JOIN covered f ON c.merged_into_id = f.id)
        SELECT id FROM covered
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Refused while an alert about a child awaiting an SUI stands: keyed by SUI again, it would name no child.
    await queryRunner.query(`DROP FUNCTION hub_children_covered(uuid)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_child_merged_into"`);
    await queryRunner.query(`ALTER TABLE "ig_alert" ADD "child_sui" character varying(10)`);
    await queryRunner.query(`UPDATE "ig_alert" a SET "child_sui" = c."sui" FROM "child" c WHERE c."id" = a."child_id"`);
    await queryRunner.query(`ALTER TABLE "ig_alert" ALTER COLUMN "child_sui" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ig_alert_child"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ig_alert_window"`);
    await queryRunner.query(`ALTER TABLE "ig_alert" DROP COLUMN "child_id"`);
    await queryRunner.query(`CREATE INDEX "IDX_048685d4e93d18f26b36fc5645" ON "ig_alert" ("principal_sub", "child_sui", "window_ends_at") `);
  }
}
