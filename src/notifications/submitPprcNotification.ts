import { randomUUID } from "node:crypto";
import { type DataSource, QueryFailedError } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Agency } from "../directory/Agency";
import { AgencyType } from "../directory/AgencyType";
import { ErrorCode, HubError } from "../errors/HubError";
import { addAdultAlias } from "../people/addAdultAlias";
import { AdultName } from "../people/AdultName";
import { type PolicySet } from "../policy/PolicySet";
import { acknowledgementDeadline } from "./acknowledgementDeadline";
import { auditDelivery } from "./auditDelivery";
import { decideRecipientView } from "./content/decideRecipientView";
import { pprcContent } from "./content/pprcContent";
import { DeliveryAudience } from "./DeliveryAudience";
import { Notification } from "./Notification";
import { NotificationDelivery } from "./NotificationDelivery";
import { NotificationOutcome, type NotificationReceipt } from "./NotificationReceipt";
import { NotificationType } from "./NotificationType";
import { mayNotifyPprcFor } from "./pprcSubmissionPolicy";
import { PprcEvent } from "./PprcEvent";
import { type PprcNotificationSubmission } from "./PprcNotificationSubmission";
import { recordDelivery, type NewDelivery } from "./recordDelivery";
import { recordPprcFacts } from "./recordPprcFacts";
import { recipientAgencies } from "./routing/recipientAgencies";
import { routePprcNotification } from "./routing/routePprcNotification";
import { validatePprcNotification } from "./validatePprcNotification";

export interface NotificationServices {
  dataSource: DataSource;
  policy: PolicySet;
}

/**
 * A prison notifies a PPRC event (DOMAIN.md "Who must tell whom", scenarios 1 and 2):
 *
 * 1. only the prison's OMU or its system, for its own prison (`pprcSubmissionPolicy`); the notification
 *    validated (`validatePprcNotification`); a reference the prison already notified answers its receipt;
 * 2. the prison's record of the PPRC and each child stored as any record is: children linked by SUI or
 *    matched, the prisoner matched to the adult the hub holds (`recordPprcFacts`);
 * 3. routed by the rules of policies/notification-routing.yaml through the directory (`routing/`);
 * 4. each recipient's view decided by the policy engine for its agency type and the rule's purpose, and
 *    its disclosure audit entry committed (`auditDelivery`);
 * 5. in one transaction, the notification, a request to change name as an ALIAS of the same person,
 *    and every delivery (`recordDelivery`) with its acknowledgement deadline and, for a request to
 *    change name, a reply asked of children's social care.
 *
 * A failure after step 4 leaves audit entries for deliveries never made: the trail may say more than
 * happened, never less. The prison resubmits the same reference and the hub tries again.
 */
export async function submitPprcNotification(services: NotificationServices, principal: Principal, requestId: string, notification: PprcNotificationSubmission, now = new Date()): Promise<NotificationReceipt> {
  const { dataSource, policy } = services;
  if (!mayNotifyPprcFor(principal, notification.agencyCode)) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only a prison's offender management unit (PRISON_OMU) or its system (AGENCY_SYSTEM) may notify a PPRC event, and only its own prison's.", { path: "notification.agencyCode" });
  }
  validatePprcNotification(notification);
  const prison = await dataSource.getRepository(Agency).findOneBy({ code: notification.agencyCode, active: true });
  if (prison === null) throw new HubError(ErrorCode.UNKNOWN_AGENCY, "The prison is not in the hub's directory, or is no longer active: ask the hub's administrators to add it.", { path: "notification.agencyCode" });
  // The token's agency_type is a claim; the directory says what the agency is (as for any record: `records/prepareSubmission`).
  if (prison.type !== AgencyType.PRISON || prison.type !== principal.agencyType) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only a prison notifies a PPRC event: the directory does not hold this agency as a prison.", { path: "notification.agencyCode" });
  }
  const earlier = await receiptFor(dataSource, notification.agencyCode, notification.reference);
  if (earlier !== null) return earlier;

  const facts = await recordPprcFacts(dataSource, principal, notification, now);
  const names = await dataSource.getRepository(AdultName).find({ where: { adult: { id: facts.adultId } } });
  const content = pprcContent(notification, facts.childSuis, names);
  const routing = await routePprcNotification(policy.notificationRouting, {
    event: notification.event,
    eventDate: notification.eventDate,
    prisonerDateOfBirth: notification.prisoner.dateOfBirth,
    prisonerHomeLocalAuthority: notification.prisoner.homeLocalAuthority ?? null,
    releaseLocalAuthority: notification.release?.address.localAuthority ?? null,
    childHomeLocalAuthorities: content.childrenAtRisk.map((child) => child.homeLocalAuthority),
  }, recipientAgencies(dataSource.manager));

  const notificationId = randomUUID();
  const acknowledgeBy = acknowledgementDeadline(policy, NotificationType.PPRC, now);
  const typeRule = policy.notificationTypes.get(NotificationType.PPRC);
  const deliveries: NewDelivery[] = [];
  for (const recipient of routing.recipients) {
    const view = decideRecipientView(policy, recipient, content, notification.agencyCode, now);
    const deliveryId = randomUUID();
    const audit = await auditDelivery(dataSource, policy, view, {
      requestId, notificationId, deliveryId, notificationType: NotificationType.PPRC, event: notification.event, routingRules: recipient.rules,
      sourceAgency: notification.agencyCode, submittedBy: principal.sub, recordIds: facts.recordIds,
    }, now);
    deliveries.push({
      id: deliveryId, notificationId, recipientAgency: recipient.agencyCode, audience: DeliveryAudience.STAFF, routingRules: recipient.rules,
      purpose: view.access.purpose, lawfulBasis: view.access.lawfulBasis, specialCategoryCondition: view.access.specialCategoryCondition,
      content: view.view, redactions: view.withheld, childSuis: view.childSuis, disclosureId: audit.id, contact: null, deliveredAt: now, acknowledgeBy,
      // A request to change name consults children's social care: the prison waits for its reply.
      responseRequested: (typeRule?.responseRequestedFor.includes(notification.event) ?? false) && recipient.agencyType === "CHILDRENS_SOCIAL_CARE",
    });
  }

  try {
    await dataSource.transaction(async (manager) => {
      await manager.getRepository(Notification).insert({
        id: notificationId, type: NotificationType.PPRC, event: notification.event, sourceAgency: notification.agencyCode, sourceReference: notification.reference,
        submittedBy: principal.sub, receivedAt: now, adultId: facts.adultId, recordIds: facts.recordIds, routing: routing.decisions, escalatesDeliveryId: null, policyVersion: policy.version,
      });
      if (notification.event === PprcEvent.NAME_CHANGE_REQUEST && notification.requestedName) {
        await addAdultAlias(manager, facts.adultId, notification.requestedName, notification.agencyCode);
      }
      for (const delivery of deliveries) await recordDelivery(manager, delivery);
    });
  } catch (error) {
    // The same reference notified concurrently: the other request's notification stands.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === "23505") {
      const stored = await receiptFor(dataSource, notification.agencyCode, notification.reference);
      if (stored !== null) return stored;
    }
    throw error;
  }
  return {
    notificationId, reference: notification.reference, outcome: NotificationOutcome.CREATED, receivedAt: now,
    recipients: routing.recipients.map(({ agencyCode, agencyType, rules }) => ({ agencyCode, agencyType, rules })),
    unrouted: routing.decisions.filter((decision) => decision.outcome !== "ROUTED"),
  };
}

/** The receipt of a notification the prison already made under this reference, or null. */
async function receiptFor(dataSource: DataSource, agencyCode: string, reference: string): Promise<NotificationReceipt | null> {
  const notification = await dataSource.getRepository(Notification).findOneBy({ sourceAgency: agencyCode, sourceReference: reference });
  if (notification === null) return null;
  const deliveries = await dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: notification.id, audience: DeliveryAudience.STAFF }, order: { recipientAgency: "ASC" } });
  const codes = deliveries.map((delivery) => ({ code: delivery.recipientAgency }));
  const agencies = new Map((codes.length === 0 ? [] : await dataSource.getRepository(Agency).find({ where: codes })).map((agency) => [agency.code, agency.type]));
  return {
    notificationId: notification.id, reference, outcome: NotificationOutcome.UNCHANGED, receivedAt: notification.receivedAt,
    recipients: deliveries.flatMap((delivery) => {
      const agencyType = agencies.get(delivery.recipientAgency);
      return agencyType === undefined ? [] : [{ agencyCode: delivery.recipientAgency, agencyType, rules: delivery.routingRules }];
    }),
    unrouted: notification.routing.filter((decision) => decision.outcome !== "ROUTED"),
  };
}
