import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The core model: agency directory, children and adults with name and address history, relationships,
 * and agency records (an index row plus one detail table per agency type). Generated from the entities
 * by `npm run migration:generate`; the schema-agreement test keeps the two in step.
 */
export class CoreSchema1795391396706 implements MigrationInterface {
    name = "CoreSchema1795391396706";

    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "agency" ("code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(32) NOT NULL, "local_authority" character varying(9), "police_force_area" character varying(80), "contact_email" character varying(254), "contact_phone" character varying(40), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fbda24d0286deca69d0b8d30f10" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE INDEX "IDX_a5e043e7e099079ebb5747bf79" ON "agency"  ("type", "local_authority") `);
        await queryRunner.query(`CREATE TABLE "child_name" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_names" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "kind" character varying(16) NOT NULL, "reported_by" character varying(40), "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "child_id" uuid NOT NULL, CONSTRAINT "PK_2662ee007c9a8d0880ac131b44c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9a32a035bc91bea38a2a498a33" ON "child_name"  ("child_id", "given_names", "family_name") `);
        await queryRunner.query(`CREATE TABLE "child_address" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "line1" character varying(120) NOT NULL, "line2" character varying(120), "town" character varying(80), "postcode" character varying(8) NOT NULL DEFAULT '', "local_authority" character varying(9), "labels" text array NOT NULL DEFAULT '{}', "reported_by" character varying(40), "valid_from" date, "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "child_id" uuid NOT NULL, CONSTRAINT "PK_6361e9ad4821157c38a0e6690c5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a770a7db98841664e468e281ca" ON "child_address"  ("child_id", "kind", "line1", "postcode") `);
        await queryRunner.query(`CREATE TABLE "child" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sui" character varying(10), "given_names" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "date_of_birth" date, "expected_date_of_birth" date, "sex" character varying(16) NOT NULL, "local_authority" character varying(9), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1bc719d20461d275be7dd8f1732" UNIQUE ("sui"), CONSTRAINT "child_birth_date_known" CHECK ("date_of_birth" IS NOT NULL OR "expected_date_of_birth" IS NOT NULL), CONSTRAINT "PK_4609b9b323ca37c6bc435ec4b6b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "adult_name" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_names" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "kind" character varying(16) NOT NULL, "reported_by" character varying(40), "first_reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "adult_id" uuid NOT NULL, CONSTRAINT "PK_dde7eb6f8bdf87c1f3f8c13f936" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cd7e9d521a28ebf76c233fc4ee" ON "adult_name"  ("adult_id", "given_names", "family_name") `);
        await queryRunner.query(`CREATE TABLE "adult_identifier" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_code" character varying(40) NOT NULL, "reference" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "adult_id" uuid NOT NULL, CONSTRAINT "PK_d198afd214b640eceecafe7adae" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f30e3261568977c206d517f97c" ON "adult_identifier"  ("agency_code", "reference") `);
        await queryRunner.query(`CREATE TABLE "adult" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_names" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "date_of_birth" date, "sex" character varying(16) NOT NULL, "home_local_authority" character varying(9), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_357af7e636c4504b1ea18da4096" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "agency_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_reference" character varying(64) NOT NULL, "record_type" character varying(16) NOT NULL, "labels" text array NOT NULL DEFAULT '{}', "field_labels" jsonb NOT NULL DEFAULT '{}', "link_method" character varying(16) NOT NULL, "link_state" character varying(16) NOT NULL, "link_origin" character varying(16) NOT NULL, "link_decided_by" character varying(200) NOT NULL, "link_decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE, "content_hash" character(64) NOT NULL, "version" integer NOT NULL DEFAULT '1', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "agency_code" character varying(40) NOT NULL, "child_id" uuid NOT NULL, CONSTRAINT "PK_5e593121f0676b1195396009081" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_2699171ece52ea3eef9af0b171" ON "agency_record"  ("child_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_78ee76f2ba092c2b1135bbd259" ON "agency_record"  ("agency_code", "agency_reference") `);
        await queryRunner.query(`CREATE TABLE "child_adult_relationship" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "relationship" character varying(32) NOT NULL, "parental_responsibility" boolean NOT NULL DEFAULT false, "poses_risk_to_child" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "child_id" uuid NOT NULL, "adult_id" uuid NOT NULL, "source_record_id" uuid NOT NULL, CONSTRAINT "PK_a98c0cc27dad5a0e7c92b1e9e9a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_38a383ad8cdf1bc9b4f55027db" ON "child_adult_relationship"  ("adult_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c9dd40a68c3afef1aebf369ad9" ON "child_adult_relationship"  ("child_id", "adult_id", "source_record_id") `);
        await queryRunner.query(`CREATE TABLE "social_care_record" ("record_id" uuid NOT NULL, "status" character varying(32) NOT NULL, "plan_category" character varying(32), "legal_status" character varying(48), "start_date" date NOT NULL, "end_date" date, "allocated_worker_name" character varying(120), "allocated_worker_contact" character varying(254), "allocated_team" character varying(120), "responsible_local_authority" character varying(9) NOT NULL, "summary" text, CONSTRAINT "PK_75b97b5bcfa48d0ac5fe28e039c" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE TABLE "police_record" ("record_id" uuid NOT NULL, "incident_type" character varying(48) NOT NULL, "child_role" character varying(24) NOT NULL, "occurred_on" date, "reported_on" date NOT NULL, "crime_reference" character varying(40), "summary" text, "intelligence" text, "officer_name" character varying(120), "officer_contact" character varying(254), "active_investigation" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_683e6007fc5bffd660da86e8bff" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE TABLE "health_record" ("record_id" uuid NOT NULL, "gp_practice_code" character varying(10), "gp_practice_name" character varying(160), "registered_on" date, "named_professional_name" character varying(120), "named_professional_role" character varying(40), "named_professional_contact" character varying(254), "conditions" jsonb NOT NULL DEFAULT '[]', "unscheduled_care_attendances" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_9d088ab314c7fe190f79f880c2f" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE TABLE "education_record" ("record_id" uuid NOT NULL, "roll_status" character varying(32) NOT NULL, "on_roll_from" date, "left_on" date, "attendance_percent" numeric(5,2), "exclusions" jsonb NOT NULL DEFAULT '[]', "sen_status" character varying(16) NOT NULL DEFAULT 'NONE', "dsl_name" character varying(120), "dsl_contact" character varying(254), "safeguarding_concerns" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_6ef519cd0c40d502c4f10fed068" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE TABLE "probation_record" ("record_id" uuid NOT NULL, "offender_manager_name" character varying(120), "offender_manager_contact" character varying(254), "rosh_level" character varying(16) NOT NULL, "rosh_to" text array NOT NULL DEFAULT '{}', "mappa_category" smallint, "mappa_level" smallint, "risk_management_summary" text, "offender_id" uuid NOT NULL, CONSTRAINT "PK_0509410397c8bff22b9222cfa8b" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_39acfc3f12de70b2a67c1f45cf" ON "probation_record"  ("offender_id") `);
        await queryRunner.query(`CREATE TABLE "prison_record" ("record_id" uuid NOT NULL, "prison_number" character varying(12) NOT NULL, "pprc_status" character varying(16) NOT NULL, "pprc_assessed_on" date, "expected_release_date" date, "offender_management_unit_contact" character varying(254), "prisoner_id" uuid NOT NULL, CONSTRAINT "PK_901bd11122e1525f13506a41815" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4df734bb175ba6102aed955c7c" ON "prison_record"  ("prisoner_id") `);
        await queryRunner.query(`CREATE TABLE "youth_justice_record" ("record_id" uuid NOT NULL, "disposal" character varying(40) NOT NULL, "start_date" date NOT NULL, "end_date" date, "caseworker_name" character varying(120), "caseworker_contact" character varying(254), "risk_of_serious_harm" character varying(16), "safety_and_wellbeing" character varying(16), "summary" text, CONSTRAINT "PK_e0916f9df6e91a4e22abcc0ee95" PRIMARY KEY ("record_id"))`);
        await queryRunner.query(`CREATE TABLE "hub_metadata" ("key" character varying(64) NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f5aeba4094618d518341477c8b1" PRIMARY KEY ("key"))`);
        await queryRunner.query(`ALTER TABLE "child_name" ADD CONSTRAINT "FK_90fad1351ea1b9be34b73c29af9" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "child_address" ADD CONSTRAINT "FK_bc01a5f2e12c5c345736ebe2852" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "adult_name" ADD CONSTRAINT "FK_7596ea122107a05874ac7e2ba15" FOREIGN KEY ("adult_id") REFERENCES "adult"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "adult_identifier" ADD CONSTRAINT "FK_59a0afecdea0f529a3851445142" FOREIGN KEY ("adult_id") REFERENCES "adult"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agency_record" ADD CONSTRAINT "FK_61412bb38d3df8921e2012d06c5" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agency_record" ADD CONSTRAINT "FK_2699171ece52ea3eef9af0b1714" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ADD CONSTRAINT "FK_5c59bd80dab774771a34c0b21df" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ADD CONSTRAINT "FK_38a383ad8cdf1bc9b4f55027dba" FOREIGN KEY ("adult_id") REFERENCES "adult"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" ADD CONSTRAINT "FK_fea594998421cebd89e160748ce" FOREIGN KEY ("source_record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "social_care_record" ADD CONSTRAINT "FK_75b97b5bcfa48d0ac5fe28e039c" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "police_record" ADD CONSTRAINT "FK_683e6007fc5bffd660da86e8bff" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "health_record" ADD CONSTRAINT "FK_9d088ab314c7fe190f79f880c2f" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "education_record" ADD CONSTRAINT "FK_6ef519cd0c40d502c4f10fed068" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "probation_record" ADD CONSTRAINT "FK_0509410397c8bff22b9222cfa8b" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "probation_record" ADD CONSTRAINT "FK_39acfc3f12de70b2a67c1f45cfd" FOREIGN KEY ("offender_id") REFERENCES "adult"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "prison_record" ADD CONSTRAINT "FK_901bd11122e1525f13506a41815" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "prison_record" ADD CONSTRAINT "FK_4df734bb175ba6102aed955c7c0" FOREIGN KEY ("prisoner_id") REFERENCES "adult"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "youth_justice_record" ADD CONSTRAINT "FK_e0916f9df6e91a4e22abcc0ee95" FOREIGN KEY ("record_id") REFERENCES "agency_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "youth_justice_record" DROP CONSTRAINT "FK_e0916f9df6e91a4e22abcc0ee95"`);
        await queryRunner.query(`ALTER TABLE "prison_record" DROP CONSTRAINT "FK_4df734bb175ba6102aed955c7c0"`);
        await queryRunner.query(`ALTER TABLE "prison_record" DROP CONSTRAINT "FK_901bd11122e1525f13506a41815"`);
        await queryRunner.query(`ALTER TABLE "probation_record" DROP CONSTRAINT "FK_39acfc3f12de70b2a67c1f45cfd"`);
        await queryRunner.query(`ALTER TABLE "probation_record" DROP CONSTRAINT "FK_0509410397c8bff22b9222cfa8b"`);
        await queryRunner.query(`ALTER TABLE "education_record" DROP CONSTRAINT "FK_6ef519cd0c40d502c4f10fed068"`);
        await queryRunner.query(`ALTER TABLE "health_record" DROP CONSTRAINT "FK_9d088ab314c7fe190f79f880c2f"`);
        await queryRunner.query(`ALTER TABLE "police_record" DROP CONSTRAINT "FK_683e6007fc5bffd660da86e8bff"`);
        await queryRunner.query(`ALTER TABLE "social_care_record" DROP CONSTRAINT "FK_75b97b5bcfa48d0ac5fe28e039c"`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" DROP CONSTRAINT "FK_fea594998421cebd89e160748ce"`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" DROP CONSTRAINT "FK_38a383ad8cdf1bc9b4f55027dba"`);
        await queryRunner.query(`ALTER TABLE "child_adult_relationship" DROP CONSTRAINT "FK_5c59bd80dab774771a34c0b21df"`);
        await queryRunner.query(`ALTER TABLE "agency_record" DROP CONSTRAINT "FK_2699171ece52ea3eef9af0b1714"`);
        await queryRunner.query(`ALTER TABLE "agency_record" DROP CONSTRAINT "FK_61412bb38d3df8921e2012d06c5"`);
        await queryRunner.query(`ALTER TABLE "adult_identifier" DROP CONSTRAINT "FK_59a0afecdea0f529a3851445142"`);
        await queryRunner.query(`ALTER TABLE "adult_name" DROP CONSTRAINT "FK_7596ea122107a05874ac7e2ba15"`);
        await queryRunner.query(`ALTER TABLE "child_address" DROP CONSTRAINT "FK_bc01a5f2e12c5c345736ebe2852"`);
        await queryRunner.query(`ALTER TABLE "child_name" DROP CONSTRAINT "FK_90fad1351ea1b9be34b73c29af9"`);
        await queryRunner.query(`DROP TABLE "hub_metadata"`);
        await queryRunner.query(`DROP TABLE "youth_justice_record"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4df734bb175ba6102aed955c7c"`);
        await queryRunner.query(`DROP TABLE "prison_record"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_39acfc3f12de70b2a67c1f45cf"`);
        await queryRunner.query(`DROP TABLE "probation_record"`);
        await queryRunner.query(`DROP TABLE "education_record"`);
        await queryRunner.query(`DROP TABLE "health_record"`);
        await queryRunner.query(`DROP TABLE "police_record"`);
        await queryRunner.query(`DROP TABLE "social_care_record"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c9dd40a68c3afef1aebf369ad9"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_38a383ad8cdf1bc9b4f55027db"`);
        await queryRunner.query(`DROP TABLE "child_adult_relationship"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_78ee76f2ba092c2b1135bbd259"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_2699171ece52ea3eef9af0b171"`);
        await queryRunner.query(`DROP TABLE "agency_record"`);
        await queryRunner.query(`DROP TABLE "adult"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f30e3261568977c206d517f97c"`);
        await queryRunner.query(`DROP TABLE "adult_identifier"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cd7e9d521a28ebf76c233fc4ee"`);
        await queryRunner.query(`DROP TABLE "adult_name"`);
        await queryRunner.query(`DROP TABLE "child"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a770a7db98841664e468e281ca"`);
        await queryRunner.query(`DROP TABLE "child_address"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9a32a035bc91bea38a2a498a33"`);
        await queryRunner.query(`DROP TABLE "child_name"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a5e043e7e099079ebb5747bf79"`);
        await queryRunner.query(`DROP TABLE "agency"`);
    }

}
