import { randomUUID } from "node:crypto";
import { type DataSource, type EntityManager } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { type Role } from "../../auth/Role";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntriesInTransaction, recordAuditEntry } from "../../audit/recordAuditEntry";
import { type HubError } from "../../errors/HubError";
import { LawfulBasis } from "../../policy/LawfulBasis";
import { type PolicySet } from "../../policy/PolicySet";
import { Purpose } from "../../policy/Purpose";
import { DeliveryAudience } from "../DeliveryAudience";
import { Notification } from "../Notification";
import { type NotificationType } from "../NotificationType";
import { recordDelivery } from "../recordDelivery";

export interface ConsultationServices {
  dataSource: DataSource;
  policy: PolicySet;
}

/** Who did what, as both directions of a consultation audit it. */
export interface ConsultationAct {
  principal: Principal;
  requestId: string;
  now: Date;
}

/**
 * One consultation notification (a question, or its advice) from the person in `act`, delivered to each
 * agency for the role its reader acts in (and, for advice, to the one person who asked), in the caller's transaction: each delivery's
 * `NOTIFICATION_DELIVERY` entry first (the person as principal; the fields, never their values), then
 * the notification and its deliveries. Names no child. For advice, not a statutory duty: no deadline,
 * never escalated. Returns the notification's id.
 */
export async function deliverConsultation(
  manager: EntityManager, policy: PolicySet, act: ConsultationAct, type: NotificationType,
  section: "consultation" | "consultationAdvice", content: object, recipients: readonly { agency: string; decidedAs: Role; addressee?: string }[], details: Record<string, unknown> = {},
): Promise<string> {
  const { principal, requestId, now } = act;
  const notificationId = randomUUID();
  const deliveries = recipients.map((recipient) => ({ ...recipient, id: randomUUID() }));
  const receipts = await recordAuditEntriesInTransaction(manager, deliveries.map((delivery) => ({
    requestId, principal, operation: AuditOperation.NOTIFICATION_DELIVERY, access: null, childSuis: [], outcome: AuditOutcome.DISCLOSED,
    fieldsDisclosed: Object.keys(content).map((field) => `${section}.${field}`), fieldsWithheld: [], policyVersion: policy.version,
    breakGlass: false, prejudicesInvestigation: false,
    // The rule that decided who asks and who at the MASH reads and advises (policies/consultations.yaml), named as a disclosure names its rules.
    details: { notificationId, deliveryId: delivery.id, notificationType: type, recipientAgency: delivery.agency, sourceAgency: principal.agency, consultationAskersRule: policy.consultationAskers.id, ...details },
  })), now);
  await manager.getRepository(Notification).insert({
    id: notificationId, type, event: null, sourceAgency: principal.agency, sourceReference: null, contentHash: null,
    submittedBy: principal.sub, receivedAt: now, adultId: null, recordIds: [], routing: [], escalatesDeliveryId: null, policyVersion: policy.version,
  });
  for (const [index, delivery] of deliveries.entries()) {
    await recordDelivery(manager, {
      id: delivery.id, notificationId, recipientAgency: delivery.agency, audience: delivery.addressee === undefined ? DeliveryAudience.STAFF : DeliveryAudience.ADDRESSEE, decidedAs: delivery.decidedAs, routingRules: [],
      purpose: Purpose.REFERRAL_TRIAGE, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null,
      content: { [section]: content }, redactions: [], childSuis: [], childIds: [], disclosureId: (receipts[index] as { id: string }).id, contact: delivery.addressee ?? null,
      deliveredAt: now, acknowledgeBy: null, dueBy: null, dueFor: null, responseRequested: false,
    });
  }
  return notificationId;
}

/** The rule a refusal names when no policy rule decided it: the consultation's own checks (the text's length and screening, the delivery asked about, the area). */
const CONSULTATION_CHECKS = "consultation-without-naming-the-child";

/**
 * A refused question or answer: audited (`CONSULTATION`, REFUSED, with its problem — never the text), then thrown.
 * A refusal a policy rule decided (who asks, who advises: `consultationAskers`) names that rule's id.
 */
export async function refuseConsultation(services: ConsultationServices, act: ConsultationAct, error: HubError, details: Record<string, unknown>, rule = CONSULTATION_CHECKS): Promise<never> {
  const { principal, requestId, now } = act;
  const problem = typeof error.details.problem === "string" ? error.details.problem : null;
  await recordAuditEntry(services.dataSource, {
    requestId, principal, operation: AuditOperation.CONSULTATION, access: null, childSuis: [], outcome: AuditOutcome.REFUSED,
    refusal: { code: error.code, problem, rule }, fieldsDisclosed: [], fieldsWithheld: [],
    policyVersion: services.policy.version, breakGlass: false, prejudicesInvestigation: false, details,
  }, now);
  throw error;
}
