import { type DataSource, type EntityManager } from "typeorm";
import { type StatementWriter } from "../db/statementBatch";
import { matchablePostcodes, reportedByUnrestrictedRecord, unrestrictedBirthDate, unrestrictedSex } from "../people/unrestrictedSource";
import { takeLinkingLock } from "./linkingLock";
import { profileKeys } from "./matching/blockingKeys";
import { type MatchProfile } from "./matching/MatchProfile";
import { profileTerms, TermFrequencies } from "./matching/termFrequencies";

const UNBORN_SEX = "NOT_KNOWN";

const REPLACE = `given_names = EXCLUDED.given_names, family_names = EXCLUDED.family_names, date_of_birth = EXCLUDED.date_of_birth, sex = EXCLUDED.sex, postcodes = EXCLUDED.postcodes`;
// Adding never loses what a concurrent writer added meanwhile: the arrays are merged, not overwritten.
const UNION = `given_names = ARRAY(SELECT DISTINCT unnest(child_match_profile.given_names || EXCLUDED.given_names)),
  family_names = ARRAY(SELECT DISTINCT unnest(child_match_profile.family_names || EXCLUDED.family_names)),
  postcodes = ARRAY(SELECT DISTINCT unnest(child_match_profile.postcodes || EXCLUDED.postcodes))`;

/**
 * Writes profiles and their blocking keys. `replaceKeys` replaces the profiles and drops the children's old keys
 * first (a profile that may have lost a name or an address, after a split); otherwise the profiles
 * are merged with what is stored and only the keys the merged profile has and the stored one had not
 * are added (a key migration rebuilds every child's keys, so the stored profile's keys are stored).
 * `stored` is what the caller already read of these children's profiles under the linking lock
 * (`loadProfiles`); without it they are read here. A rebuild racing a link can drop what the link added
 * until the child's next rebuild: a missed key can only cost a candidate (a review or a new child),
 * never cause a wrong link. `writer`: where the writes go, when not at once (`StatementBatch`).
 */
export async function writeMatchProfiles(manager: EntityManager, profiles: MatchProfile[], replaceKeys: boolean, stored?: ReadonlyMap<string, MatchProfile>, writer: StatementWriter = manager): Promise<void> {
  if (profiles.length === 0) return;
  const ids = profiles.map((profile) => profile.childId);
  const before = stored ?? (await loadProfiles(manager, ids));
  const counts = new TermCounts();
  const keys: string[] = [];
  const children: string[] = [];
  for (const profile of profiles) {
    const was = before.get(profile.childId);
    const after = was === undefined || replaceKeys ? profile : unionOf(was, profile);
    counts.change(was, after);
    const held = new Set(was === undefined || replaceKeys ? [] : profileKeys(was));
    for (const key of new Set(profileKeys(after))) {
      if (held.has(key)) continue;
      keys.push(key);
      children.push(profile.childId);
    }
  }
  await counts.write(writer);
  if (replaceKeys) await writer.query(`DELETE FROM child_match_key WHERE child_id = ANY($1::uuid[])`, [ids]);
  await writer.query(
    `INSERT INTO child_match_profile (child_id, given_names, family_names, date_of_birth, sex, postcodes)
     SELECT x.child_id, x.given_names, x.family_names, x.date_of_birth, x.sex, x.postcodes
     FROM jsonb_to_recordset($1::jsonb) AS x(child_id uuid, given_names text[], family_names text[], date_of_birth date, sex text, postcodes text[])
     ON CONFLICT (child_id) DO UPDATE SET ${replaceKeys ? REPLACE : UNION}`,
    [JSON.stringify(profiles.map((p) => ({ child_id: p.childId, given_names: p.givenNames, family_names: p.familyNames, date_of_birth: p.dateOfBirth, sex: p.sex, postcodes: p.postcodes })))],
  );
  if (keys.length > 0) await writer.query(`INSERT INTO child_match_key (key, child_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`, [keys, children]);
}

/** What the profile upsert's UNION leaves: the names and postcodes of both, the stored date of birth and sex. */
function unionOf(stored: MatchProfile, added: MatchProfile): MatchProfile {
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  return { ...stored, givenNames: union(stored.givenNames, added.givenNames), familyNames: union(stored.familyNames, added.familyNames), postcodes: union(stored.postcodes, added.postcodes) };
}

/**
 * Changes to `child_match_term` (how many children hold each first given name, family name and date of
 * birth), summed for a batch and written in one statement, in term order so that two writers lock rows
 * in the same order. The counts are statistics for the term-frequency adjustment: a count a race leaves
 * one out moves a weight by a fraction of a bit, never a decision's band on its own.
 */
class TermCounts {
  private readonly deltas = new Map<string, number>();

  change(before: MatchProfile | undefined, after: MatchProfile | undefined): void {
    const old = new Set(before === undefined ? [] : profileTerms(before));
    const now = new Set(after === undefined ? [] : profileTerms(after));
    for (const term of now) if (!old.has(term)) this.add(term, 1);
    for (const term of old) if (!now.has(term)) this.add(term, -1);
  }

  private add(term: string, delta: number): void {
    this.deltas.set(term, (this.deltas.get(term) ?? 0) + delta);
  }

  async write(manager: StatementWriter): Promise<void> {
    const changed = [...this.deltas].filter(([, delta]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (changed.length === 0) return;
    await manager.query(
      `INSERT INTO child_match_term (term, children) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (term) DO UPDATE SET children = GREATEST(0, child_match_term.children + EXCLUDED.children)`,
      [changed.map(([term]) => term), changed.map(([, delta]) => delta)],
    );
  }
}

/** How many children hold each of these terms (`termFrequencies.ts`), as the table stands. */
export async function loadTermFrequencies(manager: EntityManager, terms: string[]): Promise<TermFrequencies> {
  if (terms.length === 0) return TermFrequencies.NONE;
  const rows: { term: string; children: number }[] = await manager.query(`SELECT term, children FROM child_match_term WHERE term = ANY($1::text[])`, [terms]);
  return new TermFrequencies(new Map(rows.map((row) => [row.term, row.children])));
}

/** Drops the profiles and keys of children that must never be matched again (merged away). */
export async function dropMatchProfiles(manager: EntityManager, childIds: string[]): Promise<void> {
  if (childIds.length === 0) return;
  const counts = new TermCounts();
  for (const profile of (await loadProfiles(manager, childIds)).values()) counts.change(profile, undefined);
  await counts.write(manager);
  await manager.query(`DELETE FROM child_match_key WHERE child_id = ANY($1::uuid[])`, [childIds]);
  await manager.query(`DELETE FROM child_match_profile WHERE child_id = ANY($1::uuid[])`, [childIds]);
}

interface SourceRow {
  id: string;
  given_names: string[];
  family_names: string[];
  date_of_birth: string | null;
  sex: string | null;
  postcodes: string[];
}

/**
 * Derives the children's profiles from the names and addresses the hub holds for them, and writes them
 * with fresh keys. Only facts that an unrestricted record linked to the child reported count — names,
 * postcodes, the date of birth and sex: a SEALED or BROKERED record contributes nothing outside itself
 * (design principle 8), not even to a child it founded — and a protected location
 * (LOCATION_WITHHELD) is never matched on. The usual name stands in only for a child with no name
 * history at all. Children merged into another get no profile.
 */
export async function rebuildMatchProfiles(manager: EntityManager, childIds: string[]): Promise<void> {
  if (childIds.length === 0) return;
  const rows: SourceRow[] = await manager.query(
    `SELECT c.id, ${unrestrictedBirthDate("c")} AS date_of_birth, ${unrestrictedSex("c")} AS sex,
       ARRAY(SELECT DISTINCT n.given_names FROM child_name n WHERE n.child_id = c.id AND ${reportedByUnrestrictedRecord("n", "c")})
         || CASE WHEN EXISTS (SELECT 1 FROM child_name n WHERE n.child_id = c.id) THEN ARRAY[]::text[] ELSE ARRAY[c.given_names] END AS given_names,
       ARRAY(SELECT DISTINCT n.family_name FROM child_name n WHERE n.child_id = c.id AND ${reportedByUnrestrictedRecord("n", "c")})
         || CASE WHEN EXISTS (SELECT 1 FROM child_name n WHERE n.child_id = c.id) THEN ARRAY[]::text[] ELSE ARRAY[c.family_name] END AS family_names,
       ${matchablePostcodes("c")} AS postcodes
     FROM child c WHERE c.id = ANY($1::uuid[]) AND c.merged_into_id IS NULL`,
    [childIds],
  );
  await writeMatchProfiles(
    manager,
    rows.map((row) => ({
      childId: row.id,
      givenNames: [...new Set(row.given_names)],
      familyNames: [...new Set(row.family_names)],
      dateOfBirth: row.date_of_birth,
      sex: row.sex ?? UNBORN_SEX,
      postcodes: row.postcodes,
    })),
    true,
  );
  const kept = new Set(rows.map((row) => row.id));
  await dropMatchProfiles(manager, childIds.filter((id) => !kept.has(id)));
}

/**
 * Children with no profile yet (known before matching existed, or loaded in bulk) are profiled, a page
 * per transaction under the linking lock, so hub processes starting together share the work instead of
 * repeating it, and nothing holds locks for long.
 */
export async function profileUnprofiledChildren(dataSource: DataSource, pageSize = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      await takeLinkingLock(manager);
      const page: { id: string }[] = await manager.query(
        `SELECT c.id FROM child c WHERE c.merged_into_id IS NULL AND NOT EXISTS (SELECT 1 FROM child_match_profile p WHERE p.child_id = c.id) LIMIT $1`,
        [pageSize],
      );
      await rebuildMatchProfiles(manager, page.map((row) => row.id));
      return page.length;
    });
    if (done === 0) return total;
    total += done;
  }
}

export interface ProfileRow {
  child_id: string;
  given_names: string[];
  family_names: string[];
  date_of_birth: string | null;
  sex: string;
  postcodes: string[];
}

/** The columns of `child_match_profile` as `profileOf` reads them (dates as text: no time-zone shift). */
export const PROFILE_COLUMNS = "child_id, given_names, family_names, date_of_birth::text AS date_of_birth, sex, postcodes";

export function profileOf(row: ProfileRow): MatchProfile {
  return { childId: row.child_id, givenNames: row.given_names, familyNames: row.family_names, dateOfBirth: row.date_of_birth, sex: row.sex, postcodes: row.postcodes };
}

/** The stored profiles of these children, by child id. */
export async function loadProfiles(manager: EntityManager, childIds: string[]): Promise<Map<string, MatchProfile>> {
  if (childIds.length === 0) return new Map();
  const rows: ProfileRow[] = await manager.query(`SELECT ${PROFILE_COLUMNS} FROM child_match_profile WHERE child_id = ANY($1::uuid[])`, [childIds]);
  return new Map(rows.map((row) => [row.child_id, profileOf(row)]));
}
