import { type DataSource, type EntityManager } from "typeorm";
import { type ExclusionTerms } from "./excludes";

export type StandingExclusion = ExclusionTerms & { id: string; sui: string };

/**
 * The standing exclusions of these children, in one statement, run whether or not there are any: a
 * caller kept out costs the same statements as a caller with no connection to the child, so neither the
 * answer nor its cost tells them they were named.
 */
export async function loadExclusions(db: DataSource | EntityManager, suis: readonly string[]): Promise<StandingExclusion[]> {
  const rows: { id: string; sui: string; kind: StandingExclusion["kind"]; subject_sub: string | null; agency_code: string | null; team: string | null }[] = await db.query(
    `SELECT id, sui, kind, subject_sub, agency_code, team FROM child_exclusion WHERE sui = ANY($1::text[]) AND lifted_at IS NULL`,
    [[...new Set(suis)]],
  );
  return rows.map((row) => ({ id: row.id, sui: row.sui, kind: row.kind, subjectSub: row.subject_sub, agencyCode: row.agency_code, team: row.team, liftedAt: null }));
}
