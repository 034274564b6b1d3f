import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A webhook's body is built at each attempt from the delivery as it leaves the hub then
 * (`webhooks/deliverWebhook.ts`), held to the data subjects' rights and the exclusions in force: it is
 * no longer kept on the row. A body fixed at enqueueing would send, or replay, a fact restricted or
 * erased since, and would keep an erased fact at rest in a delivery never sent.
 */
export class WebhookBodyAtSend1796600000038 implements MigrationInterface {
  name = "WebhookBodyAtSend1796600000038";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP COLUMN "body"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD COLUMN "body" text NOT NULL DEFAULT ''`);
  }
}
