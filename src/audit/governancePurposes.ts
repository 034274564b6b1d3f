import { AccessProblem } from "../policy/AccessProblem";
import { type Refusal } from "../policy/DisclosureDecision";
import { Purpose } from "../policy/Purpose";
import { AuditOperation } from "./AuditOperation";

/**
 * The purposes each piece of governance work serves. The purposes policy (`policies/purposes.yaml`)
 * says which roles may state a purpose and on which lawful bases; this says which purpose a piece of
 * work is for, so a stated purpose that is lawful for the caller but not this work's (an IG lead's
 * trail review stated as a subject access request) is refused as well. Purpose limitation, UK GDPR
 * Art 5(1)(b): the audit entry must name the purpose the data was actually used for.
 */
export const GOVERNANCE_PURPOSES = {
  [AuditOperation.AUDIT_QUERY]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.AUDIT_EXPORT]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.AUDIT_VERIFICATION]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.IG_ALERT_CLOSED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.WEBHOOK_DEAD_LETTERS_READ]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.WEBHOOK_REPLAYED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.SUBJECT_ACCESS_REPORT]: [Purpose.SUBJECT_ACCESS_REQUEST],
  [AuditOperation.SUBJECT_ACCESS_REQUEST_OPENED]: [Purpose.SUBJECT_ACCESS_REQUEST],
  [AuditOperation.SUBJECT_ACCESS_REQUEST_EXTENDED]: [Purpose.SUBJECT_ACCESS_REQUEST],
  [AuditOperation.SUBJECT_ACCESS_REQUEST_CLOSED]: [Purpose.SUBJECT_ACCESS_REQUEST],
  [AuditOperation.SUBJECT_ACCESS_REQUESTS_READ]: [Purpose.SUBJECT_ACCESS_REQUEST],
  [AuditOperation.SUBJECT_ACCESS_ITEM_DECIDED]: [Purpose.SUBJECT_ACCESS_REQUEST],
  [AuditOperation.SUPPLEMENTARY_STATEMENT_ATTACHED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.PROCESSING_RESTRICTED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.RESTRICTION_DECIDED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.ERASURE_DECIDED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.LINK_REVIEWS_READ]: [Purpose.DATA_QUALITY],
  [AuditOperation.LINK_REVIEW_RESOLVED]: [Purpose.DATA_QUALITY],
  [AuditOperation.CHILDREN_MERGED]: [Purpose.DATA_QUALITY],
  [AuditOperation.CHILD_SPLIT]: [Purpose.DATA_QUALITY],
  [AuditOperation.ADULT_LINK_REVIEWS_READ]: [Purpose.DATA_QUALITY],
  [AuditOperation.ADULT_LINK_REVIEW_RESOLVED]: [Purpose.DATA_QUALITY],
  [AuditOperation.ADULTS_MERGED]: [Purpose.DATA_QUALITY],
  [AuditOperation.ADULT_SPLIT]: [Purpose.DATA_QUALITY],
  // A steward checks links; an IG lead acts on what went out through a wrong one.
  [AuditOperation.LINK_HISTORY_READ]: [Purpose.DATA_QUALITY, Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.WRONG_LINK_REPORT]: [Purpose.DATA_QUALITY, Purpose.INFORMATION_GOVERNANCE],
  // A CSC manager keeps implicated staff out in the course of the enquiry; an IG lead as governance.
  [AuditOperation.CHILD_EXCLUSION_RECORDED]: [Purpose.INFORMATION_GOVERNANCE, Purpose.STRATEGY_DISCUSSION, Purpose.SECTION_47_ENQUIRY, Purpose.CHILD_PROTECTION_CONFERENCE],
  [AuditOperation.CHILD_EXCLUSION_LIFTED]: [Purpose.INFORMATION_GOVERNANCE, Purpose.STRATEGY_DISCUSSION, Purpose.SECTION_47_ENQUIRY, Purpose.CHILD_PROTECTION_CONFERENCE],
  [AuditOperation.CHILD_EXCLUSIONS_READ]: [Purpose.INFORMATION_GOVERNANCE, Purpose.STRATEGY_DISCUSSION, Purpose.SECTION_47_ENQUIRY, Purpose.CHILD_PROTECTION_CONFERENCE],
  [AuditOperation.BREACH_OPENED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.BREACH_DECIDED]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.BREACHES_READ]: [Purpose.INFORMATION_GOVERNANCE],
  [AuditOperation.OVERDUE_READ]: [Purpose.INFORMATION_GOVERNANCE],
} as const satisfies Partial<Record<AuditOperation, readonly Purpose[]>>;

export type GovernanceOperation = keyof typeof GOVERNANCE_PURPOSES;

/** The rule id recorded when the purpose stated is not one the work serves. */
export const GOVERNANCE_PURPOSE_RULE = "governance-purposes";

/** Refuses a purpose the operation does not serve; null when it serves it. */
export function refuseUnservedPurpose(operation: GovernanceOperation, purpose: Purpose): Refusal | null {
  const served: readonly Purpose[] = GOVERNANCE_PURPOSES[operation];
  if (served.includes(purpose)) return null;
  return {
    outcome: "REFUSED",
    problem: AccessProblem.PURPOSE_NOT_PERMITTED,
    rule: GOVERNANCE_PURPOSE_RULE,
    message: `${operation} is not work for the purpose ${purpose}; state ${served.join(" or ")}.`,
  };
}
