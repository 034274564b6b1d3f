import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Webhook deliveries (`webhooks/`): one row per notification delivery sent to an agency's endpoint,
 * its id the Standard Webhooks `webhook-id`, its body fixed at enqueue. The job queue that drives the
 * attempts is pg-boss's, in its own schema (`pgboss`), which pg-boss creates and migrates itself when
 * the hub starts.
 */
export class WebhookDeliveries1796600000021 implements MigrationInterface {
  name = "WebhookDeliveries1796600000021";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "recipient_agency" character varying(40) NOT NULL, "body" text NOT NULL, "child_suis" text array NOT NULL DEFAULT '{}', "status" character varying(12) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT 0, "last_failure" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "dead_at" TIMESTAMP WITH TIME ZONE, "replays" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_webhook_delivery" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3c46bdef54bd0f1ab265e2e929" ON "webhook_delivery" ("delivery_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_555f428bf85a02be8290632297" ON "webhook_delivery" ("status", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
  }
}
