import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntriesInTransaction, recordAuditEntry } from "../../audit/recordAuditEntry";
import { AgencyType } from "../../directory/AgencyType";
import { agenciesServing } from "../../directory/routingDirectory";
import { ErrorCode, HubError } from "../../errors/HubError";
import { isLocalAuthorityCode } from "../../auth/localAuthorityCode";
import { LawfulBasis } from "../../policy/LawfulBasis";
import { type PolicySet } from "../../policy/PolicySet";
import { Purpose } from "../../policy/Purpose";
import { DeliveryAudience } from "../DeliveryAudience";
import { Notification } from "../Notification";
import { NotificationType } from "../NotificationType";
import { recordDelivery } from "../recordDelivery";
import { ADVISING_ROLE, ASKING_ROLES, CONCERN_LENGTH, type ConsultationFields } from "./consultationContent";
import { screenConcern } from "./screenConcern";

export interface ConsultationRequest {
  localAuthority: string;
  concern: string;
}

export interface ConsultationReceipt {
  consultationId: string;
  /** The children's social care agencies (their directory codes) whose MASH the consultation reached. */
  deliveredTo: string[];
  askedAt: Date;
}

/**
 * A practitioner describes a concern without naming the child, and it reaches the MASH of the local
 * authority they state as a consultation (issue 11 item 4): a `CONSULTATION_REQUEST` notification to
 * each children's social care agency the directory has serving the authority, read by its MASH
 * practitioners, who answer with advice (`answerConsultation`). The hub reads no child's record for it
 * and the receipt says nothing of any: a consultation is never an existence oracle. The concern is
 * screened for the identifiers the hub can recognise (`screenConcern`). Audited both ways: each
 * delivery's `NOTIFICATION_DELIVERY` entry, written with it; every refusal as `CONSULTATION`, REFUSED,
 * with the problem — the concern's text is on neither, only in the delivery.
 */
export async function requestConsultation(services: { dataSource: DataSource; policy: PolicySet }, principal: Principal, requestId: string, request: ConsultationRequest, now = new Date()): Promise<ConsultationReceipt> {
  const { dataSource, policy } = services;
  const refuse = async (error: HubError): Promise<never> => {
    const { problem, path } = error.details as { problem?: string; path?: string };
    await recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.CONSULTATION, access: null, childSuis: [], outcome: AuditOutcome.REFUSED,
      refusal: { code: error.code, problem: problem ?? null, rule: "consultation-without-naming-the-child" },
      fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
      details: { kind: "REQUEST", ...(isLocalAuthorityCode(request.localAuthority) ? { localAuthority: request.localAuthority } : {}), ...(path === undefined ? {} : { path }) },
    }, now);
    throw error;
  };
  const askingRole = ASKING_ROLES.find((role) => principal.roles.includes(role));
  if (askingRole === undefined) return refuse(new HubError(ErrorCode.FORBIDDEN, "A consultation is a practitioner's question to a MASH: your role does not ask one.", { problem: "CONSULTATION_NOT_PERMITTED" }));
  const concern = request.concern.trim();
  if (!isLocalAuthorityCode(request.localAuthority)) return refuse(new HubError(ErrorCode.INVALID_INPUT, "localAuthority must be an ONS code such as E06000060.", { path: "consultation.localAuthority", problem: "INVALID_LOCAL_AUTHORITY" }));
  if (concern.length < CONCERN_LENGTH.min || concern.length > CONCERN_LENGTH.max) {
    return refuse(new HubError(ErrorCode.INVALID_INPUT, `Describe the concern in ${CONCERN_LENGTH.min} to ${CONCERN_LENGTH.max} characters.`, { path: "consultation.concern", problem: "CONCERN_LENGTH" }));
  }
  try {
    screenConcern(concern);
  } catch (error) {
    if (error instanceof HubError) return refuse(error);
    throw error;
  }
  const mashes = await agenciesServing(dataSource.manager, { type: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: request.localAuthority });
  if (mashes.length === 0) return refuse(new HubError(ErrorCode.INVALID_INPUT, "The directory holds no children's social care serving that local authority.", { path: "consultation.localAuthority", problem: "AREA_UNKNOWN" }));

  const consultation: ConsultationFields = {
    concern, localAuthority: request.localAuthority, askingAgency: principal.agency, askingAgencyType: principal.agencyType, askingRole, askedAt: now.toISOString(),
  };
  const notificationId = randomUUID();
  const deliveries = mashes.map(({ entry }) => ({ id: randomUUID(), agency: entry.code }));
  await dataSource.transaction(async (manager) => {
    const receipts = await recordAuditEntriesInTransaction(manager, deliveries.map((delivery) => ({
      requestId, principal, operation: AuditOperation.NOTIFICATION_DELIVERY, access: null, childSuis: [], outcome: AuditOutcome.DISCLOSED,
      fieldsDisclosed: Object.keys(consultation).map((field) => `consultation.${field}`), fieldsWithheld: [], policyVersion: policy.version,
      breakGlass: false, prejudicesInvestigation: false,
      details: { notificationId, deliveryId: delivery.id, notificationType: NotificationType.CONSULTATION_REQUEST, recipientAgency: delivery.agency, sourceAgency: principal.agency },
    })), now);
    await manager.getRepository(Notification).insert({
      id: notificationId, type: NotificationType.CONSULTATION_REQUEST, event: null, sourceAgency: principal.agency, sourceReference: null, contentHash: null,
      submittedBy: principal.sub, receivedAt: now, adultId: null, recordIds: [], routing: [], escalatesDeliveryId: null, policyVersion: policy.version,
    });
    for (const [index, delivery] of deliveries.entries()) {
      await recordDelivery(manager, {
        id: delivery.id, notificationId, recipientAgency: delivery.agency, audience: DeliveryAudience.STAFF, decidedAs: ADVISING_ROLE, routingRules: [],
        purpose: Purpose.REFERRAL_TRIAGE, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null,
        content: { consultation }, redactions: [], childSuis: [], disclosureId: (receipts[index] as { id: string }).id, contact: null,
        // Advice is a conversation, not a statutory duty with a deadline: never escalated.
        deliveredAt: now, acknowledgeBy: null, dueBy: null, dueFor: null, responseRequested: false,
      });
    }
  });
  return { consultationId: notificationId, deliveredTo: deliveries.map((delivery) => delivery.agency), askedAt: now };
}
