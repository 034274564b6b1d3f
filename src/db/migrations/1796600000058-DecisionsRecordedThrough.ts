import { type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Consent decisions and safeguarding overrides name the records they were recorded through
 * (`recorded_through`, src/consent/decisionStandsSql.ts), so a record split off as another child's takes
 * with it what was recorded through it: another pupil's consent, given to the school that sent their
 * record with this child's NHS number, no longer opens this child's information, and their refusal no
 * longer blocks it.
 *
 * Existing rows are filled from what the hub holds now, as far as it tells: the recorder's agency's
 * records about the row's child, confirmed by the SUI or a steward, received before the decision was
 * recorded — for a consent decision only of the types the hub shipped in policies/consent.yaml
 * `consentRecorders` (social care, health, education, youth justice). A record already split off is
 * not the child's now and is not named, so a decision recorded through it falls, as it should.
 * Rows for which no such record is found keep a null:
 * - a consent decision with none no longer opens sharing, but its refusal or withdrawal still counts
 *   (as for a parent's decision the migration ConsentKeyedByAdult could not key), so nothing anyone
 *   refused is opened by the change; recording the decision again settles it;
 * - an override with none no longer stands (it opens sharing, so it fails closed); the manager
 *   authorises it again if it is still needed. An override lasts at most 90 days.
 *
 * The column is written once, here; the history trigger (ConsentKeyedByAdult) refuses any later change.
 */
export class DecisionsRecordedThrough1796600000058 implements MigrationInterface {
  name = "DecisionsRecordedThrough1796600000058";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent_record" ADD "recorded_through" uuid array`);
    await queryRunner.query(`ALTER TABLE "consent_override" ADD "recorded_through" uuid array`);
    await queryRunner.query(`ALTER TABLE "consent_record" DISABLE TRIGGER "consent_record_history_update"`);
    await queryRunner.query(`
      UPDATE "consent_record" c SET "recorded_through" = found.ids
        FROM (SELECT c2.id, array_agg(r.id ORDER BY r.received_at, r.id) AS ids
                FROM "consent_record" c2
                JOIN "agency_record" r ON r.child_id = c2.child_id AND r.agency_code = c2.recorded_by_agency
                 AND r.link_state = 'LINKED' AND r.link_method <> 'PROBABILISTIC' AND r.received_at <= c2.recorded_at
                 AND r.record_type IN ('SOCIAL_CARE', 'HEALTH', 'EDUCATION', 'YOUTH_JUSTICE')
               GROUP BY c2.id) found
       WHERE found.id = c.id`);
    await queryRunner.query(`ALTER TABLE "consent_record" ENABLE TRIGGER "consent_record_history_update"`);
    await queryRunner.query(`
      UPDATE "consent_override" o SET "recorded_through" = found.ids
        FROM (SELECT o2.id, array_agg(r.id ORDER BY r.received_at, r.id) AS ids
                FROM "consent_override" o2
                JOIN "agency_record" r ON r.child_id = o2.child_id AND r.agency_code = o2.authorised_by_agency
                 AND r.link_state = 'LINKED' AND r.link_method <> 'PROBABILISTIC' AND r.received_at <= o2.recorded_at
               GROUP BY o2.id) found
       WHERE found.id = o.id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent_override" DROP COLUMN "recorded_through"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP COLUMN "recorded_through"`);
  }
}
