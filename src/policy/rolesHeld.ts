import { type Principal } from "../auth/Principal";
import { type Role } from "../auth/Role";
import { type PolicySet } from "./PolicySet";

/** The roles among `principal`'s that its agency type cannot hold (policies/roles.yaml): none for a token the hub accepts. */
export function rolesNotHeld(policy: Pick<PolicySet, "roleHolders">, principal: Pick<Principal, "agencyType" | "roles">): Role[] {
  return principal.roles.filter((role) => !(policy.roleHolders.holders.get(role) ?? []).includes(principal.agencyType));
}

/**
 * Whether the caller holds `role` in an agency that can hold it. The gate already refuses a token with a
 * role its agency cannot hold (`http/hubContext.ts`); the rules that open a child's file on a role alone
 * (a MASH case, opening a referral) ask this too, so a principal built anywhere else cannot borrow one.
 */
export function holdsRole(policy: Pick<PolicySet, "roleHolders">, principal: Pick<Principal, "agencyType" | "roles">, role: Role): boolean {
  return principal.roles.includes(role) && (policy.roleHolders.holders.get(role) ?? []).includes(principal.agencyType);
}
