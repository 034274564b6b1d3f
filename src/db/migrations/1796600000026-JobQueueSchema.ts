import { type MigrationInterface, type QueryRunner } from "typeorm";
import { getConstructionPlans } from "pg-boss";

/**
 * The job queue's own schema (`pgboss`: `webhooks/webhookQueue.ts`), created with the hub's schema
 * rather than at every start: the embedded template then holds it, so a fresh embedded database (each
 * embedded test file's, a first start) does not build it again. The SQL is pg-boss's own construction
 * plan for the version installed when this migration runs; a later pg-boss migrates its schema itself
 * when the hub starts (`PgBoss.start`), as it does for a database made before this migration.
 */
export class JobQueueSchema1796600000026 implements MigrationInterface {
  name = "JobQueueSchema1796600000026";

  public async up(queryRunner: QueryRunner): Promise<void> {
    const [{ exists }] = (await queryRunner.query(`SELECT to_regclass('pgboss.version') IS NOT NULL AS "exists"`)) as { exists: boolean }[];
    if (!exists) await queryRunner.query(getConstructionPlans("pgboss"));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS "pgboss" CASCADE`);
  }
}
