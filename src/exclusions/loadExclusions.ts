import { type DataSource, type EntityManager } from "typeorm";
import { type ExclusionTerms } from "./excludes";

export type StandingExclusion = ExclusionTerms & { id: string; sui: string };

/**
 * The standing exclusions of the children that hold these SUIs now (an exclusion is the child's, not the
 * SUI's: `ChildExclusion`), each with the SUI it is asked by, in one statement, run whether or not there are any: a
 * caller kept out costs the same statements as a caller with no connection to the child, so neither the
 * answer nor its cost tells them they were named.
 */
export async function loadExclusions(db: DataSource | EntityManager, suis: readonly string[]): Promise<StandingExclusion[]> {
  const rows: { id: string; sui: string; kind: StandingExclusion["kind"]; subject_sub: string | null; agency_code: string | null; team: string | null }[] = await db.query(
    `SELECT e.id, c.sui, e.kind, e.subject_sub, e.agency_code, e.team FROM child_exclusion e JOIN child c ON c.id = e.child_id WHERE c.sui = ANY($1::text[]) AND e.lifted_at IS NULL`,
    [[...new Set(suis)]],
  );
  return rows.map((row) => ({ id: row.id, sui: row.sui, kind: row.kind, subjectSub: row.subject_sub, agencyCode: row.agency_code, team: row.team, liftedAt: null }));
}
