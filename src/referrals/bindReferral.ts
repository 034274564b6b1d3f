import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { recordDecision } from "../audit/recordDecision";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { openHubReferral } from "./openHubReferral";
import { Referral } from "./Referral";

/**
 * Opening a child a search showed binds the referral the search rested on to that child (issue 11):
 * the referral was opened before the MASH knew who the child is, and from now on its case reference
 * names this child and no other — once per referral. Only a referral at the caller's authority, opened
 * in the hub without a child, and open as a search decides it (`openHubReferral`: undecided in the hub
 * and by the authority's own system — which may have recorded the reference at its next status about
 * another child — and within its window), and only to a child a search under it showed (`searched_suis`, written by `search/searchChildren`): a reference can never be bound to a
 * child the MASH did not find by searching for the referral's child. Audited (REFERRAL_BOUND) before it
 * takes effect; the read that follows is audited against the referral as any other. A caller kept out
 * of the child (`keptOut`, `exclusions/`) never binds it. True when it bound
 * (or a concurrent opening bound first): the child's file is then read again.
 */
export async function bindReferralOnOpening(dataSource: DataSource, principal: Principal, requestId: string, policy: PolicySet, access: AccessContext, sui: string, now: Date, keptOut = false): Promise<boolean> {
  const reference = access.caseReference?.trim() ?? "";
  if (reference === "") return false;
  const open = await openHubReferral(dataSource.manager, principal, access, policy, now);
  if (open === null || open.source.kind !== "HUB") return false;
  const referral = await dataSource.getRepository(Referral).findOneBy({ id: open.source.referralId });
  // A caller a named-staff exclusion keeps out of the child binds nothing, after the same look-ups as anyone's opening.
  if (keptOut || referral === null || referral.sui !== null || !referral.searchedSuis.includes(sui)) return false;
  await recordDecision(dataSource, {
    requestId, principal, operation: AuditOperation.REFERRAL_BOUND, childSui: sui, policyVersion: policy.version, access,
    details: { referralId: referral.id, reference, localAuthority: referral.localAuthority, stage: referral.stage },
  });
  // A concurrent opening of another candidate under the same reference: the first binds, the other finds it bound.
  await dataSource.query(`UPDATE referral SET sui = $2, bound_at = $3 WHERE id = $1 AND sui IS NULL`, [referral.id, sui, now]);
  return true;
}

/**
 * Whether the caller's case reference already names a referral about this child (one of the child's
 * referrals, `loadChildFile`): a reference is unique at its authority, so such a referral is bound and
 * opening the child binds nothing.
 */
export function referenceNamesChildsReferral(referrals: readonly Pick<Referral, "localAuthority" | "reference">[], principal: Principal, access: AccessContext): boolean {
  const reference = access.caseReference?.trim() ?? "";
  return reference !== "" && referrals.some((referral) => referral.localAuthority === principal.localAuthority && referral.reference === reference);
}

/** The children a search under this referral showed: the only ones opening a child may bind it to. */
export async function recordSearchedChildren(dataSource: DataSource, referralId: string, suis: readonly string[]): Promise<void> {
  if (suis.length === 0) return;
  await dataSource.query(`UPDATE referral SET searched_suis = ARRAY(SELECT DISTINCT unnest(searched_suis || $2::varchar(10)[])) WHERE id = $1 AND sui IS NULL`, [referralId, suis]);
}
