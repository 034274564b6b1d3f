import { type Principal } from "../../auth/Principal";
import { isLocalAuthorityCode } from "../../auth/localAuthorityCode";
import { AgencyType } from "../../directory/AgencyType";
import { agenciesServing } from "../../directory/routingDirectory";
import { ErrorCode, HubError } from "../../errors/HubError";
import { NotificationType } from "../NotificationType";
import { askingRole, CONSULTATION_NOT_PERMITTED } from "./askingRole";
import { CONCERN_LENGTH, type ConsultationFields } from "./consultationContent";
import { deliverConsultation, refuseConsultation, type ConsultationServices } from "./deliverConsultation";
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
export async function requestConsultation(services: ConsultationServices, principal: Principal, requestId: string, request: ConsultationRequest, now = new Date()): Promise<ConsultationReceipt> {
  const act = { principal, requestId, now };
  const refuse = (code: ErrorCode, problem: string, message: string, path?: string, rule?: string): Promise<never> =>
    refuseConsultation(services, act, new HubError(code, message, { problem, ...(path === undefined ? {} : { path }) }), {
      kind: "REQUEST", ...(isLocalAuthorityCode(request.localAuthority) ? { localAuthority: request.localAuthority } : {}), ...(path === undefined ? {} : { path }),
    }, rule);
  // Who may ask is policy (policies/consultations.yaml `consultationAskers`), as who may search is.
  const role = askingRole(services.policy.consultationAskers, principal.roles);
  if (role === null) return refuse(ErrorCode.FORBIDDEN, CONSULTATION_NOT_PERMITTED, "A consultation is a practitioner's question to a MASH: your role does not ask one.", undefined, services.policy.consultationAskers.id);
  if (!isLocalAuthorityCode(request.localAuthority)) return refuse(ErrorCode.INVALID_INPUT, "INVALID_LOCAL_AUTHORITY", "localAuthority must be an ONS code such as E06000060.", "consultation.localAuthority");
  const concern = request.concern.trim();
  if (concern.length < CONCERN_LENGTH.min || concern.length > CONCERN_LENGTH.max) {
    return refuse(ErrorCode.INVALID_INPUT, "CONCERN_LENGTH", `Describe the concern in ${CONCERN_LENGTH.min} to ${CONCERN_LENGTH.max} characters.`, "consultation.concern");
  }
  try {
    screenConcern(concern);
  } catch (error) {
    if (error instanceof HubError) return refuseConsultation(services, act, error, { kind: "REQUEST", localAuthority: request.localAuthority, path: "consultation.concern" });
    throw error;
  }
  const mashes = await agenciesServing(services.dataSource.manager, { type: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: request.localAuthority });
  if (mashes.length === 0) return refuse(ErrorCode.INVALID_INPUT, "AREA_UNKNOWN", "The directory holds no children's social care serving that local authority.", "consultation.localAuthority");

  const consultation: ConsultationFields = {
    concern, localAuthority: request.localAuthority, askingAgency: principal.agency, askingAgencyType: principal.agencyType, askingRole: role, askedAt: now.toISOString(),
  };
  // Read at the MASH by the role the policy has advise, and only by it.
  const recipients = mashes.map(({ entry }) => ({ agency: entry.code, decidedAs: services.policy.consultationAskers.advisingRole }));
  const consultationId = await services.dataSource.transaction((manager) =>
    deliverConsultation(manager, services.policy, act, NotificationType.CONSULTATION_REQUEST, "consultation", consultation, recipients));
  return { consultationId, deliveredTo: recipients.map((recipient) => recipient.agency), askedAt: now };
}
