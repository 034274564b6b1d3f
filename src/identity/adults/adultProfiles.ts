import { type DataSource, type EntityManager } from "typeorm";
import { takeAdultLinkingLock, takeLinkingLock } from "../linkingLock";
import { profileKeys } from "../matching/blockingKeys";
import { type IdentityFacts } from "../matching/comparisonVector";
import { type MatchProfile } from "../matching/MatchProfile";
import { type MatchWeights, type Score } from "../matching/matchWeights";
import { scoreCandidate } from "../matching/scoreCandidate";

/**
 * Everything the matcher knows of one adult, from the agencies' unrestricted references to them: every
 * name those agencies reported, each date of birth and postcode they gave, the sex. An adult held only
 * through sealed or brokered records has no profile: they are never a candidate.
 */
export interface AdultProfile {
  adultId: string;
  givenNames: string[];
  familyNames: string[];
  datesOfBirth: string[];
  sex: string;
  postcodes: string[];
  /** Every national identifier the adult holds, by scheme: a different value of the same scheme is evidence against. */
  identifiers: Map<string, Set<string>>;
}

/** One `MatchProfile` per date of birth the adult is known by (or one with none), for the children's scorer and key families. */
function asMatchProfiles(profile: AdultProfile): MatchProfile[] {
  const dates = profile.datesOfBirth.length === 0 ? [null] : profile.datesOfBirth;
  return dates.map((dateOfBirth) => ({ childId: profile.adultId, givenNames: profile.givenNames, familyNames: profile.familyNames, dateOfBirth, sex: profile.sex, postcodes: profile.postcodes }));
}

export function adultKeys(profile: AdultProfile): string[] {
  return [...new Set(asMatchProfiles(profile).flatMap(profileKeys))];
}

/**
 * A reported person against an adult: the children's scorer (HUB.md §8: the same comparison levels and
 * weights) against each date of birth the adult is known by, the best counting. No term-frequency
 * adjustment: the hub's adults are too few, and too unlike the population, for their counts to say
 * how common a name is.
 */
export function scoreAdult(weights: MatchWeights, facts: IdentityFacts, profile: AdultProfile): Score {
  let best: Score | null = null;
  for (const candidate of asMatchProfiles(profile)) {
    const score = scoreCandidate(weights, facts, candidate);
    if (best === null || score.score > best.score) best = score;
  }
  return best as Score;
}

interface ProfileRow {
  adult_id: string;
  sex: string;
  dates: string[];
  postcodes: string[];
  names: { given_names: string; family_name: string }[];
  identifiers: { scheme: string; value: string }[];
}

/**
 * The profiles of these adults (live, not merged away), by id. A name counts only when an agency
 * reported it through a reference that is not restricted, and not as a name only its restricted records
 * gave (`AdultName.restricted`: a sealed record's new identity of someone the agency also holds openly
 * must never match or explain them to others); a date of birth or postcode only from such a reference.
 */
export async function loadAdultProfiles(manager: EntityManager, adultIds: readonly string[]): Promise<Map<string, AdultProfile>> {
  if (adultIds.length === 0) return new Map();
  const rows: ProfileRow[] = await manager.query(
    `SELECT a.id AS adult_id, COALESCE(max(i.sex), a.sex) AS sex,
       COALESCE(array_agg(DISTINCT i.date_of_birth::text) FILTER (WHERE i.date_of_birth IS NOT NULL), '{}') AS dates,
       COALESCE(array_agg(DISTINCT i.postcode) FILTER (WHERE i.postcode IS NOT NULL), '{}') AS postcodes,
       COALESCE((SELECT json_agg(json_build_object('given_names', n.given_names, 'family_name', n.family_name)) FROM adult_name n
                 WHERE n.adult_id = a.id AND NOT n.restricted AND EXISTS (SELECT 1 FROM adult_identifier r WHERE r.adult_id = a.id AND r.agency_code = n.reported_by AND NOT r.restricted)), '[]') AS names,
       COALESCE((SELECT json_agg(json_build_object('scheme', x.scheme, 'value', x.value)) FROM adult_national_identifier x WHERE x.adult_id = a.id), '[]') AS identifiers
     FROM adult a JOIN adult_identifier i ON i.adult_id = a.id AND NOT i.restricted
     WHERE a.id = ANY($1::uuid[]) AND a.merged_into_id IS NULL
     GROUP BY a.id`,
    [adultIds],
  );
  return new Map(rows.map((row) => [row.adult_id, profileOf(row)]));
}

function profileOf(row: ProfileRow): AdultProfile {
  const identifiers = new Map<string, Set<string>>();
  for (const { scheme, value } of row.identifiers) identifiers.set(scheme, (identifiers.get(scheme) ?? new Set()).add(value));
  return {
    adultId: row.adult_id,
    givenNames: [...new Set(row.names.map((name) => name.given_names))],
    familyNames: [...new Set(row.names.map((name) => name.family_name))],
    datesOfBirth: row.dates,
    sex: row.sex,
    postcodes: row.postcodes,
    identifiers,
  };
}

/** Replaces these adults' blocking keys with what their profiles now give (none for an adult merged away or held only through restricted records). */
export async function rekeyAdults(manager: EntityManager, adultIds: readonly string[]): Promise<void> {
  if (adultIds.length === 0) return;
  const profiles = await loadAdultProfiles(manager, adultIds);
  await manager.query(`DELETE FROM adult_match_key WHERE adult_id = ANY($1::uuid[])`, [adultIds]);
  const keys: string[] = [];
  const adults: string[] = [];
  for (const profile of profiles.values()) {
    for (const key of adultKeys(profile)) {
      keys.push(key);
      adults.push(profile.adultId);
    }
  }
  if (keys.length > 0) await manager.query(`INSERT INTO adult_match_key (key, adult_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`, [keys, adults]);
}

/**
 * Adults held before adults were matched across agencies have no keys: they are keyed at start-up, a
 * page per transaction under the linking locks (so hub processes starting together share the work).
 */
export async function keyUnkeyedAdults(dataSource: DataSource, pageSize = 2000): Promise<number> {
  let total = 0;
  // In id order from where the last page ended: an adult whose names give no key is not read again.
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await dataSource.transaction(async (manager) => {
      await takeLinkingLock(manager);
      await takeAdultLinkingLock(manager);
      const rows: { id: string }[] = await manager.query(
        `SELECT a.id FROM adult a WHERE a.id > $2 AND a.merged_into_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM adult_match_key k WHERE k.adult_id = a.id)
           AND EXISTS (SELECT 1 FROM adult_identifier i WHERE i.adult_id = a.id AND NOT i.restricted)
         ORDER BY a.id LIMIT $1`,
        [pageSize, after],
      );
      await rekeyAdults(manager, rows.map((row) => row.id));
      return rows;
    });
    if (page.length === 0) return total;
    total += page.length;
    after = page[page.length - 1].id;
  }
}
