import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Each routing rule's role as policies/notification-routing.yaml stated it when this migration was written. */
const DECIDED_AS: Record<string, string> = {
  "pprc-csc-prisoner-home-area": "SOCIAL_WORKER",
  "pprc-csc-child-home-area": "SOCIAL_WORKER",
  "pprc-probation-status": "PROBATION_PRACTITIONER",
  "pprc-yot-status": "YOT_WORKER",
  "pprc-police-release-area": "POLICE_OFFICER",
  "cpis-attendance-plan-holder": "SOCIAL_WORKER",
  "cpis-access-plan-holder": "SOCIAL_WORKER",
  "plan-move-receiving-authority": "SOCIAL_WORKER",
  "encompass-school-dsl": "SCHOOL_DSL",
  "police-victim-csc": "SOCIAL_WORKER",
};

/**
 * - `notification_delivery.decided_as`: the role a delivery's view was decided for (the routing rule's
 *   `decidedAs`; IG_LEAD for an escalation). Only staff in that role (and the agency's own system) read
 *   it: another role of the agency was never decided for. Existing deliveries take their first rule's
 *   role as the policy stated it; one whose rule is unknown is left to the agency's system alone.
 * - `notification.content_hash`: what the agency said under its reference, so the same reference with
 *   other content is refused (REFERENCE_REUSED) rather than answered with the first receipt. Null for
 *   escalations and for notifications stored before it was kept (those references answer as before).
 */
export class NotificationGovernance1796600000025 implements MigrationInterface {
  name = "NotificationGovernance1796600000025";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD "decided_as" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "content_hash" character(64)`);
    await queryRunner.query(`UPDATE "notification_delivery" SET "decided_as" = 'IG_LEAD' WHERE "audience" = 'IG_LEADS'`);
    for (const [rule, role] of Object.entries(DECIDED_AS)) {
      await queryRunner.query(`UPDATE "notification_delivery" SET "decided_as" = $2 WHERE "audience" = 'STAFF' AND "routing_rules"[1] = $1`, [rule, role]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "content_hash"`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP COLUMN "decided_as"`);
  }
}
