import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Consent keyed by the adult, and children's competence found by age (src/consent/README.md).
 *
 * The columns, index, foreign keys and check are what `migration:generate` produces from the entity,
 * except that the free-text description is renamed rather than dropped: decisions already recorded are
 * moved, not lost. The rest is hand-written:
 *
 * - A parent's decision recorded with a description ("mum") is keyed by the adult when exactly one
 *   person fits: the child's adults with parental responsibility in records confirmed as the child's,
 *   whose relationship the description names (mother/mum/mam…, father/dad…, step-parent, special
 *   guardian, grandparent, foster carer, other relative), preferring those the recording agency itself
 *   reported. A decision that fits nobody, or several people, stays unkeyed with its description: its
 *   consent no longer counts (nothing shows a person with parental responsibility gave it), its refusal
 *   or withdrawal still does (src/consent/effectiveConsent.ts), until someone records the person's
 *   decision again by the adult.
 * - A child's decision gets the competence the age rules find, from the hub's date of birth on the day
 *   it was recorded and the old "competent" flag as the recorder's assessment, with the thresholds the
 *   hub shipped in policies/consent.yaml (16, 12): 16 or over PRESUMED; under 16 flagged
 *   ASSESSED_COMPETENT (no written assessment was kept) or, under 12, NOT_CONFIRMED; unflagged
 *   NOT_ASSESSED; no date of birth AGE_UNKNOWN. Only the first two govern.
 * - The history is kept by the database: no row is deleted, and an update may only re-key a decision
 *   to another child or adult (a merge), never change what was decided.
 */
export class ConsentKeyedByAdult1796536307040 implements MigrationInterface {
  name = "ConsentKeyedByAdult1796536307040";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent_record" RENAME COLUMN "giver_description" TO "legacy_giver_description"`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "competence" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "competence_assessment" text`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "parent_relationship" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "adult_id" uuid`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "parental_responsibility_source_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_7b32ea180987bf10864faeae28" ON "consent_record"  ("adult_id") `);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD CONSTRAINT "FK_7b32ea180987bf10864faeae28b" FOREIGN KEY ("adult_id") REFERENCES "adult"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD CONSTRAINT "FK_c512d746949efe551fbf7294d28" FOREIGN KEY ("parental_responsibility_source_id") REFERENCES "agency_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await keyParentsByAdult(queryRunner);
    await findChildrensCompetence(queryRunner);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "child_competent"`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD CONSTRAINT "consent_record_giver" CHECK (("given_by" = 'CHILD' AND "competence" IS NOT NULL AND "adult_id" IS NULL AND "legacy_giver_description" IS NULL) OR ("given_by" = 'PERSON_WITH_PARENTAL_RESPONSIBILITY' AND "competence" IS NULL AND "competence_assessment" IS NULL AND (("adult_id" IS NOT NULL AND "parent_relationship" IS NOT NULL AND "parental_responsibility_source_id" IS NOT NULL) OR ("adult_id" IS NULL AND "legacy_giver_description" IS NOT NULL))))`);

    // Row-level for updates (a merge re-keys rows), statement-level for DELETE and TRUNCATE, so even a
    // DELETE that matches nothing is refused.
    await queryRunner.query(`
      CREATE FUNCTION "consent_record_keep_history"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF (to_jsonb(NEW) - 'child_id' - 'adult_id') = (to_jsonb(OLD) - 'child_id' - 'adult_id') THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'consent_record keeps its history: % may not change what was decided', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'A change of mind is a new decision; only merging children or adults re-keys one.';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "consent_record_history_update" BEFORE UPDATE ON "consent_record" FOR EACH ROW EXECUTE FUNCTION "consent_record_keep_history"()`);
    await queryRunner.query(`CREATE TRIGGER "consent_record_history_delete" BEFORE DELETE OR TRUNCATE ON "consent_record" FOR EACH STATEMENT EXECUTE FUNCTION "consent_record_keep_history"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "consent_record_history_delete" ON "consent_record"`);
    await queryRunner.query(`DROP TRIGGER "consent_record_history_update" ON "consent_record"`);
    await queryRunner.query(`DROP FUNCTION "consent_record_keep_history"()`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "consent_record_giver"`);
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "child_competent" boolean NOT NULL DEFAULT false`);
    // What the old schema called competent: what governed, and what a recorder had marked so without a manager's confirmation.
    await queryRunner.query(`UPDATE "consent_record" SET "child_competent" = COALESCE("competence" IN ('PRESUMED', 'ASSESSED_COMPETENT', 'CONFIRMED_BY_MANAGER', 'NOT_CONFIRMED'), false)`);
    // The old schema told parents apart by description: a keyed decision gets one that stays the adult's own.
    await queryRunner.query(`UPDATE "consent_record" SET "legacy_giver_description" = lower(replace("parent_relationship", '_', ' ')) || ' ' || "adult_id" WHERE "legacy_giver_description" IS NULL AND "adult_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "FK_c512d746949efe551fbf7294d28"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "FK_7b32ea180987bf10864faeae28b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7b32ea180987bf10864faeae28"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "parental_responsibility_source_id"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "adult_id"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "parent_relationship"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "competence_assessment"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "competence"`);
    await queryRunner.query(`ALTER TABLE "consent_record" RENAME COLUMN "legacy_giver_description" TO "giver_description"`);
  }
}

/** The words practitioners wrote for a person with parental responsibility, by the relationship the hub records. */
const DESCRIBED_AS: [RegExp, string][] = [
  [/^(birth |biological |adoptive )?(mother|mum|mam|mom|mummy|mammy)$/, "MOTHER"],
  [/^(birth |biological |adoptive )?(father|dad|daddy)$/, "FATHER"],
  [/^step[ -]?(parent|mother|father|mum|dad)$/, "STEP_PARENT"],
  [/^special guardian$/, "SPECIAL_GUARDIAN"],
  [/^(grandparent|grandmother|grandfather|grandma|grandpa|gran|granny|grandad|granddad|nan|nana|nanna)$/, "GRANDPARENT"],
  [/^foster (carer|parent|mother|father)$/, "FOSTER_CARER"],
  [/^(aunt|auntie|aunty|uncle|other relative|relative)$/, "OTHER_RELATIVE"],
];

function relationshipDescribed(description: string): string | null {
  const words = description.toLowerCase().replace(/[^a-z -]/g, " ").replace(/\s+/g, " ").trim();
  return DESCRIBED_AS.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

interface Candidate { adult_id: string; relationship: string; source_record_id: string; agency_code: string }

async function keyParentsByAdult(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`UPDATE "consent_record" SET "legacy_giver_description" = '' WHERE "given_by" = 'PERSON_WITH_PARENTAL_RESPONSIBILITY' AND "legacy_giver_description" IS NULL`);
  await queryRunner.query(`UPDATE "consent_record" SET "legacy_giver_description" = NULL WHERE "given_by" = 'CHILD'`);
  const decisions = (await queryRunner.query(
    `SELECT id, child_id, legacy_giver_description, recorded_by_agency FROM "consent_record" WHERE "given_by" = 'PERSON_WITH_PARENTAL_RESPONSIBILITY'`,
  )) as { id: string; child_id: string; legacy_giver_description: string; recorded_by_agency: string }[];
  for (const decision of decisions) {
    const relationship = relationshipDescribed(decision.legacy_giver_description);
    if (relationship === null) continue;
    const candidates = (await queryRunner.query(
      `SELECT rel.adult_id, rel.relationship, rel.source_record_id, r.agency_code
         FROM "child_adult_relationship" rel
         JOIN "agency_record" r ON r.id = rel.source_record_id AND r.child_id = $1 AND r.link_state = 'LINKED' AND r.link_method <> 'PROBABILISTIC'
        WHERE rel.child_id = $1 AND rel.parental_responsibility AND rel.relationship = $2
        ORDER BY r.received_at, r.id`,
      [decision.child_id, relationship],
    )) as Candidate[];
    const own = candidates.filter((candidate) => candidate.agency_code === decision.recorded_by_agency);
    const pool = own.length > 0 ? own : candidates;
    if (new Set(pool.map((candidate) => candidate.adult_id)).size !== 1) continue;
    const [chosen] = pool as [Candidate];
    await queryRunner.query(
      `UPDATE "consent_record" SET "adult_id" = $2, "parent_relationship" = $3, "parental_responsibility_source_id" = $4 WHERE id = $1`,
      [decision.id, chosen.adult_id, chosen.relationship, chosen.source_record_id],
    );
  }
}

const ENGLAND = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const PRESUMED_FROM = 16;
const CONFIRMATION_BELOW = 12;

async function findChildrensCompetence(queryRunner: QueryRunner): Promise<void> {
  const decisions = (await queryRunner.query(
    `SELECT cr.id, cr.child_competent, cr.recorded_at, c.date_of_birth::text AS date_of_birth
       FROM "consent_record" cr JOIN "child" c ON c.id = cr.child_id WHERE cr.given_by = 'CHILD'`,
  )) as { id: string; child_competent: boolean; recorded_at: Date; date_of_birth: string | null }[];
  for (const decision of decisions) {
    let competence: string;
    if (decision.date_of_birth === null) {
      competence = "AGE_UNKNOWN";
    } else {
      const day = ENGLAND.format(new Date(decision.recorded_at));
      const age = Number(day.slice(0, 4)) - Number(decision.date_of_birth.slice(0, 4)) - (day.slice(5) < decision.date_of_birth.slice(5) ? 1 : 0);
      if (age >= PRESUMED_FROM) competence = "PRESUMED";
      else if (!decision.child_competent) competence = "NOT_ASSESSED";
      else competence = age >= CONFIRMATION_BELOW ? "ASSESSED_COMPETENT" : "NOT_CONFIRMED";
    }
    await queryRunner.query(`UPDATE "consent_record" SET "competence" = $2 WHERE id = $1`, [decision.id, competence]);
  }
}
