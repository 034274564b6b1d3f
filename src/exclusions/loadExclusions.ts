import { type DataSource, type EntityManager } from "typeorm";
import { STAFF_AGENCY_SQL, type ExclusionTerms } from "./excludes";

export type StandingExclusion = ExclusionTerms & { id: string; childId: string; sui: string };

/**
 * The standing exclusions of the children satisfying the SQL condition `children` (on the child `c`),
 * each with the SUI the child holds now (an exclusion is the child's, not the SUI's: `ChildExclusion`),
 * as rows for `standingExclusionFrom`. Also a subquery of the child's own statement
 * (`disclosure/loadChildFile`), so the governed read learns who is kept out at no statement of its own.
 */
export const STANDING_EXCLUSIONS_SQL = (children: string) =>
  `SELECT e.id, e.child_id, c.sui, e.kind, e.subject_sub, ${STAFF_AGENCY_SQL("e")} AS agency_code, e.team FROM child_exclusion e JOIN child c ON c.id = e.child_id WHERE ${children} AND e.lifted_at IS NULL`;

export interface StandingExclusionRow {
  id: string; child_id: string; sui: string | null; kind: StandingExclusion["kind"]; subject_sub: string | null; agency_code: string | null; team: string | null;
}

export function standingExclusionFrom(row: StandingExclusionRow): Omit<StandingExclusion, "sui"> & { sui: string | null } {
  return { id: row.id, childId: row.child_id, sui: row.sui, kind: row.kind, subjectSub: row.subject_sub, agencyCode: row.agency_code, team: row.team, liftedAt: null };
}

/**
 * The standing exclusions of the children that hold these SUIs now, each with the SUI it is asked by, in
 * one statement, run whether or not there are any: a caller kept out costs the same statements as a
 * caller with no connection to the child, so neither the answer nor its cost tells them they were named.
 */
export function loadExclusions(db: DataSource | EntityManager, suis: readonly string[]): Promise<StandingExclusion[]> {
  return standing(db, `c.sui = ANY($1::text[])`, [...new Set(suis)]) as Promise<StandingExclusion[]>;
}

/**
 * The same for children named by id, awaiting an SUI or not (`sui` is then null), as a row stored
 * earlier names them (a delivery's `child_ids`): an exclusion of a child covers every child merged into
 * it, at any depth (`hub_children_covered`, as `childrenKeptOut` and `keptOutCondition` read it), so a
 * child merged away since keeps the exclusion that moved to its survivor. Walked from the children
 * named up to their survivors (by primary key), never over every standing exclusion: this runs for each
 * webhook sent and each acknowledgement. Each exclusion is returned with the child that holds it now.
 */
export function loadExclusionsOfChildren(db: DataSource | EntityManager, childIds: readonly string[]): Promise<(Omit<StandingExclusion, "sui"> & { sui: string | null })[]> {
  return standing(db, `c.id IN (WITH RECURSIVE survivors(id) AS (
      SELECT unnest($1::uuid[]) UNION SELECT m.merged_into_id FROM child m JOIN survivors s ON m.id = s.id WHERE m.merged_into_id IS NOT NULL)
    SELECT id FROM survivors)`, [...new Set(childIds)]);
}

async function standing(db: DataSource | EntityManager, children: string, keys: string[]): Promise<(Omit<StandingExclusion, "sui"> & { sui: string | null })[]> {
  const rows: StandingExclusionRow[] = await db.query(STANDING_EXCLUSIONS_SQL(children), [keys]);
  return rows.map(standingExclusionFrom);
}
