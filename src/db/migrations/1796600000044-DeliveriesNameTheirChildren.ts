import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A named-staff exclusion is the child's (`child_exclusion.child_id`, migration 37), but a delivery
 * named its children only by the SUIs its view carries: none for a child awaiting an SUI (a pre-birth
 * plan), so the inbox and the webhook never applied the child's exclusions to it. Every delivery now
 * names the children it is about by id (`child_ids`): the children of the notification's records and
 * those holding the SUIs it carries, backfilled here the same way.
 */
export class DeliveriesNameTheirChildren1796600000044 implements MigrationInterface {
  name = "DeliveriesNameTheirChildren1796600000044";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD "child_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE "notification_delivery" d SET "child_ids" = ARRAY(
        SELECT c.id FROM "child" c WHERE c.sui = ANY(d.child_suis)
        UNION SELECT r.child_id FROM "notification" n JOIN "agency_record" r ON r.id = ANY(n.record_ids) WHERE n.id = d.notification_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP COLUMN "child_ids"`);
  }
}
