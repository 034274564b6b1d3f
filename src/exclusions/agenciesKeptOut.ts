import { type DataSource, type EntityManager } from "typeorm";
import { ExclusionKind } from "./ChildExclusion";

/** An agency a standing AGENCY exclusion keeps out of a child, and who answers for the exclusion. */
export interface AgencyKeptOut {
  agencyCode: string;
  /** The child the exclusion is of (the survivor, where the child named was merged into it). */
  childId: string;
  /** The SUI that child holds now; null for a child awaiting one. */
  sui: string | null;
  /** The agency whose CSC manager or IG lead recorded the exclusion: its IG leads answer for a duty it stops. */
  recordedByAgency: string;
}

/**
 * Which of these agencies a standing AGENCY exclusion keeps out of which of these children (by id, or
 * a child each was merged into at any depth: `hub_children_covered`, as `keptOutCondition` matches them): `excludesAgency`, the one
 * rule, as a query — a standing exclusion of kind AGENCY naming the agency. For the paths that would send something about the children to an agency as a whole —
 * routing a notification, escalating an overdue delivery to the agency's IG leads — so the excluded
 * agency is never addressed at all. A STAFF or TEAM exclusion keeps no agency out: the agency is still
 * told, and its named staff are kept out as the delivery leaves. One statement, always sent.
 */
export async function agenciesKeptOut(db: DataSource | EntityManager, childIds: readonly string[], agencyCodes: readonly string[]): Promise<AgencyKeptOut[]> {
  const rows: { agency_code: string; child_id: string; sui: string | null; recorded_by_agency: string }[] = await db.query(
    `SELECT DISTINCT x.agency_code, x.child_id, c.sui, x.recorded_by_agency FROM child_exclusion x JOIN child c ON c.id = x.child_id
      WHERE x.lifted_at IS NULL AND x.kind = $3 AND x.agency_code = ANY($2::text[])
        AND EXISTS (SELECT 1 FROM hub_children_covered(x.child_id) covered(id) WHERE covered.id = ANY($1::uuid[]))
      ORDER BY x.agency_code, x.child_id, x.recorded_by_agency`,
    [[...new Set(childIds)], [...new Set(agencyCodes)], ExclusionKind.AGENCY],
  );
  return rows.map((row) => ({ agencyCode: row.agency_code, childId: row.child_id, sui: row.sui, recordedByAgency: row.recorded_by_agency }));
}
