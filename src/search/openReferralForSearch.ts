import { type EntityManager } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { openReferralNamed, type OpenReferral } from "../referrals/openReferralNamed";
import { Referral } from "../referrals/Referral";

/**
 * The open referral a search rests on (design §6: a case reference is a claim the hub checks): one the
 * caller's case reference names at the caller's own local authority, undecided and within its stage's
 * window — the same check a `child` read makes (`referrals/openReferralNamed`). A reference that names
 * nothing the hub holds is no referral.
 */
export async function openReferralForSearch(manager: EntityManager, principal: Principal, access: AccessContext, policy: PolicySet, now: Date): Promise<OpenReferral | null> {
  const reference = access.caseReference?.trim() ?? "";
  if (reference === "") return null;
  const referrals = await manager.getRepository(Referral).findBy({ localAuthority: principal.localAuthority, reference });
  return openReferralNamed([], referrals, principal, access, policy, now);
}
