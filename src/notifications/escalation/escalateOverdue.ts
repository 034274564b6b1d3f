import { randomUUID } from "node:crypto";
import { IsNull } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntriesInTransaction } from "../../audit/recordAuditEntry";
import { raiseExcludedAgencyAlerts } from "../../alerts/raiseExcludedAgencyAlerts";
import { Agency } from "../../directory/Agency";
import { agenciesKeptOut } from "../../exclusions/agenciesKeptOut";
import { EXCLUDED_FROM_FILE } from "../../exclusions/exclusionRefusal";
import { LawfulBasis } from "../../policy/LawfulBasis";
import { Purpose } from "../../policy/Purpose";
import { HUB_AGENCY, hubDecision } from "../auditDelivery";
import { type EscalationFields } from "../content/NotificationView";
import { DeliveryAudience } from "../DeliveryAudience";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { NotificationType } from "../NotificationType";
import { recordDelivery } from "../recordDelivery";
import { type NotificationServices } from "../NotificationServices";
import { escalationContactOf } from "./escalationContact";

const BATCH = 100;

/**
 * Every delivery left unacknowledged past its deadline (`acknowledgeBy` before `now`) is escalated:
 * a new notification to the same agency, addressed to its escalation contact and read by its IG leads
 * (audience IG_LEADS), saying which delivery went unacknowledged and when it was due — never the
 * content, which was decided for the role the delivery names. `now` is the caller's clock.
 *
 * One transaction marks the overdue delivery escalated — only if it still is unacknowledged and not yet
 * escalated — and, having claimed it, writes the escalation's audit entry and the escalation. So a
 * delivery is escalated once however many hub processes run this together, and one that lost the race
 * records nothing. Returns how many deliveries this call escalated.
 *
 * An agency an agency-wide exclusion keeps out of a child the delivery is about (its `child_ids`: an
 * exclusion recorded after the delivery was made) is never addressed: telling its IG leads that a
 * notification exists about a child they are kept out of is the very disclosure the exclusion forbids,
 * and they could not meet the duty anyway. The delivery is claimed all the same, the escalation not
 * sent is on the trail (a refused NOTIFICATION_DELIVERY of the hub's), and the IG leads of the agency
 * that recorded the exclusion are alerted (EXCLUDED_AGENCY) to meet the duty another way.
 */
export async function escalateOverdue(services: NotificationServices, now: Date, requestId = `escalation-${randomUUID()}`): Promise<number> {
  const { dataSource } = services;
  let escalated = 0;
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const query = dataSource.getRepository(NotificationDelivery).createQueryBuilder("delivery")
      .where("delivery.audience = :staff", { staff: DeliveryAudience.STAFF })
      .andWhere("delivery.acknowledged_at IS NULL AND delivery.escalated_at IS NULL AND delivery.acknowledge_by < :now", { now });
    if (after !== null) query.andWhere("(delivery.acknowledge_by, delivery.id) > (:at, :id)", { at: after.at, id: after.id });
    const overdue = await query.orderBy("delivery.acknowledge_by", "ASC").addOrderBy("delivery.id", "ASC").take(BATCH).getMany();
    for (const delivery of overdue) if (await escalate(services, delivery, now, requestId)) escalated += 1;
    const last = overdue.at(-1);
    if (overdue.length < BATCH || last === undefined || last.acknowledgeBy === null) return escalated;
    after = { at: last.acknowledgeBy, id: last.id };
  }
}

async function escalate({ dataSource, policy }: NotificationServices, delivery: NotificationDelivery, now: Date, requestId: string): Promise<boolean> {
  const agency = await dataSource.getRepository(Agency).findOneBy({ code: delivery.recipientAgency });
  const notification = await dataSource.getRepository(Notification).findOneBy({ id: delivery.notificationId });
  // The directory never deletes an agency, and a delivery's notification is a foreign key.
  if (agency === null || notification === null || delivery.acknowledgeBy === null) throw new Error(`delivery ${delivery.id} cannot be escalated: its agency or notification is missing`);
  const escalation: EscalationFields = {
    deliveryId: delivery.id, notificationId: notification.id, notificationType: notification.type, event: notification.event,
    deliveredAt: delivery.deliveredAt.toISOString(), acknowledgeBy: delivery.acknowledgeBy.toISOString(), routingRules: delivery.routingRules,
  };
  const notificationId = randomUUID();
  const deliveryId = randomUUID();
  const principal: Principal = { sub: `notification-recipient:${agency.code}`, name: agency.code, agency: agency.code, agencyType: agency.type, roles: [Role.IG_LEAD], localAuthority: agency.localAuthority ?? "", team: null, tokenId: null };
  return dataSource.transaction(async (manager) => {
    const claimed = await manager.getRepository(NotificationDelivery).update({ id: delivery.id, acknowledgedAt: IsNull(), escalatedAt: IsNull() }, { escalatedAt: now });
    if (claimed.affected !== 1) return false;
    const keptOut = await agenciesKeptOut(manager, delivery.childIds, [agency.code]);
    if (keptOut.length > 0) {
      const [refused] = await recordAuditEntriesInTransaction(manager, [{
        requestId, principal: hubDecision("hub:escalation", agency.type, Role.IG_LEAD), operation: AuditOperation.NOTIFICATION_DELIVERY, access: null,
        childSuis: [...new Set(keptOut.flatMap((exclusion) => (exclusion.sui === null ? [] : [exclusion.sui])))], outcome: AuditOutcome.REFUSED, refusal: EXCLUDED_FROM_FILE,
        fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
        details: { notificationType: NotificationType.ESCALATION, escalatesDeliveryId: delivery.id, agency: agency.code, sourceAgency: HUB_AGENCY, withheld: "ESCALATION" },
      }], now);
      await raiseExcludedAgencyAlerts(manager, {
        stoppedBy: "hub:escalation", keptOut, disclosureId: refused.id,
        justification: `Delivery ${delivery.id} of notification ${notification.id} (${notification.type}${notification.event === null ? "" : `, ${notification.event}`}) to ${agency.code}, `
          + `unacknowledged past ${escalation.acknowledgeBy}, was not escalated to its IG leads: an agency-wide exclusion your agency recorded keeps that agency out of this child. `
          + "Meet the duty to tell it another way, or record why it is not met.",
      }, now);
      return false;
    }
    // Audited in the transaction that claims and writes it: a process that loses the claim records nothing.
    const [audit] = await recordAuditEntriesInTransaction(manager, [{
      requestId, principal, operation: AuditOperation.NOTIFICATION_DELIVERY, access: null, childSuis: [], outcome: AuditOutcome.DISCLOSED,
      fieldsDisclosed: Object.keys(escalation).map((field) => `escalation.${field}`), fieldsWithheld: [], policyVersion: policy.version,
      breakGlass: false, prejudicesInvestigation: false,
      details: { notificationId, deliveryId, notificationType: NotificationType.ESCALATION, escalatesDeliveryId: delivery.id, sourceAgency: HUB_AGENCY },
    }], now);
    await manager.getRepository(Notification).insert({
      id: notificationId, type: NotificationType.ESCALATION, event: null, sourceAgency: HUB_AGENCY, sourceReference: null, contentHash: null, submittedBy: HUB_AGENCY,
      receivedAt: now, adultId: null, recordIds: [], routing: [], escalatesDeliveryId: delivery.id, policyVersion: policy.version,
    });
    await recordDelivery(manager, {
      id: deliveryId, notificationId, recipientAgency: agency.code, audience: DeliveryAudience.IG_LEADS, decidedAs: Role.IG_LEAD, routingRules: [],
      // Accountability (UK GDPR Art 5(2)): the agency's IG leads answer for a duty left unanswered.
      purpose: Purpose.INFORMATION_GOVERNANCE, lawfulBasis: LawfulBasis.LEGAL_OBLIGATION, specialCategoryCondition: null,
      content: { escalation }, redactions: [], childSuis: [], childIds: [], disclosureId: audit.id, contact: escalationContactOf(agency),
      deliveredAt: now, acknowledgeBy: null, dueBy: null, dueFor: null, responseRequested: false,
    });
    return true;
  });
}
