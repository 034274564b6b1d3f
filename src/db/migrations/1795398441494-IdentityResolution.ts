import { type MigrationInterface, type QueryRunner } from "typeorm";

export class IdentityResolution1795398441494 implements MigrationInterface {
    name = 'IdentityResolution1795398441494'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "record_link_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_id" uuid NOT NULL, "child_id" uuid, "action" character varying(16) NOT NULL, "method" character varying(16) NOT NULL, "origin" character varying(16) NOT NULL, "evidence" jsonb, "decided_by" character varying(200) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text, "cause_id" uuid, CONSTRAINT "PK_7399019af03b4df0df168de4ba8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9376c8381445a69055309863f9" ON "record_link_event"  ("child_id", "decided_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_4260ef913b72b62f9f92128e4b" ON "record_link_event"  ("record_id", "decided_at") `);
        await queryRunner.query(`CREATE TABLE "link_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_id" uuid NOT NULL, "candidate_child_id" uuid NOT NULL, "score" double precision NOT NULL, "evidence" jsonb NOT NULL, "status" character varying(16) NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_by" character varying(200), "resolved_at" TIMESTAMP WITH TIME ZONE, "reason" text, CONSTRAINT "PK_8c5d73a6b0ffbadc3c3aafdd40b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4b5226702511cf23d624b0c7d4" ON "link_review"  ("record_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_link_review_record_candidate" ON "link_review"  ("record_id", "candidate_child_id") WHERE "status" = 'OPEN'`);
        await queryRunner.query(`CREATE INDEX "IDX_link_review_open" ON "link_review"  ("opened_at", "id") WHERE "status" = 'OPEN'`);
        await queryRunner.query(`CREATE TABLE "child_match_profile" ("child_id" uuid NOT NULL, "given_names" text array NOT NULL, "family_names" text array NOT NULL, "date_of_birth" date, "sex" character varying(16) NOT NULL, "postcodes" text array NOT NULL, CONSTRAINT "PK_e82032fbb0ad4952615b34fc8d0" PRIMARY KEY ("child_id"))`);
        await queryRunner.query(`CREATE TABLE "child_match_key" ("key" text NOT NULL, "child_id" uuid NOT NULL, CONSTRAINT "PK_df5297ee483d5857367a895eab6" PRIMARY KEY ("key", "child_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e3508765d145aaad50efd4f34b" ON "child_match_key"  ("child_id") `);
        await queryRunner.query(`CREATE TABLE "child_identity_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "from_child_id" uuid NOT NULL, "to_child_id" uuid NOT NULL, "from_child_sui" character varying(10), "record_ids" uuid array NOT NULL, "decided_by" character varying(200) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_5190b491e993b343a95c48028ae" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_82d2d8657f9b5e2946a6ceecc9" ON "child_identity_change"  ("to_child_id", "decided_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_c11edda41ea16365ae471ba3ab" ON "child_identity_change"  ("from_child_id", "decided_at") `);
        await queryRunner.query(`ALTER TABLE "child" ADD "merged_into_id" uuid`);
        // Records submitted before this migration all carried an SUI: the child's own identity stands in for what they reported.
        await queryRunner.query(`ALTER TABLE "agency_record" ADD "reported_identity" jsonb`);
        await queryRunner.query(`UPDATE "agency_record" r SET "reported_identity" = jsonb_build_object('givenNames', c.given_names, 'familyName', c.family_name, 'dateOfBirth', c.date_of_birth::text, 'expectedDateOfBirth', c.expected_date_of_birth::text, 'sex', c.sex, 'postcode', NULL, 'address', NULL, 'backfilled', true) FROM "child" c WHERE c.id = r.child_id`);
        await queryRunner.query(`ALTER TABLE "agency_record" ALTER COLUMN "reported_identity" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "agency_record" ADD "link_evidence" jsonb`);
        await queryRunner.query(`ALTER TABLE "agency_record" DROP CONSTRAINT "FK_2699171ece52ea3eef9af0b1714"`);
        await queryRunner.query(`ALTER TABLE "agency_record" ALTER COLUMN "child_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" DROP CONSTRAINT "FK_5c59bd80dab774771a34c0b21df"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c9dd40a68c3afef1aebf369ad9"`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ALTER COLUMN "child_id" DROP NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c9dd40a68c3afef1aebf369ad9" ON "child_adult_relationship"  ("child_id", "adult_id", "source_record_id") `);
        await queryRunner.query(`ALTER TABLE "agency_record" ADD CONSTRAINT "FK_2699171ece52ea3eef9af0b1714" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ADD CONSTRAINT "FK_5c59bd80dab774771a34c0b21df" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" DROP CONSTRAINT "FK_5c59bd80dab774771a34c0b21df"`);
        await queryRunner.query(`ALTER TABLE "agency_record" DROP CONSTRAINT "FK_2699171ece52ea3eef9af0b1714"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c9dd40a68c3afef1aebf369ad9"`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ALTER COLUMN "child_id" SET NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c9dd40a68c3afef1aebf369ad9" ON "child_adult_relationship" USING btree ("child_id", "adult_id", "source_record_id") `);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ADD CONSTRAINT "FK_5c59bd80dab774771a34c0b21df" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agency_record" ALTER COLUMN "child_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "agency_record" ADD CONSTRAINT "FK_2699171ece52ea3eef9af0b1714" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agency_record" DROP COLUMN "link_evidence"`);
        await queryRunner.query(`ALTER TABLE "agency_record" DROP COLUMN "reported_identity"`);
        await queryRunner.query(`ALTER TABLE "child" DROP COLUMN "merged_into_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c11edda41ea16365ae471ba3ab"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_82d2d8657f9b5e2946a6ceecc9"`);
        await queryRunner.query(`DROP TABLE "child_identity_change"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e3508765d145aaad50efd4f34b"`);
        await queryRunner.query(`DROP TABLE "child_match_key"`);
        await queryRunner.query(`DROP TABLE "child_match_profile"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_link_review_open"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_link_review_record_candidate"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4b5226702511cf23d624b0c7d4"`);
        await queryRunner.query(`DROP TABLE "link_review"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4260ef913b72b62f9f92128e4b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9376c8381445a69055309863f9"`);
        await queryRunner.query(`DROP TABLE "record_link_event"`);
    }

}
