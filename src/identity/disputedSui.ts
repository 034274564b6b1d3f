import { type EntityManager } from "typeorm";
import { type ReportedIdentity } from "./ReportedIdentity";
import { identityFacts } from "./linkRecords";
import { loadProfiles } from "./matchProfiles";
import { type DateLevel } from "./matching/comparisonLevels";
import { type ScoredCandidate } from "./matching/decideLink";
import { type MatchWeights } from "./matching/matchWeights";
import { scoreCandidate } from "./matching/scoreCandidate";

/** Dates of birth that are still the same date misrecorded: a day and month swapped, one digit wrong. */
const SAME_DATE = new Set<DateLevel>(["EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT"]);

/**
 * The child a record's SUI names, scored against the identity the record reported, when that identity
 * cannot be the child's: the hub knows the child, and the record gives another date of birth and a
 * given name that is not the child's in any form the matcher knows (a sibling's or a stranger's NHS
 * number typed in; a system claiming a child it does not hold). Linking such a record by its SUI would
 * open the child's file to the agency and show another child's record as this one's, so it is held for
 * a data steward instead, like a doubtful match. A nickname, a child known by another name with the
 * same date of birth, a date with its day and month swapped or one digit wrong all still link.
 *
 * Sealed and brokered records are not asked: a new identity is meant to disagree with the old one, and
 * what they report reaches no one else.
 */
export async function disputedSui(manager: EntityManager, sui: string, identity: ReportedIdentity, weights: MatchWeights): Promise<ScoredCandidate | null> {
  if (identity.dateOfBirth === null) return null;
  const [child] = await manager.query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1 AND merged_into_id IS NULL`, [sui]);
  if (child === undefined) return null;
  const profile = (await loadProfiles(manager, [child.id])).get(child.id);
  if (profile === undefined || profile.dateOfBirth === null) return null;
  const score = scoreCandidate(weights, identityFacts(identity), profile);
  const disputed = !SAME_DATE.has(score.levels.dateOfBirth) && score.levels.givenNames === "DIFFERENT";
  return disputed ? { childId: child.id, ...score } : null;
}
