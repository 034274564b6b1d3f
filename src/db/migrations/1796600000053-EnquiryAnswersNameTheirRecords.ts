import { type MigrationInterface, type QueryRunner } from "typeorm";
import { eraseFromView } from "../../dataSubjectRights/eraseFromView";
import { type DerivedView } from "../../dataSubjectRights/factsInView";

/**
 * The answer to probation's child safeguarding enquiry (`SAFEGUARDING_ENQUIRY_RESPONSE`, reference
 * `ANSWER-<delivery id>`) carries the children probation named, yet named no record
 * (`notification.record_ids` empty), so no data subject's right exercised over the enquiry's records
 * after it was routed reached it: not a restriction or statement as it leaves, not an erasure's
 * rewriting of stored copies, not an exclusion of a child awaiting an SUI. Each answer now names the
 * records the enquiry it answers was told from, as a new answer does; its deliveries name those
 * records' children (`child_ids`, migration 44); and every fact of them erased after the answer was
 * routed is overwritten in its stored view by its tombstone, as `eraseStoredCopies` would have done.
 * An erasure decided before the answer was routed needs nothing: the answer took the children as the
 * answered delivery left the hub then, without it.
 */
export class EnquiryAnswersNameTheirRecords1796600000053 implements MigrationInterface {
  name = "EnquiryAnswersNameTheirRecords1796600000053";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE "notification" a SET "record_ids" = e."record_ids"
        FROM "notification_delivery" d JOIN "notification" e ON e."id" = d."notification_id"
       WHERE a."type" = 'SAFEGUARDING_ENQUIRY_RESPONSE' AND cardinality(a."record_ids") = 0
         AND a."source_agency" = d."recipient_agency" AND a."source_reference" = 'ANSWER-' || d."id"::text`);
    await queryRunner.query(`
      UPDATE "notification_delivery" d SET "child_ids" = ARRAY(
        SELECT unnest(d."child_ids") UNION SELECT r."child_id" FROM "agency_record" r WHERE r."id" = ANY(n."record_ids") AND r."child_id" IS NOT NULL)
        FROM "notification" n
       WHERE n."id" = d."notification_id" AND n."type" = 'SAFEGUARDING_ENQUIRY_RESPONSE'`);
    const erasedSince = await queryRunner.query(`
      SELECT d."id", d."content", d."redactions", x."id" AS "decisionId", x."field"
        FROM "notification_delivery" d
        JOIN "notification" n ON n."id" = d."notification_id" AND n."type" = 'SAFEGUARDING_ENQUIRY_RESPONSE'
        JOIN "erasure_decision" x ON x."record_id" = ANY(n."record_ids") AND x."outcome" = 'ERASED' AND x."field" IS NOT NULL AND x."decided_at" > n."received_at"
       ORDER BY d."id", x."decided_at", x."id"`) as { id: string; content: DerivedView; redactions: { path: string }[]; decisionId: string; field: string }[];
    const views = new Map<string, { content: DerivedView; withheld: string[]; changed: boolean }>();
    for (const row of erasedSince) {
      const held = views.get(row.id) ?? { content: row.content, withheld: row.redactions.map((withholding) => withholding.path), changed: false };
      const erased = eraseFromView(held.content, held.withheld, row.field, row.decisionId);
      views.set(row.id, erased === null ? held : { ...held, content: erased, changed: true });
    }
    for (const [id, view] of views) {
      if (view.changed) await queryRunner.query(`UPDATE "notification_delivery" SET "content" = $2 WHERE "id" = $1`, [id, JSON.stringify(view.content)]);
    }
  }

  public async down(): Promise<void> {
    // Nothing to undo: an answer naming its records is only held to more of the rights over them, and an erased fact never comes back.
  }
}
