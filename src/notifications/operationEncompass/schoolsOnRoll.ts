import { type EntityManager } from "typeorm";
import { RESTRICTING_LABELS } from "../../records/restrictedRecord";

/**
 * The schools the hub holds the child on the roll of now: each education record linked to the child
 * whose roll status is ON_ROLL, by the school whose record it is, in code order. A school the child left
 * (at any point) is not one. Nor is a school holding the child under a sealed or brokered record: a
 * restricted record contributes nothing outside itself, its routing included — the force's receipt
 * would name the school a child with a new identity attends.
 */
export async function schoolsOnRoll(manager: EntityManager, childId: string): Promise<string[]> {
  const rows = await manager.query<{ agencyCode: string }[]>(
    `SELECT DISTINCT r.agency_code AS "agencyCode" FROM agency_record r JOIN education_record e ON e.record_id = r.id
      WHERE r.child_id = $1 AND r.link_state = 'LINKED' AND e.roll_status = 'ON_ROLL' AND NOT (r.labels && $2::text[]) ORDER BY 1`,
    [childId, RESTRICTING_LABELS],
  );
  return rows.map((row) => row.agencyCode);
}
