import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry } from "../../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type NotificationServices } from "../NotificationServices";
import { deliveriesAsTheyLeave, type DeliveryAsItLeaves } from "../deliveriesAsTheyLeave";
import { readableDeliveries } from "./listNotifications";
import { mayReadDelivery } from "./inboxAccess";
import { NotificationDelivery } from "../NotificationDelivery";
import { loadExclusionsOfChildren } from "../../exclusions/loadExclusions";
import { excludes } from "../../exclusions/excludes";
import { EXCLUDED_FROM_FILE } from "../../exclusions/exclusionRefusal";
import { raiseExclusionAlerts } from "../../exclusions/raiseExclusionAlerts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One notification of the caller's own agency's inbox, as the inbox lists it (`readableDeliveries`:
 * the same agency, role and exclusion rules, the view as decided at delivery and held to the data
 * subjects' rights in force): the person who opens one from the inbox reads that one alone, and the
 * trail names only its children. Null for an id the hub does not hold and for one the caller may not
 * read, alike — but one a named-staff exclusion keeps the caller out of is refused on the trail and
 * alerted (`keptOutOf`). Audited like a page of the inbox (`NOTIFICATION_INBOX_READ`), before it is returned.
 */
export async function readNotification(services: NotificationServices, principal: Principal, requestId: string, id: string, now = new Date()): Promise<DeliveryAsItLeaves | null> {
  if (!UUID.test(id)) throw new HubError(ErrorCode.INVALID_INPUT, "Not a valid id.", { path: "id" });
  const { dataSource, policy } = services;
  const rows = await readableDeliveries(dataSource, principal).andWhere("delivery.id = :id", { id: id.toLowerCase() }).getMany();
  if (rows.length === 0 && (await keptOutOf(services, principal, requestId, id.toLowerCase(), now))) return null;
  const deliveries = await deliveriesAsTheyLeave(dataSource, policy, rows);
  await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.NOTIFICATION_INBOX_READ, access: null,
    childSuis: deliveries.flatMap((delivery) => delivery.childSuis), outcome: AuditOutcome.DISCLOSED,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: {
      status: null, count: deliveries.length, deliveryIds: deliveries.map((delivery) => delivery.id), disclosureIds: deliveries.map((delivery) => delivery.disclosureId),
      supplementaryStatementIds: deliveries.flatMap((delivery) => delivery.supplementaryStatementIds),
    },
  }, now);
  return deliveries[0] ?? null;
}

/**
 * Whether the delivery asked for is one the caller would read but for a named-staff exclusion: asking
 * for it by id is an attempt on the child's file, refused on the trail (`EXCLUDED_FROM_FILE`) and
 * alerted to the IG leads, as acknowledging it is. The caller is answered as for a delivery the hub
 * does not hold.
 */
async function keptOutOf(services: NotificationServices, principal: Principal, requestId: string, id: string, now: Date): Promise<boolean> {
  const { dataSource, policy } = services;
  const delivery = await dataSource.getRepository(NotificationDelivery).findOneBy({ id });
  if (delivery === null || !mayReadDelivery(principal, delivery)) return false;
  const excluding = (await loadExclusionsOfChildren(dataSource, delivery.childIds)).filter((exclusion) => excludes(exclusion, principal));
  if (excluding.length === 0) return false;
  const refused = await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.NOTIFICATION_INBOX_READ, access: null, childSuis: delivery.childSuis, outcome: AuditOutcome.REFUSED, refusal: EXCLUDED_FROM_FILE,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: { deliveryIds: [delivery.id], disclosureIds: [delivery.disclosureId] },
  }, now);
  await raiseExclusionAlerts(dataSource, principal, [...new Set(excluding.map((exclusion) => exclusion.childId))], refused.id, "Reading a notification delivered to the agency.", now);
  return true;
}
