import { type EntityManager } from "typeorm";
import { type AgencyType } from "../directory/AgencyType";
import { SensitivityLabel } from "../records/SensitivityLabel";

/** An agency type holding a record of a candidate: only that it does, never what the record says. */
export interface AgencyTypeHolding {
  agencyType: AgencyType;
  /** Held under a BROKERED record: contact that agency, which decides what to share (its restricted involvement). */
  restrictedInvolvement: boolean;
}

/**
 * Which agency types hold records of each child: never a sealed record (it contributes nothing outside
 * itself, not even its existence), a brokered one only as restricted involvement. Records awaiting a
 * steward's review are nobody's (`child_id` null) and so count for no one.
 */
export async function agencyTypesHolding(manager: EntityManager, childIds: string[]): Promise<Map<string, AgencyTypeHolding[]>> {
  const held = new Map<string, AgencyTypeHolding[]>(childIds.map((id) => [id, []]));
  if (childIds.length === 0) return held;
  const rows: { child_id: string; type: AgencyType; brokered: boolean }[] = await manager.query(
    `SELECT DISTINCT r.child_id, a.type, ($2 = ANY(r.labels)) AS brokered
     FROM agency_record r JOIN agency a ON a.code = r.agency_code
     WHERE r.child_id = ANY($1::uuid[]) AND NOT ($3 = ANY(r.labels))
     ORDER BY a.type, brokered`,
    [childIds, SensitivityLabel.BROKERED, SensitivityLabel.SEALED],
  );
  for (const row of rows) held.get(row.child_id)?.push({ agencyType: row.type, restrictedInvolvement: row.brokered });
  return held;
}
