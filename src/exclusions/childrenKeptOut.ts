import { type DataSource, type EntityManager } from "typeorm";
import { type ExcludableCaller, excludes, STAFF_AGENCY_SQL } from "./excludes";
import { type StandingExclusion } from "./loadExclusions";

/** The children a caller is kept out of, as the hub knows them: by id, and by the SUI each holds now. */
export interface KeptOut {
  childIds: string[];
  suis: string[];
}

/**
 * Every child whose file a standing exclusion keeps this caller out of (`excludes`, the one rule), with
 * the children merged into each, at any depth (`hub_children_covered`, migration 46: the one definition
 * of what an exclusion covers, shared with `keptOutCondition`) — a retired child's history is the
 * survivor's file. For the surfaces that read about children by the hundred (the trail, IG alerts,
 * subject access, stewards' views, search):
 * each leaves these children out, so that to an excluded caller the child is one the hub does not hold.
 * One statement, sent for every caller whether or not anything names them, so its cost tells nobody
 * they were named.
 */
export async function childrenKeptOut(db: DataSource | EntityManager, caller: ExcludableCaller): Promise<KeptOut> {
  const rows: { id: string; kind: StandingExclusion["kind"]; subject_sub: string | null; agency_code: string | null; team: string | null; child_id: string; sui: string | null }[] = await db.query(
    `SELECT n.id, n.kind, n.subject_sub, ${STAFF_AGENCY_SQL("n")} AS agency_code, n.team, c.id AS child_id, c.sui
       FROM child_exclusion n CROSS JOIN LATERAL hub_children_covered(n.child_id) covered(id) JOIN child c ON c.id = covered.id
      WHERE n.lifted_at IS NULL AND (n.subject_sub = $1 OR n.agency_code = $2)`,
    [caller.sub, caller.agency],
  );
  const kept = rows.filter((row) => excludes({ kind: row.kind, subjectSub: row.subject_sub, agencyCode: row.agency_code, team: row.team, liftedAt: null }, caller));
  return {
    childIds: [...new Set(kept.map((row) => row.child_id))],
    suis: [...new Set(kept.flatMap((row) => (row.sui === null ? [] : [row.sui])))],
  };
}

/**
 * A SQL condition over a row naming children (`suis`, an expression giving their SUIs): true when it
 * names none the caller is kept out of. A row about such a child — an audit entry, an IG alert — says who
 * looked at the child and why, so it is not theirs to read.
 */
export function aboutNoneKeptOut(keptOut: KeptOut, suis: string): { condition: string; parameters: { keptOutSuis: string[] } } {
  return { condition: `NOT (CAST(${suis} AS text[]) && CAST(:keptOutSuis AS text[]))`, parameters: { keptOutSuis: keptOut.suis } };
}

/**
 * A SQL condition over a row naming one child by id (`childId`, an expression: an IG alert's child): true
 * when the caller is not kept out of it. Matched by the child, so a child awaiting an SUI is covered too.
 */
export function aboutChildNotKeptOut(keptOut: KeptOut, childId: string): { condition: string; parameters: { keptOutChildIds: string[] } } {
  return { condition: `NOT (${childId} = ANY(CAST(:keptOutChildIds AS uuid[])))`, parameters: { keptOutChildIds: keptOut.childIds } };
}
