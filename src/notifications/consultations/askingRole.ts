import { type Role } from "../../auth/Role";
import { type ConsultationAskersRule } from "../../policy/PolicySet";

/** Why a person may not ask: none of their roles is one the policy lets ask. */
export const CONSULTATION_NOT_PERMITTED = "CONSULTATION_NOT_PERMITTED";

/**
 * The role a person asks a consultation in (policies/consultations.yaml `consultationAskers`): the first
 * of the policy's roles they hold, so the advice comes back to one role; null when they may not ask.
 */
export function askingRole(rule: Pick<ConsultationAskersRule, "roles">, roles: readonly Role[]): Role | null {
  return rule.roles.find((role) => roles.includes(role)) ?? null;
}
