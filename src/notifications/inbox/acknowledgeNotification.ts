import { IsNull } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry } from "../../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../../errors/HubError";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { mayReadDelivery } from "./inboxAccess";

export const MAX_RESPONSE_LENGTH = 4000;

/**
 * The caller's agency acknowledges a delivery, with its reply where the notifying agency asked for one
 * (children's social care consulted on a request to change name). Another agency's delivery, or one
 * that does not exist, is NOT_FOUND alike. Acknowledging twice changes nothing: the first stands, and
 * the delivery returned is audited as a read (`NOTIFICATION_INBOX_READ`). The acknowledgement is
 * audited (`NOTIFICATION_ACKNOWLEDGED`) before it is stored.
 */
export async function acknowledgeNotification(services: NotificationServices, principal: Principal, requestId: string, id: string, response: string | null, now = new Date()): Promise<NotificationDelivery> {
  const { dataSource, policy } = services;
  const repository = dataSource.getRepository(NotificationDelivery);
  const delivery = await repository.findOneBy({ id });
  if (delivery === null || !mayReadDelivery(principal, delivery)) throw new HubError(ErrorCode.NOT_FOUND, "No notification with this id was delivered to your agency.", { path: "id" });
  if (delivery.acknowledgedAt !== null) {
    // Nothing to acknowledge, but the answer is the delivery, content and all: a read of the inbox,
    // audited like any other before it is returned (no audit, no disclosure).
    await recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.NOTIFICATION_INBOX_READ, access: null, childSuis: delivery.childSuis, outcome: AuditOutcome.DISCLOSED,
      fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
      details: { count: 1, deliveryIds: [delivery.id], disclosureIds: [delivery.disclosureId], alreadyAcknowledged: true },
    }, now);
    return delivery;
  }
  const reply = response?.trim() ?? "";
  if (delivery.responseRequested && reply === "") {
    throw new HubError(ErrorCode.INVALID_INPUT, "The notifying agency asked for your reply: give it in `response` as you acknowledge.", { path: "response", problem: "RESPONSE_REQUIRED" });
  }
  if (reply.length > MAX_RESPONSE_LENGTH) throw new HubError(ErrorCode.INVALID_INPUT, `A reply is at most ${MAX_RESPONSE_LENGTH} characters.`, { path: "response", problem: "RESPONSE_TOO_LONG" });
  await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.NOTIFICATION_ACKNOWLEDGED, access: null, childSuis: delivery.childSuis, outcome: AuditOutcome.RECORDED,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: { deliveryId: delivery.id, notificationId: delivery.notificationId, replied: reply !== "" },
  }, now);
  await repository.update({ id, acknowledgedAt: IsNull() }, { acknowledgedAt: now, acknowledgedBy: principal.sub, response: reply === "" ? null : reply });
  return repository.findOneByOrFail({ id });
}
