import { type DataSource, type EntityManager } from "typeorm";
import { type RestrictionView, type SupplementaryStatementView } from "../dataSubjectRights/applyRecordRights";
import { applyRecordRightsToView } from "../dataSubjectRights/applyRecordRightsToView";
import { loadRightsOverRecords } from "../dataSubjectRights/rightsOverRecords";
import { type Withholding } from "../policy/DisclosureDecision";
import { labelPermitted } from "../policy/disclosureAbility";
import { type PolicySet } from "../policy/PolicySet";
import { RECORD_FACTS_IN_VIEW } from "../policy/recordFactsInView";
import { RelationshipKind } from "../policy/RelationshipKind";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { namesProtectedPlace, protectedPlacesOf, type ProtectedPlace } from "./content/protectLocationsHeld";
import { type NotificationView } from "./content/NotificationView";
import { type NotificationDelivery } from "./NotificationDelivery";
import { type NotificationType } from "./NotificationType";

/** A delivery as it leaves the hub now: its view held to the rights over the records it was told from. */
export type DeliveryAsItLeaves<D extends DeliveryToHold = NotificationDelivery> = D & {
  supplementaryStatements: SupplementaryStatementView[];
  restrictions: RestrictionView[];
  /** For the audit entry of the read or send: the statements that went with it. */
  supplementaryStatementIds: string[];
};

/** What of a delivery the rights are held against: its view, redactions, purpose and notification. */
export type DeliveryToHold = Pick<NotificationDelivery, "notificationId" | "content" | "redactions" | "purpose" | "lawfulBasis" | "specialCategoryCondition" | "recipientAgency" | "decidedAs" | "routingRules" | "childSuis">;

/**
 * Every path a delivery leaves by — the inbox, acknowledging it, its webhook and a replay of it — asks
 * this, at the moment it leaves, never at the moment it was decided: a fact of the notifying agency's
 * records restricted since (and not for the purpose the view was decided for) or erased since is
 * withheld and listed in `redactions` (rule `data-subject-rights`); a supplementary statement on a fact
 * the view carries goes with it (`dataSubjectRights/applyRecordRightsToView`). An address in the view
 * at a location the hub holds as protected for a child the notification is about — protected since it
 * was decided, or reported unlabelled — is withheld (`location-withheld`) unless the recipient's
 * context is one a permit lets a protected location reach (`content/protectLocationsHeld`). Three
 * statements for any number of deliveries: the notifications' source records, the rights over them,
 * and the protected locations of their children.
 */
export async function deliveriesAsTheyLeave<D extends DeliveryToHold>(db: DataSource | EntityManager, policy: PolicySet, deliveries: readonly D[]): Promise<DeliveryAsItLeaves<D>[]> {
  const sources = await db.query<{ id: string; record_ids: string[]; type: NotificationType }[]>(`SELECT id, record_ids, type FROM notification WHERE id = ANY($1::uuid[])`, [[...new Set(deliveries.map((delivery) => delivery.notificationId))]]);
  const recordsOf = new Map(sources.map((source) => [source.id, source.record_ids]));
  const kindOf = new Map(sources.map((source) => [source.id, source.type]));
  const over = await loadRightsOverRecords(db, sources.flatMap((source) => source.record_ids));
  const places = await protectedPlacesOf(db, deliveries.map((delivery, index) => ({ key: String(index), recordIds: recordsOf.get(delivery.notificationId) ?? [], suis: delivery.childSuis })));
  return deliveries.map((held, index) => {
    const delivery = withholdProtectedLocations(policy, held, places.get(String(index)) ?? []);
    const access = { purpose: delivery.purpose, lawfulBasis: delivery.lawfulBasis, specialCategoryCondition: delivery.specialCategoryCondition, justification: "", caseReference: null, breakGlass: false };
    const kind = kindOf.get(delivery.notificationId);
    const applied = applyRecordRightsToView(policy.dataSubjectRights, access, over, recordsOf.get(delivery.notificationId) ?? [], delivery.content, delivery.redactions.map((withholding) => withholding.path),
      kind === undefined ? undefined : RECORD_FACTS_IN_VIEW[kind]);
    return Object.assign(Object.create(Object.getPrototypeOf(held) as object) as D, delivery, {
      content: applied.view, redactions: [...delivery.redactions, ...applied.withheld],
      supplementaryStatements: applied.statements, restrictions: applied.restrictions, supplementaryStatementIds: applied.statementIds,
    });
  });
}

/**
 * The delivery with every address of its view at one of the protected places withheld, unless a permit
 * lets a protected location reach the recipient as its view was decided (its agency type, the role and
 * purpose of its routing rule): what the policy would have decided had the location been labelled then.
 */
function withholdProtectedLocations<D extends DeliveryToHold>(policy: PolicySet, delivery: D, places: readonly ProtectedPlace[]): D {
  if (places.length === 0) return delivery;
  const restriction = policy.restrictions.find((candidate) => candidate.label === SensitivityLabel.LOCATION_WITHHELD);
  const rule = policy.notificationRouting.find((candidate) => delivery.routingRules.includes(candidate.id));
  if (restriction === undefined) return delivery;
  if (rule !== undefined && labelPermitted(policy, SensitivityLabel.LOCATION_WITHHELD, {
    roles: delivery.decidedAs === null ? [] : [delivery.decidedAs], agencyType: rule.recipient, agency: delivery.recipientAgency, purpose: delivery.purpose,
    lawfulBasis: delivery.lawfulBasis, specialCategoryCondition: delivery.specialCategoryCondition, openCaseReference: false, relationships: [RelationshipKind.NOTIFICATION_RECIPIENT], day: new Date().toISOString().slice(0, 10),
  })) return delivery;
  const withheld: Withholding[] = [];
  const hold = (entry: Record<string, unknown>, path: string) => Object.fromEntries(Object.entries(entry).filter(([field, value]) => {
    if (!namesProtectedPlace(value, places)) return true;
    withheld.push({ path: `${path}.${field}`, rule: restriction.id, reason: restriction.reason });
    return false;
  }));
  const content = Object.fromEntries(Object.entries(delivery.content).map(([key, section]) => [key,
    section === undefined ? section : Array.isArray(section) ? (section as Record<string, unknown>[]).map((entry, index) => hold(entry, `${key}[${index}]`)) : hold(section as Record<string, unknown>, key)])) as NotificationView;
  return withheld.length === 0 ? delivery : { ...delivery, content, redactions: [...delivery.redactions, ...withheld] };
}
