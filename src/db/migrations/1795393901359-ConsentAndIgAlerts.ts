import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Consent decisions, safeguarding overrides of consent, and IG alerts raised by break-glass access. */
export class ConsentAndIgAlerts1795393901359 implements MigrationInterface {
    name = "ConsentAndIgAlerts1795393901359";

    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "consent_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_by" character varying(40) NOT NULL, "child_competent" boolean NOT NULL DEFAULT false, "giver_description" character varying(120), "decision" character varying(16) NOT NULL, "purposes" text array NOT NULL, "note" text, "recorded_by_sub" character varying(200) NOT NULL, "recorded_by_agency" character varying(40) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "child_id" uuid NOT NULL, CONSTRAINT "PK_b357c35aea3aa0be4647282324f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_937bf3bc0bf44f096f8e32ec92" ON "consent_record"  ("child_id", "recorded_at") `);
        await queryRunner.query(`CREATE TABLE "consent_override" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reason" text NOT NULL, "authorised_by_sub" character varying(200) NOT NULL, "authorised_by_agency" character varying(40) NOT NULL, "review_by" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "child_id" uuid NOT NULL, CONSTRAINT "PK_f3dcfde31e524b37bf2e0ed9206" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b35681149c2e126d85cd4ca9cc" ON "consent_override"  ("child_id", "recorded_at") `);
        await queryRunner.query(`CREATE TABLE "ig_alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "child_sui" character varying(10) NOT NULL, "principal_sub" character varying(200) NOT NULL, "principal_agency" character varying(40) NOT NULL, "first_disclosure_id" uuid NOT NULL, "disclosure_count" integer NOT NULL DEFAULT '1', "justification" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'OPEN', "outcome" character varying(24), "review_note" text, "closed_by_sub" character varying(200), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e839520dd534b18cafa38f60c38" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_048685d4e93d18f26b36fc5645" ON "ig_alert"  ("principal_sub", "child_sui", "window_ends_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_41e1f1c91f30b5e0531aaa93bc" ON "ig_alert"  ("status", "raised_at") `);
        await queryRunner.query(`ALTER TABLE "consent_record" ADD CONSTRAINT "FK_6b57cdc011bd841d0c3dd101084" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consent_override" ADD CONSTRAINT "FK_cb035468f18d8f49a8f414524ae" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "consent_override" DROP CONSTRAINT "FK_cb035468f18d8f49a8f414524ae"`);
        await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "FK_6b57cdc011bd841d0c3dd101084"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_41e1f1c91f30b5e0531aaa93bc"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_048685d4e93d18f26b36fc5645"`);
        await queryRunner.query(`DROP TABLE "ig_alert"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b35681149c2e126d85cd4ca9cc"`);
        await queryRunner.query(`DROP TABLE "consent_override"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_937bf3bc0bf44f096f8e32ec92"`);
        await queryRunner.query(`DROP TABLE "consent_record"`);
    }

}
