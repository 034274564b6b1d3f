import { IsNull } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { ErrorCode, HubError } from "../../errors/HubError";
import { deliveriesAsTheyLeave, type DeliveryAsItLeaves } from "../deliveriesAsTheyLeave";
import { mayReadDelivery } from "../inbox/inboxAccess";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { NotificationType } from "../NotificationType";
import { ADVICE_LENGTH, type ConsultationAdviceFields, type ConsultationFields } from "./consultationContent";
import { deliverConsultation, refuseConsultation, type ConsultationServices } from "./deliverConsultation";
import { ADVICE_FROM_A_PERSON, mayAdvise } from "./mayAdvise";
import { screenConcern } from "./screenConcern";

/** An id no notification has (see below). */
const NO_NOTIFICATION = "00000000-0000-0000-0000-000000000000";

/**
 * A MASH practitioner (policies/consultations.yaml `advisingRole`) answers a consultation delivered to
 * their agency with advice, which reaches the asking agency's inbox as a `CONSULTATION_ADVICE`
 * notification addressed to the practitioner who asked (the request's submitter; audience ADDRESSEE), read as the role the question was asked in — not their
 * colleagues in that role. The advice is screened as the concern was (`screenConcern`: no NHS number,
 * full date or postcode). Advice is a person's: a MASH practitioner who may read the consultation
 * gives it, never the agency's system. A consultation is answered once (`CONFLICT`, ALREADY_ANSWERED);
 * answering stores the advice as the consultation's response and acknowledges it. Another agency's
 * delivery, one the caller may not read, or one that is not a consultation, is `NOT_FOUND` alike.
 * Audited: the advice's `NOTIFICATION_DELIVERY` entry in the transaction that delivers it; a refusal
 * as `CONSULTATION`, REFUSED. The advice's text is on neither.
 */
export async function answerConsultation(services: ConsultationServices, principal: Principal, requestId: string, id: string, advice: string, now = new Date()): Promise<DeliveryAsItLeaves> {
  const { dataSource, policy } = services;
  const act = { principal, requestId, now };
  const refuse = (code: ErrorCode, problem: string, message: string, path: string, rule?: string): Promise<never> =>
    refuseConsultation(services, act, new HubError(code, message, { path, problem }), { kind: "ADVICE", deliveryId: id }, rule);
  const delivery = await dataSource.getRepository(NotificationDelivery).findOneBy({ id });
  // Asked whether or not the delivery exists, so another agency's delivery id costs what a random id does.
  const notification = await dataSource.getRepository(Notification).findOneBy({ id: delivery?.notificationId ?? NO_NOTIFICATION });
  if (delivery === null || notification?.type !== NotificationType.CONSULTATION_REQUEST || !mayReadDelivery(principal, delivery)) {
    return refuse(ErrorCode.NOT_FOUND, "NO_SUCH_CONSULTATION", "No consultation with this id was delivered to your agency.", "id");
  }
  // Who advises is policy (policies/consultations.yaml `consultationAskers` `advisingRole`), as who asks is.
  if (!mayAdvise(policy.consultationAskers, principal.roles)) return refuse(ErrorCode.FORBIDDEN, ADVICE_FROM_A_PERSON, "A consultation is answered by a MASH practitioner, in person.", "id", policy.consultationAskers.id);
  const text = advice.trim();
  if (text.length < ADVICE_LENGTH.min || text.length > ADVICE_LENGTH.max) return refuse(ErrorCode.INVALID_INPUT, "ADVICE_LENGTH", `Give advice of at most ${ADVICE_LENGTH.max} characters.`, "advice");
  try {
    screenConcern(text, "advice");
  } catch (error) {
    if (error instanceof HubError) return refuseConsultation(services, act, error, { kind: "ADVICE", deliveryId: id, path: "advice" });
    throw error;
  }
  const consultation = delivery.content.consultation as ConsultationFields;
  const answer: ConsultationAdviceFields = { consultationId: notification.id, advice: text, respondingAgency: principal.agency, adviser: principal.name, respondedAt: now.toISOString() };
  const answered = await dataSource.transaction(async (manager) => {
    // Claimed before anything is written: two practitioners answering at once give one answer.
    const claimed = await manager.getRepository(NotificationDelivery).update(
      { id, response: IsNull() },
      { response: text, acknowledgedAt: delivery.acknowledgedAt ?? now, acknowledgedBy: delivery.acknowledgedBy ?? principal.sub },
    );
    if (claimed.affected !== 1) return false;
    await deliverConsultation(manager, policy, act, NotificationType.CONSULTATION_ADVICE, "consultationAdvice", answer,
      [{ agency: consultation.askingAgency, decidedAs: consultation.askingRole, addressee: notification.submittedBy }], { answersDeliveryId: id, consultationId: notification.id });
    return true;
  });
  if (!answered) return refuse(ErrorCode.CONFLICT, "ALREADY_ANSWERED", "This consultation has been answered already.", "id");
  // The answered consultation goes back to its adviser as every delivery leaves the hub (it names no record, so no right holds it back).
  const [leaving] = await deliveriesAsTheyLeave(dataSource, policy, [await dataSource.getRepository(NotificationDelivery).findOneByOrFail({ id })]);
  return leaving;
}
