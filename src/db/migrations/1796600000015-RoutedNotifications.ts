import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Routed notifications beyond PPRC (HUB.md §9, DOMAIN.md "Who must tell whom"):
 * - `notification.type` and `event` widen to the longer names of the other routed events;
 * - `notification_delivery.due_by` / `due_for`: what the recipient must have done by when, where its
 *   duty sets a time (a transfer-in conference within 15 working days), and the timescale it came from;
 * - `agency.unscheduled_care_setting`: a health agency that is an unscheduled-care setting (CP-IS), where
 *   an attendance by a child on a plan, or a clinician viewing the plan, tells the plan's authority.
 */
export class RoutedNotifications1796600000015 implements MigrationInterface {
  name = "RoutedNotifications1796600000015";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "type" TYPE character varying(40)`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "event" TYPE character varying(40)`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD "due_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD "due_for" character varying(48)`);
    await queryRunner.query(`ALTER TABLE "agency" ADD "unscheduled_care_setting" character varying(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency" DROP COLUMN "unscheduled_care_setting"`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP COLUMN "due_for"`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP COLUMN "due_by"`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "event" TYPE character varying(24)`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "type" TYPE character varying(16)`);
  }
}
