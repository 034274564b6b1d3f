import { type EntityManager } from "typeorm";

/**
 * The schools the hub holds the child on the roll of now: each education record linked to the child
 * whose roll status is ON_ROLL, by the school whose record it is, in code order. A school the child left
 * (at any point) is not one.
 */
export async function schoolsOnRoll(manager: EntityManager, childId: string): Promise<string[]> {
  const rows = await manager.query<{ agencyCode: string }[]>(
    `SELECT DISTINCT r.agency_code AS "agencyCode" FROM agency_record r JOIN education_record e ON e.record_id = r.id
      WHERE r.child_id = $1 AND r.link_state = 'LINKED' AND e.roll_status = 'ON_ROLL' ORDER BY 1`,
    [childId],
  );
  return rows.map((row) => row.agencyCode);
}
