import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry } from "../../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type NotificationServices } from "../NotificationServices";
import { deliveriesAsTheyLeave, type DeliveryAsItLeaves } from "../deliveriesAsTheyLeave";
import { readableDeliveries } from "./listNotifications";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One notification of the caller's own agency's inbox, as the inbox lists it (`readableDeliveries`:
 * the same agency, role and exclusion rules, the view as decided at delivery and held to the data
 * subjects' rights in force): the person who opens one from the inbox reads that one alone, and the
 * trail names only its children. Null for an id the hub does not hold and for one the caller may not
 * read, alike. Audited like a page of the inbox (`NOTIFICATION_INBOX_READ`), before it is returned.
 */
export async function readNotification(services: NotificationServices, principal: Principal, requestId: string, id: string, now = new Date()): Promise<DeliveryAsItLeaves | null> {
  if (!UUID.test(id)) throw new HubError(ErrorCode.INVALID_INPUT, "Not a valid id.", { path: "id" });
  const { dataSource, policy } = services;
  const rows = await readableDeliveries(dataSource, principal).andWhere("delivery.id = :id", { id: id.toLowerCase() }).getMany();
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
