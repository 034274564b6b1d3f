import { type EntityManager } from "typeorm";
import { queryKeys, type PostcodeKeying } from "../identity/matching/blockingKeys";
import { type IdentityFacts } from "../identity/matching/comparisonVector";
import { type MatchProfile } from "../identity/matching/MatchProfile";
import { profileOf, type ProfileRow } from "../identity/matchProfiles";
import { RESTRICTING_LABELS } from "../records/restrictedRecord";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { type AddressText } from "./addressText";
import { type BirthSearch } from "./birthDates";

/** What the hub is asked to find, in the matcher's terms. */
export interface CandidateQuery {
  facts: IdentityFacts;
  birth: BirthSearch;
  /** Free address text: its postcode is in `facts` (unless a postcode was given too); its first line is compared with each candidate's addresses. */
  address: AddressText | null;
  /** How finely the postcode may find a child: no finer than the searcher is shown a candidate's address (`criteriaShown.ts`). */
  postcodeKeying: PostcodeKeying;
  sui: string | null;
  agencyReference: { agencyCode: string; reference: string } | null;
}

/**
 * Blocking keys of a search: the linker's own (`queryKeys`, so the date of birth is looked up as given,
 * with day and month swapped and a day either side), and for a range every day in it; the postcode only
 * as finely as `postcodeKeying` allows (a searcher shown the district finds by the district). A search that
 * gives no key (a family name and a sex; a date of birth alone) has no candidates short of reading the
 * registry: it is too wide by construction.
 */
export function searchKeys(query: CandidateQuery): string[] {
  const keys = new Set(queryKeys(query.facts, query.postcodeKeying));
  if (query.birth?.kind === "RANGE") for (const date of query.birth.days) for (const key of queryKeys({ ...query.facts, dateOfBirth: date }, query.postcodeKeying)) keys.add(key);
  return [...keys];
}

/**
 * The children a search could be about, with their match profiles. Only children with a profile: a
 * profile and its keys hold only what unrestricted records reported (no sealed or brokered record's
 * name, address or date, no withheld location: `identity/matchProfiles.ts`), so a sealed alias or a
 * refuge postcode finds nobody, exactly as a search for nobody does. An SUI or an agency's reference
 * narrows to the child it names — an agency's reference only from a record neither sealed nor brokered.
 * Whatever the criteria, a child is a candidate only while a record that is not sealed reports them: a
 * child the hub knows only under a sealed identity has a (factless) profile, and its SUI would
 * otherwise find it — telling the searcher the new identity exists, and binding a referral to it.
 * `limit`: more blocked children than this and the search is too wide (`candidates` is null).
 *
 * The children the searcher is kept out of (`keptOutChildIds`, `exclusions/childrenKeptOut`) are not
 * among the candidates and do not count towards the limit, so that whether they exist changes neither
 * the answer nor "too wide"; they are read apart (`keptOut`, at most as many as there are), only so
 * that the attempt can be alerted to IG. Both statements are sent for every search.
 */
export async function findCandidates(manager: EntityManager, query: CandidateQuery, keys: string[], limit: number, keptOutChildIds: readonly string[]): Promise<{ candidates: Candidate[] | null; keptOut: Candidate[] }> {
  const read = async (statement: { sql: string; values: unknown[] }): Promise<Candidate[]> =>
    (await manager.query<(ProfileRow & { sui: string | null })[]>(statement.sql, statement.values)).map((row) => ({ profile: profileOf(row), sui: row.sui }));
  const [candidates, keptOut] = await Promise.all([
    read(candidateStatement(query, keys, limit, { without: keptOutChildIds })),
    read(candidateStatement(query, keys, keptOutChildIds.length, { among: keptOutChildIds })),
  ]);
  return { candidates: candidates.length > limit ? null : candidates, keptOut };
}

/** A candidate's profile, and the SUI a `child` read opens it by (null while the child awaits one). */
export interface Candidate {
  profile: MatchProfile;
  sui: string | null;
}

/** Which children a candidate statement reads: all but some, or only some. */
export type CandidateChildren = { without: readonly string[] } | { among: readonly string[] };

/** A statement that reads a search's candidates (at most `limit` + 1 rows), as `findCandidates` sends it and a benchmark explains it. */
export function candidateStatement(query: CandidateQuery, keys: string[], limit: number, children: CandidateChildren = { without: [] }): { sql: string; values: unknown[] } {
  const identified = query.sui !== null || query.agencyReference !== null;
  const conditions: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (!identified) conditions.push(`p.child_id IN (SELECT k.child_id FROM child_match_key k WHERE k.key = ANY(${bind(keys)}::text[]))`);
  if (query.sui !== null) conditions.push(`p.child_id IN (SELECT c.id FROM child c WHERE c.sui = ${bind(query.sui)} AND c.merged_into_id IS NULL)`);
  if (query.agencyReference !== null) {
    conditions.push(
      `p.child_id IN (SELECT r.child_id FROM agency_record r WHERE r.agency_code = ${bind(query.agencyReference.agencyCode)} AND r.agency_reference = ${bind(query.agencyReference.reference)}
         AND r.child_id IS NOT NULL AND NOT (r.labels && ${bind(RESTRICTING_LABELS)}::text[]))`,
    );
  }
  conditions.push("without" in children ? `NOT (p.child_id = ANY(${bind(children.without)}::uuid[]))` : `p.child_id = ANY(${bind(children.among)}::uuid[])`);
  // A sealed record contributes nothing outside itself, not even that the child it names exists.
  conditions.push(`EXISTS (SELECT 1 FROM agency_record s WHERE s.child_id = p.child_id AND NOT (${bind(SensitivityLabel.SEALED)} = ANY(s.labels)))`);
  const sql = `SELECT p.child_id, p.given_names, p.family_names, p.date_of_birth::text AS date_of_birth, p.sex, p.postcodes, c.sui
     FROM child_match_profile p JOIN child c ON c.id = p.child_id
     WHERE ${conditions.join(" AND ")} LIMIT ${bind(limit + 1)}`;
  return { sql, values };
}
