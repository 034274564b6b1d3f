import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type PolicySet } from "../policy/PolicySet";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AgencyType } from "../directory/AgencyType";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { type AuditReceipt } from "../audit/recordAuditEntry";
import { recordDecision } from "../audit/recordDecision";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { consentAbility } from "../consent/consentPolicy";
import { Agency } from "../directory/Agency";
import { isAgencyCode } from "../directory/agencyCode";
import { findChildInCare } from "./findChildInCare";

const MIN_REASON_LENGTH = 20;

export interface DecisionNotToShare {
  purpose: Purpose;
  /** Whom the information was not shared with. */
  recipientAgencyType: AgencyType;
  recipientAgencyCode?: string | null;
  /** Why sharing would be more detrimental to the child than not sharing (s.16LA). */
  reason: string;
  caseReference?: string | null;
}

/**
 * Children Act 2004 s.16LA: bodies must share information relevant to safeguarding unless sharing would
 * be more detrimental to the child than not sharing, and that decision is recorded with its reasons
 * (DOMAIN rules 4 and 8). The record is an audit entry of outcome NOT_SHARED, so IG leads find it with
 * every other disclosure decision about the child.
 */
export async function recordDecisionNotToShare(dataSource: DataSource, principal: Principal, requestId: string, policy: PolicySet, rawSui: string, decision: DecisionNotToShare): Promise<AuditReceipt> {
  if (!consentAbility(principal).can("record", "DecisionNotToShare")) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only a practitioner may record a decision not to share.");
  }
  const reason = decision.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) {
    throw new HubError(ErrorCode.INVALID_INPUT, `Give the reasons sharing would be more detrimental to the child than not sharing (at least ${MIN_REASON_LENGTH} characters).`, { path: "decision.reason" });
  }
  const recipientAgencyCode = await recipientInDirectory(dataSource, decision);
  const { child } = await findChildInCare(dataSource, principal, rawSui, policy);
  return recordDecision(dataSource, {
    requestId,
    principal,
    operation: AuditOperation.DECISION_NOT_TO_SHARE,
    access: {
      purpose: decision.purpose,
      lawfulBasis: LawfulBasis.LEGAL_OBLIGATION,
      specialCategoryCondition: null,
      justification: reason,
      caseReference: decision.caseReference?.trim() || null,
      breakGlass: false,
    },
    childSui: child.sui ?? "",
    outcome: AuditOutcome.NOT_SHARED,
    policyVersion: policy.version,
    details: { recipientAgencyType: decision.recipientAgencyType, recipientAgencyCode },
  });
}

/** Why a named recipient is refused, as `extensions.problem` beside INVALID_INPUT. */
export const RecipientProblem = {
  /** Not a directory code, not in the directory, or no longer active there. */
  RECIPIENT_NOT_IN_DIRECTORY: "RECIPIENT_NOT_IN_DIRECTORY",
  /** In the directory as another type of agency than `recipientAgencyType`. */
  RECIPIENT_NOT_OF_STATED_TYPE: "RECIPIENT_NOT_OF_STATED_TYPE",
} as const;

/**
 * The recipient's code as the directory holds it, or null when none was named. The trail names whom the
 * information was not shared with, and an IG lead reads it as an agency: a code the directory does not
 * hold as active, or holds as another type than the one stated, would record a recipient nobody can
 * identify. Asked before the child, so the answer is the same whichever child is named.
 */
async function recipientInDirectory(dataSource: DataSource, decision: DecisionNotToShare): Promise<string | null> {
  const code = decision.recipientAgencyCode?.trim() ?? "";
  if (code === "") return null;
  const path = "decision.recipientAgencyCode";
  const agency = isAgencyCode(code) ? await dataSource.getRepository(Agency).findOneBy({ code, active: true }) : null;
  if (agency === null) {
    throw new HubError(ErrorCode.INVALID_INPUT, "Name the recipient by an active agency's code in the hub's directory, or leave the code out.", { path, problem: RecipientProblem.RECIPIENT_NOT_IN_DIRECTORY });
  }
  if (agency.type !== decision.recipientAgencyType) {
    throw new HubError(ErrorCode.INVALID_INPUT, "The directory holds this agency as another type than the recipient type given.", { path, problem: RecipientProblem.RECIPIENT_NOT_OF_STATED_TYPE });
  }
  return agency.code;
}
