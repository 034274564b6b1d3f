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
    details: { recipientAgencyType: decision.recipientAgencyType, recipientAgencyCode: decision.recipientAgencyCode ?? null },
  });
}
