import { randomUUID } from "node:crypto";
import { type DataSource, QueryFailedError } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Agency } from "../../directory/Agency";
import { ErrorCode, HubError } from "../../errors/HubError";
import { deadline } from "../../timescales/deadline";
import { acknowledgementDeadline } from "../acknowledgementDeadline";
import { recordAuditEntriesInTransaction, type AuditEntryInput } from "../../audit/recordAuditEntry";
import { raiseExcludedAgencyAlerts } from "../../alerts/raiseExcludedAgencyAlerts";
import { agenciesKeptOut } from "../../exclusions/agenciesKeptOut";
import { deliveryAuditEntry, withheldDeliveryAuditEntry } from "../auditDelivery";
import { decideRecipientView } from "../content/decideRecipientView";
import { protectLocationsHeld } from "../content/protectLocationsHeld";
import { DeliveryAudience } from "../DeliveryAudience";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { NotificationOutcome, type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { recordDelivery, type NewDelivery } from "../recordDelivery";
import { recipientAgencies } from "../routing/recipientAgencies";
import { leaveOutExcluded } from "../routing/leaveOutExcluded";
import { receiptRouting } from "../routing/receiptRouting";
import { routeNotification } from "../routing/routeNotification";
import { childrenKeptOut } from "../../exclusions/childrenKeptOut";
import { type AgencyKeptOut } from "../../exclusions/agenciesKeptOut";
import { leadAgencyOf } from "../../exclusions/leadAgency";
import { notificationContentHash } from "./notificationContentHash";
import { mayNotify, notifierAgencyTypes, notifiersInWords } from "./notifierPolicy";
import { type NotificationFacts, type RoutedEvent, type RoutedSubmission } from "./RoutedEvent";

/**
 * An agency notifies an event others must hear of (DOMAIN.md "Who must tell whom"):
 *
 * 1. only a caller the type's `submittedBy` names, for its own agency (`notifierPolicy`), at an agency
 *    the directory holds as one of those types (the token's `agency_type` is a claim); the notification
 *    validated at the edge; a reference the agency already notified answers its first receipt;
 * 2. its facts stored as the agency's records through the record path (`recordFacts`);
 * 3. routed by the rules of policies/notification-routing.yaml through the directory (`routing/`),
 *    less every agency an agency-wide exclusion keeps out of a child it is about (`leaveOutExcluded`):
 *    no delivery to it, a refused entry on the trail instead, and an IG alert for the agency that
 *    recorded the exclusion, so the duty is met another way;
 * 4. each recipient's view decided by the policy engine for its agency type and the rule's purpose
 *    (`decideRecipientView`), and its disclosure audit entry prepared (`deliveryAuditEntry`);
 * 5. in one transaction, every delivery's audit entry, the notification, whatever else the event
 *    changes, and every delivery (`recordDelivery`, the one place a delivery row is created) with its
 *    acknowledgement deadline, what is due by when, and whether a reply is asked of it.
 *
 * The entries and the deliveries commit together or not at all: a failure leaves no entry for a
 * delivery never made, and no delivery without its entry. The records stored in step 2 stand (they
 * are the agency's own records, stored through the record path); the agency resubmits the same
 * reference and the hub tries again.
 */
export async function submitNotification<S extends RoutedSubmission, F extends NotificationFacts>(services: NotificationServices, event: RoutedEvent<S, F>, principal: Principal, requestId: string, submission: S, now = new Date()): Promise<NotificationReceipt> {
  const { dataSource, policy } = services;
  const typeRule = policy.notificationTypes.get(event.type);
  if (typeRule === undefined || !mayNotify(principal, policy, event.type, submission.agencyCode)) {
    throw new HubError(ErrorCode.FORBIDDEN, `Only ${notifiersInWords(policy, event.type) || "no one"} may submit ${event.label}, and only for its own agency.`, { path: "notification.agencyCode" });
  }
  event.validate(submission, now);
  const notifier = await dataSource.getRepository(Agency).findOneBy({ code: submission.agencyCode, active: true });
  if (notifier === null) throw new HubError(ErrorCode.UNKNOWN_AGENCY, "The agency is not in the hub's directory, or is no longer active: ask the hub's administrators to add it.", { path: "notification.agencyCode" });
  // The token's agency_type is a claim; the directory says what the agency is (as for any record: `records/prepareSubmission`).
  if (!notifierAgencyTypes(policy, event.type).includes(notifier.type) || notifier.type !== principal.agencyType) {
    throw new HubError(ErrorCode.FORBIDDEN, `The directory does not hold this agency as one that submits ${event.label} (${notifierAgencyTypes(policy, event.type).join(" or ")}).`, { path: "notification.agencyCode" });
  }
  const contentHash = notificationContentHash(event.type, submission);
  const earlier = await receiptFor(dataSource, principal, submission.agencyCode, submission.reference, contentHash);
  if (earlier !== null) return earlier;

  const facts = await event.recordFacts(services, principal, submission, now);
  const content = await protectLocationsHeld(dataSource, await event.content(services, submission, facts), facts.recordIds);
  const eventName = event.eventOf(submission);
  const notificationId = randomUUID();
  const routed = await routeNotification(policy.notificationRouting, await event.routingFacts(services, submission, facts, content, now), recipientAgencies(dataSource.manager));

  const acknowledgeBy = acknowledgementDeadline(policy, event.type, now);
  const dueBy = typeRule.due === null ? null : deadline(typeRule.due, now, policy).dueAt;
  const routedViews = routed.recipients.map((recipient) => decideRecipientView(policy, recipient, content, { code: notifier.code, type: notifier.type }, now));
  const childIds = await childrenNamed(dataSource, facts.recordIds, routedViews.flatMap((view) => view.childSuis));
  // Decided at routing, for every type at once: an agency kept out of any child the notification is about is never told.
  const { routing, excluded } = leaveOutExcluded(routed, await agenciesKeptOut(dataSource, childIds, routed.recipients.map((recipient) => recipient.agencyCode)));
  const views = routedViews.filter((_view, index) => routing.recipients.includes(routed.recipients[index]));
  const about = { notificationId, notificationType: event.type, event: eventName, sourceAgency: submission.agencyCode, submittedBy: principal.sub, recordIds: facts.recordIds };
  const deliveries: Omit<NewDelivery, "disclosureId">[] = [];
  const audits: AuditEntryInput[] = [];
  for (const [index, recipient] of routing.recipients.entries()) {
    const view = views[index];
    const deliveryId = randomUUID();
    audits.push(deliveryAuditEntry(policy, view, { requestId, deliveryId, routingRules: recipient.rules, ...about, ...(recipient.knowsChildAs === undefined ? {} : { concealed: true as const }) }));
    deliveries.push({
      id: deliveryId, notificationId, recipientAgency: recipient.agencyCode, audience: DeliveryAudience.STAFF, decidedAs: recipient.rule.decidedAs, routingRules: recipient.rules,
      purpose: view.access.purpose, lawfulBasis: view.access.lawfulBasis, specialCategoryCondition: view.access.specialCategoryCondition,
      content: view.view, redactions: view.withheld, childSuis: view.childSuis, childIds, contact: null, deliveredAt: now, acknowledgeBy,
      dueBy, dueFor: typeRule.due, responseRequested: recipient.responseRequested,
    });
  }

  const notifierOut = await notifierKeptOut(dataSource, principal, childIds);
  const alsoAlerted = await dutyAnswerers(services, submission.agencyCode, notifierOut, excluded.flatMap(({ keptOut }) => keptOut), now);
  const withheld = excluded.map(({ recipient, keptOut }) => withheldDeliveryAuditEntry(
    policy, recipient, [...new Set(keptOut.flatMap((exclusion) => (exclusion.sui === null ? [] : [exclusion.sui])))], { requestId, routingRules: recipient.rules, ...about },
  ));

  try {
    await dataSource.transaction(async (manager) => {
      // Each delivery's audit entry and the delivery commit together, or neither does (no audit, no disclosure; no entry for a delivery never made).
      const receipts = await recordAuditEntriesInTransaction(manager, [...audits, ...withheld], now);
      await manager.getRepository(Notification).insert({
        id: notificationId, type: event.type, event: eventName, sourceAgency: submission.agencyCode, sourceReference: submission.reference, contentHash,
        submittedBy: principal.sub, receivedAt: now, adultId: facts.adultId, recordIds: facts.recordIds, routing: routing.decisions, escalatesDeliveryId: null, policyVersion: policy.version,
      });
      await event.alsoInTransaction?.(manager, submission, facts);
      for (const [index, delivery] of deliveries.entries()) await recordDelivery(manager, { ...delivery, disclosureId: receipts[index].id });
      for (const [index, { recipient, keptOut }] of excluded.entries()) {
        await raiseExcludedAgencyAlerts(manager, {
          stoppedBy: "hub:routing", keptOut, disclosureId: receipts[deliveries.length + index].id,
          alsoAlerted: alsoAlerted.filter((alerted) => keptOut.some((exclusion) => exclusion.childId === alerted.childId)),
          justification: `Notification ${notificationId} (${event.type}${eventName === null ? "" : `, ${eventName}`}) was not delivered to ${recipient.agencyCode} (rules ${recipient.rules.join(", ")}): `
            + "an agency-wide exclusion keeps that agency out of this child, so the statutory duty to tell it is not met. Meet it another way, or record why it is not met.",
        }, now);
      }
    });
  } catch (error) {
    // The same reference notified concurrently: the other request's notification stands.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === "23505") {
      const stored = await receiptFor(dataSource, principal, submission.agencyCode, submission.reference, contentHash);
      if (stored !== null) return stored;
    }
    throw error;
  }
  return {
    notificationId, reference: submission.reference, outcome: NotificationOutcome.CREATED, receivedAt: now,
    ...receiptRouting(routing.decisions, routing.recipients, notifierOut),
  };
}

/**
 * Besides the exclusion's recorders, whose IG leads answer for a duty an agency-wide exclusion stopped
 * (DOMAIN "Who must tell whom"): the notifier's, whose statutory duty it is — unless a standing
 * exclusion keeps the notifier out of the child (it is answered as a stranger, and a stranger hears of
 * no exclusion) — and the child's lead agency's (`leadAgencyOf`), which leads the strategy. Never an
 * agency an exclusion keeps out of that child.
 */
async function dutyAnswerers(services: NotificationServices, notifierAgency: string, notifierOut: boolean, keptOut: readonly AgencyKeptOut[], now: Date): Promise<{ childId: string; agency: string }[]> {
  const answerers: { childId: string; agency: string }[] = [];
  for (const childId of [...new Set(keptOut.map((exclusion) => exclusion.childId))]) {
    const out = new Set(keptOut.filter((exclusion) => exclusion.childId === childId).map((exclusion) => exclusion.agencyCode));
    const lead = await leadAgencyOf(services.dataSource, services.policy, childId, now);
    for (const agency of [...(notifierOut ? [] : [notifierAgency]), ...lead.agencyCodes]) if (!out.has(agency)) answerers.push({ childId, agency });
  }
  return answerers;
}

/**
 * Whether a standing exclusion keeps the notifier (the person, their team or their agency: `excludes`)
 * out of any child the notification is about. The duty to tell stands — routing and delivery are as for
 * anyone — but such a notifier's receipt is answered as a stranger's about a child the hub does not hold
 * (`receiptRouting`): who holds the child's plan, which school has it on its roll, is not theirs to learn.
 */
async function notifierKeptOut(dataSource: DataSource, principal: Principal, childIds: readonly string[]): Promise<boolean> {
  const keptOut = await childrenKeptOut(dataSource, principal);
  return keptOut.childIds.some((childId) => childIds.includes(childId));
}

/**
 * The children a notification is about, by id, SUI or none: those of the records its facts were stored
 * as, and those holding an SUI a view carries. Every delivery of it names them all (`childIds`), so a
 * named-staff exclusion of any of them keeps its recipients' excluded staff out of the delivery
 * (`exclusions/`), a child awaiting an SUI as much as one holding it.
 */
async function childrenNamed(dataSource: DataSource, recordIds: readonly string[], suis: readonly string[]): Promise<string[]> {
  const rows = await dataSource.query<{ id: string }[]>(
    `SELECT r.child_id AS id FROM agency_record r WHERE r.id = ANY($1::uuid[]) UNION SELECT c.id FROM child c WHERE c.sui = ANY($2::text[])`,
    [[...recordIds], [...new Set(suis)]],
  );
  return rows.map((row) => row.id).sort();
}

/**
 * The receipt of a notification the agency already made under this reference, or null. Different
 * content under a reference already used is not a resubmission: answering the first receipt would tell
 * the agency its new facts reached the recipients when no one heard them. It is refused (CONFLICT,
 * REFERENCE_REUSED) before anything is stored, routed or audited.
 */
async function receiptFor(dataSource: DataSource, principal: Principal, agencyCode: string, reference: string, contentHash: string): Promise<NotificationReceipt | null> {
  const notification = await dataSource.getRepository(Notification).findOneBy({ sourceAgency: agencyCode, sourceReference: reference });
  if (notification === null) return null;
  if (notification.contentHash !== null && notification.contentHash !== contentHash) {
    throw new HubError(ErrorCode.CONFLICT, "Your agency already notified something else under this reference: give this notification a reference of its own.", { path: "notification.reference", problem: "REFERENCE_REUSED" });
  }
  const deliveries = await dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: notification.id, audience: DeliveryAudience.STAFF }, order: { recipientAgency: "ASC" } });
  const codes = deliveries.map((delivery) => ({ code: delivery.recipientAgency }));
  const agencies = new Map((codes.length === 0 ? [] : await dataSource.getRepository(Agency).find({ where: codes })).map((agency) => [agency.code, agency.type]));
  const recipients = deliveries.flatMap((delivery) => {
    const agencyType = agencies.get(delivery.recipientAgency);
    return agencyType === undefined ? [] : [{ agencyCode: delivery.recipientAgency, agencyType, rules: delivery.routingRules }];
  });
  // Answered as the first receipt was: the same concealment, and the notifier kept out of the child (as it stands now) told nothing the child's records point to.
  const childIds = await childrenNamed(dataSource, notification.recordIds, deliveries.flatMap((delivery) => delivery.childSuis));
  return {
    notificationId: notification.id, reference, outcome: NotificationOutcome.UNCHANGED, receivedAt: notification.receivedAt,
    ...receiptRouting(notification.routing, recipients, await notifierKeptOut(dataSource, principal, childIds)),
  };
}
