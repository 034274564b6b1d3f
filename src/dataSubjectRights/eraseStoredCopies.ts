import { type EntityManager } from "typeorm";
import { type NotificationType } from "../notifications/NotificationType";
import { type Withholding } from "../policy/DisclosureDecision";
import { RECORD_FACTS_IN_VIEW } from "../policy/recordFactsInView";
import { eraseFromView } from "./eraseFromView";
import { type DerivedView } from "./factsInView";

/**
 * Erasure takes a fact out of the hub, not only out of what leaves it (UK GDPR Art 17): every copy of
 * the fact stored outside its record is overwritten by its tombstone in the transaction that erases
 * it. The one such copy is a delivery's view (`notification_delivery.content`) of a notification told
 * from the record (`notification.record_ids`), in the inbox, its webhook and any replay alike.
 * Webhooks keep no body and their jobs only an id; the trail holds paths, never content, so no audit
 * row changes and every chain still verifies. Rows are locked as they are read, so a delivery being
 * acknowledged at the same time is rewritten after, not over. Returns how many views changed.
 */
export async function eraseStoredCopies(manager: EntityManager, recordId: string, field: string, decisionId: string): Promise<number> {
  const deliveries = await manager.query<{ id: string; content: DerivedView; redactions: Withholding[]; type: NotificationType }[]>(
    `SELECT d.id, d.content, d.redactions, n.type FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
      WHERE n.record_ids @> ARRAY[$1::uuid] ORDER BY d.id FOR UPDATE OF d`,
    [recordId],
  );
  let changed = 0;
  for (const delivery of deliveries) {
    const erased = eraseFromView(delivery.content, delivery.redactions.map((withholding) => withholding.path), field, decisionId, RECORD_FACTS_IN_VIEW[delivery.type]);
    if (erased === null) continue;
    await manager.query(`UPDATE notification_delivery SET content = $2 WHERE id = $1`, [delivery.id, JSON.stringify(erased)]);
    changed += 1;
  }
  return changed;
}
