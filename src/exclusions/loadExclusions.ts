import { type DataSource, type EntityManager } from "typeorm";
import { type ExclusionTerms } from "./excludes";

export type StandingExclusion = ExclusionTerms & { id: string; sui: string };

/**
 * The standing exclusions of the children whose SUI satisfies the SQL condition `suiMatches` (on the
 * column `sui`), as rows for `standingExclusionFrom`: a subquery of the child's own statement
 * (`disclosure/loadChildFile`), so the governed read learns who is kept out at no statement of its own.
 */
export const STANDING_EXCLUSIONS_SQL = (suiMatches: string) =>
  `SELECT id, sui, kind, subject_sub, agency_code, team FROM child_exclusion WHERE ${suiMatches} AND lifted_at IS NULL`;

export interface StandingExclusionRow {
  id: string; sui: string; kind: StandingExclusion["kind"]; subject_sub: string | null; agency_code: string | null; team: string | null;
}

export function standingExclusionFrom(row: StandingExclusionRow): StandingExclusion {
  return { id: row.id, sui: row.sui, kind: row.kind, subjectSub: row.subject_sub, agencyCode: row.agency_code, team: row.team, liftedAt: null };
}

/**
 * The standing exclusions of some children, in one statement, run whether or not there are any: a
 * caller kept out costs the same statements as a caller with no connection to the child, so neither the
 * answer nor its cost tells them they were named.
 */
export async function loadExclusions(db: DataSource | EntityManager, suis: readonly string[]): Promise<StandingExclusion[]> {
  const rows: StandingExclusionRow[] = await db.query(STANDING_EXCLUSIONS_SQL("sui = ANY($1::text[])"), [[...new Set(suis)]]);
  return rows.map(standingExclusionFrom);
}
