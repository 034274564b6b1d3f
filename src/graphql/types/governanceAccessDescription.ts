import { GOVERNANCE_PURPOSES, type GovernanceOperation } from "../../audit/governancePurposes";
import { Purpose } from "../../policy/Purpose";

const WHO_STATES: Partial<Record<Purpose, string>> = {
  [Purpose.DATA_QUALITY]: "a data steward",
  [Purpose.INFORMATION_GOVERNANCE]: "an IG lead",
  [Purpose.SUBJECT_ACCESS_REQUEST]: "an IG lead answering a subject access request",
  [Purpose.STRATEGY_DISCUSSION]: "a CSC manager",
  [Purpose.SECTION_47_ENQUIRY]: "a CSC manager",
  [Purpose.CHILD_PROTECTION_CONFERENCE]: "a CSC manager",
};

/**
 * The description of an IG lead's or data steward's `access` argument: which purposes fit the work,
 * so the schema itself tells an integrator what to state.
 */
export function governanceAccessDescription(operation: GovernanceOperation): string {
  const fits = GOVERNANCE_PURPOSES[operation].map((purpose) => `${purpose} (${WHO_STATES[purpose] ?? purpose})`).join(" or ");
  return `Why you need this, recorded verbatim on the audit entry. Purpose: ${fits}, with a lawful basis the hub's purposes policy gives it; anything else is refused with ACCESS_CONTEXT_INVALID. Required since this argument was added (a breaking change): a call without it fails validation.`;
}
