import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Routed notifications (HUB.md §9):
 * - `notification`: one per event a prison notified (unique per prison and its own reference, so a
 *   resubmission is the same notification) or escalation the hub raised, with every routing rule's
 *   finding (`routing`), the adult it is about and the prison records the children were linked through;
 * - `notification_delivery`: what one agency received — its own view, decided for its agency type and
 *   the routing rule's purpose, the rules that chose it, the disclosure audit entry committed before the
 *   row was written (`disclosure_id`), its acknowledgement deadline and acknowledgement, and when it was
 *   escalated. Inboxes read by (recipient, delivered_at, id); escalation finds the overdue by
 *   `acknowledge_by` among the unacknowledged and not yet escalated.
 */
export class Notifications1796600000013 implements MigrationInterface {
  name = "Notifications1796600000013";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_delivery" ("id" uuid NOT NULL, "notification_id" uuid NOT NULL, "recipient_agency" character varying(40) NOT NULL, "audience" character varying(16) NOT NULL, "routing_rules" text array NOT NULL, "purpose" character varying(40) NOT NULL, "lawful_basis" character varying(24) NOT NULL, "special_category_condition" character varying(32), "content" jsonb NOT NULL, "redactions" jsonb NOT NULL, "child_suis" text array NOT NULL DEFAULT '{}', "disclosure_id" uuid NOT NULL, "contact" character varying(254), "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledge_by" TIMESTAMP WITH TIME ZONE, "response_requested" boolean NOT NULL DEFAULT false, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" character varying(200), "response" text, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_109dea88c25343da49d86de6bfd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_93aa3fc8ee09199ad2f1728f53" ON "notification_delivery"  ("acknowledge_by") WHERE "acknowledged_at" IS NULL AND "escalated_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_ae7d9a899f2227a8fcd336ce98" ON "notification_delivery"  ("recipient_agency", "delivered_at", "id") `);
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL, "type" character varying(16) NOT NULL, "event" character varying(24), "source_agency" character varying(40) NOT NULL, "source_reference" character varying(64), "submitted_by" character varying(200) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "adult_id" uuid, "record_ids" uuid array NOT NULL DEFAULT '{}', "routing" jsonb NOT NULL, "escalates_delivery_id" uuid, "policy_version" character varying(64) NOT NULL, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d28dcf465e4fa96d14a91b6873" ON "notification"  ("adult_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c58b49df37e9f43be94df775b8" ON "notification"  ("source_agency", "source_reference") WHERE "source_reference" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD CONSTRAINT "FK_2e70a64359ce7416b06a4d7a432" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP CONSTRAINT "FK_2e70a64359ce7416b06a4d7a432"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c58b49df37e9f43be94df775b8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d28dcf465e4fa96d14a91b6873"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ae7d9a899f2227a8fcd336ce98"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93aa3fc8ee09199ad2f1728f53"`);
    await queryRunner.query(`DROP TABLE "notification_delivery"`);
  }
}
