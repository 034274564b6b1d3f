import { IsNull } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry } from "../../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../../errors/HubError";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { deliveriesAsTheyLeave, type DeliveryAsItLeaves } from "../deliveriesAsTheyLeave";
import { type NotificationServices } from "../NotificationServices";
import { mayAnswer, repliesRoutedBack, routeEnquiryAnswer } from "../probation/answerSafeguardingEnquiry";
import { mayReadDelivery } from "./inboxAccess";
import { loadExclusionsOfChildren } from "../../exclusions/loadExclusions";
import { excludes } from "../../exclusions/excludes";
import { EXCLUDED_FROM_FILE } from "../../exclusions/exclusionRefusal";
import { raiseExclusionAlerts } from "../../exclusions/raiseExclusionAlerts";

export const MAX_RESPONSE_LENGTH = 4000;

/**
 * The caller's agency acknowledges a delivery, with its reply where the notifying agency asked for one
 * (children's social care consulted on a request to change name). Another agency's delivery, or one
 * that does not exist, is NOT_FOUND alike. Acknowledging twice changes nothing: the first stands, and
 * the delivery returned is audited as a read (`NOTIFICATION_INBOX_READ`). The acknowledgement is
 * audited (`NOTIFICATION_ACKNOWLEDGED`) before it is stored, naming — as a read does — the delivery and
 * its disclosure entry, and the supplementary statements that go with the delivery it returns.
 *
 * A reply to an enquiry whose answer returns to the asking agency (probation's child safeguarding
 * enquiry) is routed back to it as a notification of its own once stored
 * (`probation/answerSafeguardingEnquiry.ts`); only a caller who may answer for the agency gives one
 * (else FORBIDDEN, nothing stored), and acknowledging again routes it again if it never left (it is the
 * same notification, by a reference derived from the delivery).
 */
export async function acknowledgeNotification(services: NotificationServices, principal: Principal, requestId: string, id: string, response: string | null, now = new Date()): Promise<DeliveryAsItLeaves> {
  const { dataSource, policy } = services;
  const repository = dataSource.getRepository(NotificationDelivery);
  const delivery = await repository.findOneBy({ id });
  if (delivery === null || !mayReadDelivery(principal, delivery)) throw new HubError(ErrorCode.NOT_FOUND, "No notification with this id was delivered to your agency.", { path: "id" });
  // Matched by the children the delivery is about, an SUI or none (`childIds`), and alerted by the child each exclusion is of now.
  const excluding = (await loadExclusionsOfChildren(dataSource, delivery.childIds)).filter((exclusion) => excludes(exclusion, principal));
  const keptOut = [...new Set(excluding.map((exclusion) => exclusion.childId))];
  if (excluding.length > 0) {
    // A named-staff exclusion keeps the caller out of a child this delivery is about: answered as another agency's delivery is, audited and alerted.
    const refused = await recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.NOTIFICATION_ACKNOWLEDGED, access: null, childSuis: delivery.childSuis, outcome: AuditOutcome.REFUSED, refusal: EXCLUDED_FROM_FILE,
      fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
      // The delivery's entry named as a read's is (`disclosureIds`): a concealed route's refusal stays its own agency's on the trail (`audit/trailReach`).
      details: { deliveryId: delivery.id, disclosureIds: [delivery.disclosureId] },
    }, now);
    await raiseExclusionAlerts(dataSource, principal, keptOut, refused.id, "Acknowledging a notification delivered to the agency.", now);
    throw new HubError(ErrorCode.NOT_FOUND, "No notification with this id was delivered to your agency.", { path: "id" });
  }
  const notification = await dataSource.getRepository(Notification).findOneByOrFail({ id: delivery.notificationId });
  const answersBack = repliesRoutedBack(notification.type) && mayAnswer(services, principal, delivery);
  if (delivery.acknowledgedAt !== null) {
    if (answersBack) await routeEnquiryAnswer(services, principal, requestId, notification, delivery, now);
    const [leaving] = await deliveriesAsTheyLeave(dataSource, policy, [delivery]);
    // Nothing to acknowledge, but the answer is the delivery, content and all: a read of the inbox,
    // audited like any other before it is returned (no audit, no disclosure).
    await recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.NOTIFICATION_INBOX_READ, access: null, childSuis: delivery.childSuis, outcome: AuditOutcome.DISCLOSED,
      fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
      details: { count: 1, deliveryIds: [delivery.id], disclosureIds: [delivery.disclosureId], alreadyAcknowledged: true, supplementaryStatementIds: leaving.supplementaryStatementIds },
    }, now);
    return leaving;
  }
  const reply = response?.trim() ?? "";
  if (delivery.responseRequested && reply === "") {
    throw new HubError(ErrorCode.INVALID_INPUT, "The notifying agency asked for your reply: give it in `response` as you acknowledge.", { path: "response", problem: "RESPONSE_REQUIRED" });
  }
  if (reply.length > MAX_RESPONSE_LENGTH) throw new HubError(ErrorCode.INVALID_INPUT, `A reply is at most ${MAX_RESPONSE_LENGTH} characters.`, { path: "response", problem: "RESPONSE_TOO_LONG" });
  if (repliesRoutedBack(notification.type) && !answersBack) {
    throw new HubError(ErrorCode.FORBIDDEN, "Your reply goes back to the agency that asked: only those who may answer for your agency give it.", { path: "id" });
  }
  // The answer is the delivery, content and all: its entry names what goes with it as a read's does (no audit, no disclosure).
  const [leaving] = await deliveriesAsTheyLeave(dataSource, policy, [delivery]);
  await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.NOTIFICATION_ACKNOWLEDGED, access: null, childSuis: delivery.childSuis, outcome: AuditOutcome.RECORDED,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: {
      deliveryId: delivery.id, notificationId: delivery.notificationId, replied: reply !== "",
      deliveryIds: [delivery.id], disclosureIds: [delivery.disclosureId], supplementaryStatementIds: leaving.supplementaryStatementIds,
    },
  }, now);
  await repository.update({ id, acknowledgedAt: IsNull() }, { acknowledgedAt: now, acknowledgedBy: principal.sub, response: reply === "" ? null : reply });
  const acknowledged = await repository.findOneByOrFail({ id });
  // The stored reply (a concurrent acknowledgement's, if it came first) is the one routed back.
  if (answersBack) await routeEnquiryAnswer(services, principal, requestId, notification, acknowledged, now);
  return Object.assign(leaving, { acknowledgedAt: acknowledged.acknowledgedAt, acknowledgedBy: acknowledged.acknowledgedBy, response: acknowledged.response });
}
