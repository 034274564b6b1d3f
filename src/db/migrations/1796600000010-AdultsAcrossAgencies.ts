import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Adults across agencies (HUB.md §8): an adult is one person however many agencies report them.
 * - `adult_identifier` (an agency's reference for the person) keeps how it came to name the adult
 *   (`link_method`) and that agency's own view of the person (date of birth, sex, postcode), and whether
 *   it was reported only on sealed or brokered records (`restricted`: never matched);
 * - `adult_national_identifier`: NHS number, prison number, PNC id, probation CRN — one value, one adult;
 * - `adult_match_key`: blocking keys, as for children; adults already held are keyed at start-up
 *   (`adultMatchKeys.ts`);
 * - `adult_link_review`: a reported person who may be an adult already held, for a data steward;
 * - `adult_identity_change` and `adult.merged_into_id`: stewards' merges and splits;
 * - `child_adult_relationship.adult_reference`: the agency reference a relationship came through;
 * - `adult_name` is unique per reporting agency: a name reaches a reader only through the agency that gave it.
 * References already held were each the adult's founding one, and gave the adult's own facts.
 */

export class AdultsAcrossAgencies1796600000010 implements MigrationInterface {
  name = "AdultsAcrossAgencies1796600000010";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "adult_national_identifier" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scheme" character varying(16) NOT NULL, "value" character varying(16) NOT NULL, "reported_by" character varying(40) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "adult_id" uuid NOT NULL, CONSTRAINT "PK_1e8c9beb2e3fa510f85d9ea3095" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_416186bc0a4d26b0137f6f18f1" ON "adult_national_identifier"  ("adult_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7061de33c06c6a44e2c2c4751f" ON "adult_national_identifier"  ("scheme", "value") `);
    await queryRunner.query(`CREATE TABLE "adult_match_key" ("key" text NOT NULL, "adult_id" uuid NOT NULL, CONSTRAINT "PK_af795ff42d5b427e82e21485cdb" PRIMARY KEY ("key", "adult_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d98eea702176acfdef53480263" ON "adult_match_key"  ("adult_id") `);
    await queryRunner.query(`CREATE TABLE "adult_link_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "adult_id" uuid NOT NULL, "candidate_adult_id" uuid NOT NULL, "score" double precision NOT NULL, "evidence" jsonb NOT NULL, "status" character varying(16) NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_by" character varying(200), "resolved_at" TIMESTAMP WITH TIME ZONE, "reason" text, CONSTRAINT "PK_40c971d64a5e08cc274fe8d66c9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c0c9e43492482912d6a20a151c" ON "adult_link_review"  ("candidate_adult_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_adult_link_review_pair" ON "adult_link_review"  ("adult_id", "candidate_adult_id") WHERE "status" = 'OPEN'`);
    await queryRunner.query(`CREATE INDEX "IDX_adult_link_review_open" ON "adult_link_review"  ("opened_at", "id") WHERE "status" = 'OPEN'`);
    await queryRunner.query(`CREATE TABLE "adult_identity_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "from_adult_id" uuid NOT NULL, "to_adult_id" uuid NOT NULL, "identifier_ids" uuid array NOT NULL, "decided_by" character varying(200) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_7b0cd7734224ae54df91b5f9ed5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e753b383424b429685550a9009" ON "adult_identity_change"  ("to_adult_id", "decided_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_bcaa346bae3b8a48d367d69e87" ON "adult_identity_change"  ("from_adult_id", "decided_at") `);
    await queryRunner.query(`ALTER TABLE "adult_identifier" ADD "link_method" character varying(16) NOT NULL DEFAULT 'FOUNDED'`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" ADD "date_of_birth" date`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" ADD "sex" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" ADD "postcode" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" ADD "restricted" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "adult" ADD "merged_into_id" uuid`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd7e9d521a28ebf76c233fc4ee"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6f33810ae5c26be7c42d4af1db" ON "adult_name"  ("adult_id", "given_names", "family_name", "reported_by") `);
    await queryRunner.query(`ALTER TABLE "child_adult_relationship" ADD "adult_reference" character varying(64)`);
    // Until now every adult had exactly one reference, the one every relationship of theirs came through.
    await queryRunner.query(`UPDATE "child_adult_relationship" rel SET "adult_reference" = i."reference" FROM "adult_identifier" i WHERE i."adult_id" = rel."adult_id"`);
    await queryRunner.query(`UPDATE "adult_identifier" i SET "date_of_birth" = a."date_of_birth", "sex" = a."sex" FROM "adult" a WHERE a."id" = i."adult_id"`);
    await queryRunner.query(`ALTER TABLE "adult_national_identifier" ADD CONSTRAINT "FK_416186bc0a4d26b0137f6f18f1d" FOREIGN KEY ("adult_id") REFERENCES "adult"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "child_adult_relationship" DROP COLUMN "adult_reference"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6f33810ae5c26be7c42d4af1db"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cd7e9d521a28ebf76c233fc4ee" ON "adult_name" USING btree ("given_names", "family_name", "adult_id") `);
    await queryRunner.query(`ALTER TABLE "adult_national_identifier" DROP CONSTRAINT "FK_416186bc0a4d26b0137f6f18f1d"`);
    await queryRunner.query(`ALTER TABLE "adult" DROP COLUMN "merged_into_id"`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" DROP COLUMN "restricted"`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" DROP COLUMN "postcode"`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" DROP COLUMN "sex"`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" DROP COLUMN "date_of_birth"`);
    await queryRunner.query(`ALTER TABLE "adult_identifier" DROP COLUMN "link_method"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bcaa346bae3b8a48d367d69e87"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e753b383424b429685550a9009"`);
    await queryRunner.query(`DROP TABLE "adult_identity_change"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_adult_link_review_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_adult_link_review_pair"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c0c9e43492482912d6a20a151c"`);
    await queryRunner.query(`DROP TABLE "adult_link_review"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d98eea702176acfdef53480263"`);
    await queryRunner.query(`DROP TABLE "adult_match_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7061de33c06c6a44e2c2c4751f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_416186bc0a4d26b0137f6f18f1"`);
    await queryRunner.query(`DROP TABLE "adult_national_identifier"`);
  }
}
