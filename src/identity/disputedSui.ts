import { type EntityManager } from "typeorm";
import { type ReportedIdentity } from "./ReportedIdentity";
import { identityFacts } from "./linkRecords";
import { loadProfiles } from "./matchProfiles";
import { BORN_WITHIN_DAYS_OF_EXPECTED, type DateLevel } from "./matching/comparisonLevels";
import { type MatchProfile } from "./matching/MatchProfile";
import { type ScoredCandidate } from "./matching/decideLink";
import { type MatchWeights } from "./matching/matchWeights";
import { scoreCandidate } from "./matching/scoreCandidate";

/** Dates of birth that are still the same date misrecorded: a day and month swapped, one digit wrong. */
const SAME_DATE = new Set<DateLevel>(["EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT"]);


/**
 * The child a record's SUI names, scored against the identity the record reported, when that identity
 * cannot be the child's: the hub knows the child, and the record gives another date of birth (or an
 * expected date of birth for a child born long before or after it) and a given name that is not the
 * child's in any form the matcher knows (a sibling's or a stranger's NHS number typed in; a system
 * claiming a child it does not hold). Linking such a record by its SUI would open the child's file to
 * the agency and show another child's record as this one's, so it is held for a data steward instead,
 * like a doubtful match. A nickname, a child known by another name with the same date of birth, a date
 * with its day and month swapped or one digit wrong all still link.
 *
 * Sealed and brokered records are asked too: a record that is sealed still founds its own agency's
 * connection with the child its SUI names, and a new identity comes with a new NHS number, not another
 * child's.
 */
export async function disputedSui(manager: EntityManager, sui: string, identity: ReportedIdentity, weights: MatchWeights): Promise<ScoredCandidate | null> {
  if (identity.dateOfBirth === null && identity.expectedDateOfBirth === null) return null;
  const [child] = await manager.query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1 AND merged_into_id IS NULL`, [sui]);
  if (child === undefined) return null;
  return disputedAgainst((await loadProfiles(manager, [child.id])).get(child.id), identity, weights);
}

/** `disputedSui` given the match profile of the child the SUI names (none: a child not profiled, never disputed). */
export function disputedAgainst(profile: MatchProfile | undefined, identity: ReportedIdentity, weights: MatchWeights): ScoredCandidate | null {
  if (identity.dateOfBirth === null && identity.expectedDateOfBirth === null) return null;
  if (profile === undefined || profile.dateOfBirth === null) return null;
  const score = scoreCandidate(weights, identityFacts(identity), profile);
  const anotherBirth = identity.dateOfBirth !== null
    ? !SAME_DATE.has(score.levels.dateOfBirth)
    : daysBetween(identity.expectedDateOfBirth as string, profile.dateOfBirth) > BORN_WITHIN_DAYS_OF_EXPECTED;
  const disputed = anotherBirth && score.levels.givenNames === "DIFFERENT";
  return disputed ? { childId: profile.childId, ...score } : null;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}
