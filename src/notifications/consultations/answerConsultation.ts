import { randomUUID } from "node:crypto";
import { IsNull, type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntriesInTransaction, recordAuditEntry } from "../../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../../errors/HubError";
import { LawfulBasis } from "../../policy/LawfulBasis";
import { type PolicySet } from "../../policy/PolicySet";
import { Purpose } from "../../policy/Purpose";
import { DeliveryAudience } from "../DeliveryAudience";
import { mayReadDelivery } from "../inbox/inboxAccess";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { NotificationType } from "../NotificationType";
import { recordDelivery } from "../recordDelivery";
import { ADVICE_LENGTH, type ConsultationAdviceFields, type ConsultationFields } from "./consultationContent";

/**
 * A MASH practitioner answers a consultation delivered to their agency with advice, which reaches the
 * asking agency's inbox as a `CONSULTATION_ADVICE` notification, read by its staff in the role the
 * question was asked in. Advice is a person's: a MASH practitioner who may read the consultation
 * gives it, never the agency's system. A consultation is answered once (`CONFLICT`, ALREADY_ANSWERED);
 * answering stores the advice as the consultation's response and acknowledges it. Another agency's
 * delivery, one the caller may not read, or one that is not a consultation, is `NOT_FOUND` alike.
 * Audited: the advice's `NOTIFICATION_DELIVERY` entry in the transaction that delivers it; a refusal
 * as `CONSULTATION`, REFUSED. The advice's text is on neither.
 */
export async function answerConsultation(services: { dataSource: DataSource; policy: PolicySet }, principal: Principal, requestId: string, id: string, advice: string, now = new Date()): Promise<NotificationDelivery> {
  const { dataSource, policy } = services;
  const refuse = async (code: ErrorCode, problem: string, message: string, path: string): Promise<never> => {
    await recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.CONSULTATION, access: null, childSuis: [], outcome: AuditOutcome.REFUSED,
      refusal: { code, problem, rule: "consultation-without-naming-the-child" }, fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version,
      breakGlass: false, prejudicesInvestigation: false, details: { kind: "ADVICE", deliveryId: id },
    }, now);
    throw new HubError(code, message, { path, problem });
  };
  const delivery = await dataSource.getRepository(NotificationDelivery).findOneBy({ id });
  const notification = delivery === null ? null : await dataSource.getRepository(Notification).findOneBy({ id: delivery.notificationId });
  if (delivery === null || notification?.type !== NotificationType.CONSULTATION_REQUEST || !mayReadDelivery(principal, delivery)) {
    return refuse(ErrorCode.NOT_FOUND, "NO_SUCH_CONSULTATION", "No consultation with this id was delivered to your agency.", "id");
  }
  if (!principal.roles.includes(Role.MASH_PRACTITIONER)) return refuse(ErrorCode.FORBIDDEN, "ADVICE_FROM_A_PERSON", "A consultation is answered by a MASH practitioner, in person.", "id");
  const text = advice.trim();
  if (text.length < ADVICE_LENGTH.min || text.length > ADVICE_LENGTH.max) return refuse(ErrorCode.INVALID_INPUT, "ADVICE_LENGTH", `Give advice of at most ${ADVICE_LENGTH.max} characters.`, "advice");
  const consultation = delivery.content.consultation as ConsultationFields;
  const answer: ConsultationAdviceFields = { consultationId: notification.id, advice: text, respondingAgency: principal.agency, adviser: principal.name, respondedAt: now.toISOString() };
  const adviceId = randomUUID();
  const adviceDeliveryId = randomUUID();
  const answered = await dataSource.transaction(async (manager) => {
    const deliveries = manager.getRepository(NotificationDelivery);
    // Claimed before anything is written: two practitioners answering at once give one answer.
    const claimed = await deliveries.update({ id, response: IsNull() }, { response: text, acknowledgedAt: delivery.acknowledgedAt ?? now, acknowledgedBy: delivery.acknowledgedBy ?? principal.sub });
    if (claimed.affected !== 1) return false;
    const [audit] = await recordAuditEntriesInTransaction(manager, [{
      requestId, principal, operation: AuditOperation.NOTIFICATION_DELIVERY, access: null, childSuis: [], outcome: AuditOutcome.DISCLOSED,
      fieldsDisclosed: Object.keys(answer).map((field) => `consultationAdvice.${field}`), fieldsWithheld: [], policyVersion: policy.version,
      breakGlass: false, prejudicesInvestigation: false,
      details: { notificationId: adviceId, deliveryId: adviceDeliveryId, notificationType: NotificationType.CONSULTATION_ADVICE, recipientAgency: consultation.askingAgency, answersDeliveryId: id, consultationId: notification.id },
    }], now);
    await manager.getRepository(Notification).insert({
      id: adviceId, type: NotificationType.CONSULTATION_ADVICE, event: null, sourceAgency: principal.agency, sourceReference: null, contentHash: null,
      submittedBy: principal.sub, receivedAt: now, adultId: null, recordIds: [], routing: [], escalatesDeliveryId: null, policyVersion: policy.version,
    });
    await recordDelivery(manager, {
      id: adviceDeliveryId, notificationId: adviceId, recipientAgency: consultation.askingAgency, audience: DeliveryAudience.STAFF, decidedAs: consultation.askingRole, routingRules: [],
      purpose: Purpose.REFERRAL_TRIAGE, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null,
      content: { consultationAdvice: answer }, redactions: [], childSuis: [], disclosureId: (audit as { id: string }).id, contact: null,
      deliveredAt: now, acknowledgeBy: null, dueBy: null, dueFor: null, responseRequested: false,
    });
    return true;
  });
  if (!answered) return refuse(ErrorCode.CONFLICT, "ALREADY_ANSWERED", "This consultation has been answered already.", "id");
  return dataSource.getRepository(NotificationDelivery).findOneByOrFail({ id });
}
