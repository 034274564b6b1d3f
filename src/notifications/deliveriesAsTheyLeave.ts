import { type DataSource, type EntityManager } from "typeorm";
import { type RestrictionView, type SupplementaryStatementView } from "../dataSubjectRights/applyRecordRights";
import { applyRecordRightsToView } from "../dataSubjectRights/applyRecordRightsToView";
import { loadRightsOverRecords } from "../dataSubjectRights/rightsOverRecords";
import { type PolicySet } from "../policy/PolicySet";
import { type NotificationDelivery } from "./NotificationDelivery";

/** A delivery as it leaves the hub now: its view held to the rights over the records it was told from. */
export type DeliveryAsItLeaves<D extends DeliveryToHold = NotificationDelivery> = D & {
  supplementaryStatements: SupplementaryStatementView[];
  restrictions: RestrictionView[];
  /** For the audit entry of the read or send: the statements that went with it. */
  supplementaryStatementIds: string[];
};

/** What of a delivery the rights are held against: its view, redactions, purpose and notification. */
export type DeliveryToHold = Pick<NotificationDelivery, "notificationId" | "content" | "redactions" | "purpose" | "lawfulBasis" | "specialCategoryCondition">;

/**
 * Every path a delivery leaves by — the inbox, acknowledging it, its webhook and a replay of it — asks
 * this, at the moment it leaves, never at the moment it was decided: a fact of the notifying agency's
 * records restricted since (and not for the purpose the view was decided for) or erased since is
 * withheld and listed in `redactions` (rule `data-subject-rights`); a supplementary statement on a fact
 * the view carries goes with it (`dataSubjectRights/applyRecordRightsToView`). Two statements for any
 * number of deliveries: the notifications' source records, and the rights over them.
 */
export async function deliveriesAsTheyLeave<D extends DeliveryToHold>(db: DataSource | EntityManager, policy: PolicySet, deliveries: readonly D[]): Promise<DeliveryAsItLeaves<D>[]> {
  const sources = await db.query<{ id: string; record_ids: string[] }[]>(`SELECT id, record_ids FROM notification WHERE id = ANY($1::uuid[])`, [[...new Set(deliveries.map((delivery) => delivery.notificationId))]]);
  const recordsOf = new Map(sources.map((source) => [source.id, source.record_ids]));
  const over = await loadRightsOverRecords(db, sources.flatMap((source) => source.record_ids));
  return deliveries.map((delivery) => {
    const access = { purpose: delivery.purpose, lawfulBasis: delivery.lawfulBasis, specialCategoryCondition: delivery.specialCategoryCondition, justification: "", caseReference: null, breakGlass: false };
    const applied = applyRecordRightsToView(policy.dataSubjectRights, access, over, recordsOf.get(delivery.notificationId) ?? [], delivery.content, delivery.redactions.map((withholding) => withholding.path));
    return Object.assign(Object.create(Object.getPrototypeOf(delivery) as object) as D, delivery, {
      content: applied.view, redactions: [...delivery.redactions, ...applied.withheld],
      supplementaryStatements: applied.statements, restrictions: applied.restrictions, supplementaryStatementIds: applied.statementIds,
    });
  });
}
