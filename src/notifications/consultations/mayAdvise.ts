import { type Role } from "../../auth/Role";
import { type ConsultationAskersRule } from "../../policy/PolicySet";

/** Why a person may not answer a consultation: they do not hold the role the policy has advise. */
export const ADVICE_FROM_A_PERSON = "ADVICE_FROM_A_PERSON";

/**
 * Whether a person may answer a consultation (policies/consultations.yaml `consultationAskers`
 * `advisingRole`): advice is given in person, by someone holding the MASH's advising role.
 */
export function mayAdvise(rule: Pick<ConsultationAskersRule, "advisingRole">, roles: readonly Role[]): boolean {
  return roles.includes(rule.advisingRole);
}
