import { type EntityManager } from "typeorm";
import { type AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "../policy/AccessContext";
import { SensitivityLabel } from "../records/SensitivityLabel";

/** An agency type holding a record of a candidate: only that it does, never what the record says. */
export interface AgencyTypeHolding {
  agencyType: AgencyType;
  /** Held under a BROKERED record: contact that agency, which decides what to share (its restricted involvement). */
  restrictedInvolvement: boolean;
}

/**
 * Which agency types hold records of each child: never a sealed record (it contributes nothing outside
 * itself, not even its existence), a brokered one only as restricted involvement — and not even that
 * while a restriction or objection over the whole record is in force for a purpose it does not allow
 * (break-glass always sees it), as `child` withholds the signal then (`dataSubjectRights/applyRecordRights`).
 * Records awaiting a steward's review are nobody's (`child_id` null) and so count for no one.
 */
export async function agencyTypesHolding(manager: EntityManager, childIds: string[], access: Pick<AccessContext, "purpose" | "breakGlass">): Promise<Map<string, AgencyTypeHolding[]>> {
  const held = new Map<string, AgencyTypeHolding[]>(childIds.map((id) => [id, []]));
  if (childIds.length === 0) return held;
  const rows: { child_id: string; type: AgencyType; brokered: boolean }[] = await manager.query(
    `SELECT DISTINCT r.child_id, a.type, ($2 = ANY(r.labels)) AS brokered
     FROM agency_record r JOIN agency a ON a.code = r.agency_code
     WHERE r.child_id = ANY($1::uuid[]) AND NOT ($3 = ANY(r.labels))
       AND NOT ($2 = ANY(r.labels) AND NOT $5::boolean AND EXISTS (
         SELECT 1 FROM processing_restriction p
          WHERE p.record_id = r.id AND p.field IS NULL AND p.status = 'IN_FORCE' AND NOT ($4 = ANY(p.allowed_purposes))))
     ORDER BY a.type, brokered`,
    [childIds, SensitivityLabel.BROKERED, SensitivityLabel.SEALED, access.purpose, access.breakGlass],
  );
  for (const row of rows) held.get(row.child_id)?.push({ agencyType: row.type, restrictedInvolvement: row.brokered });
  return held;
}
