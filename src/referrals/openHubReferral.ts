import { type EntityManager } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { openReferralNamed, type OpenReferral, type SocialCareRecordFacts } from "./openReferralNamed";
import { Referral } from "./Referral";
import { recordedFacts, recordedUnderSql, type RecordedRow } from "./recordedUnderReference";

/**
 * The open referral opened in the hub that the caller's case reference names, before the hub knows
 * which child it is about: what a search rests on, and what opening a child a search showed may bind
 * (`bindReferral.ts`) — both decide it from the same facts. One the
 * caller's case reference names at the caller's own local authority, opened in the hub, undecided and
 * within its stage's window, or one the authority's own system recorded under the reference (a social
 * care record at REFERRAL, STRATEGY_DISCUSSION or SECTION_47_ENQUIRY, or an emergency protection order, linked to its child by SUI or a steward) —
 * the same check a `child` read makes (`referrals/openReferralNamed`), against the same facts: a
 * referral the authority's own system has since recorded under the same reference at its next status
 * (or ended) is decided, for a search as for a read. A reference that names nothing the hub holds is no
 * referral.
 */
export async function openHubReferral(manager: EntityManager, principal: Principal, access: AccessContext, policy: PolicySet, now: Date): Promise<OpenReferral | null> {
  const reference = access.caseReference?.trim() ?? "";
  if (reference === "") return null;
  const referrals = await manager.getRepository(Referral).findBy({ localAuthority: principal.localAuthority, reference });
  const recorded = await recordedUnder(manager, principal.localAuthority, reference, referrals);
  return openReferralNamed(recorded, referrals.map((referral) => ({ ...referral, recordedUnder: recorded })), principal, access, policy, now);
}

/**
 * The SUI of the child an open referral is about: a referral opened in the hub names it once bound; one
 * the authority's own system recorded is about the child its record is linked to (by SUI or a steward:
 * `openReferralNamed` counts no other). Null while the referral names no child.
 */
export async function referralChildSui(manager: EntityManager, referral: OpenReferral): Promise<string | null> {
  if (referral.source.kind === "HUB") return (await manager.getRepository(Referral).findOneBy({ id: referral.source.referralId }))?.sui ?? null;
  const [row]: { sui: string | null }[] = await manager.query(
    `SELECT c.sui FROM agency_record r JOIN child c ON c.id = r.child_id WHERE r.id = $1 AND r.link_state = 'LINKED' AND c.merged_into_id IS NULL`,
    [referral.source.recordId],
  );
  return row?.sui ?? null;
}

/**
 * The social care records the authority's own system holds under the reference, linked to a child: to
 * the referral's child once it is bound (any child while it names none). Always one statement, whether
 * or not a referral was found, so a reference naming nothing takes the path one naming something does.
 *
 * In the order the authority recorded them (its own recording time, else when the hub received them),
 * then by id: the first open one is the referral (`openReferralNamed`), and a reference the authority
 * used first for one child and later for a sibling is about the child it was made for — never whichever
 * row the database happened to return first.
 */
async function recordedUnder(manager: EntityManager, localAuthority: string, reference: string, referrals: readonly Referral[]): Promise<SocialCareRecordFacts[]> {
  const suis = referrals.flatMap((referral) => (referral.sui === null ? [] : [referral.sui]));
  const rows: RecordedRow[] = await manager.query(
    `${recordedUnderSql("$1", "$2")} AND (cardinality($3::varchar[]) = 0 OR c.sui = ANY($3::varchar[]))
      ORDER BY COALESCE(r.recorded_at, r.received_at), r.received_at, r.id`,
    [localAuthority, reference, suis],
  );
  return rows.map(recordedFacts);
}
