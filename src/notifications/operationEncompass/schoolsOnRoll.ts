import { type EntityManager } from "typeorm";
import { NEVER_ROUTING_LABELS, OWN_AGENCY_ONLY_LABELS, type RecordHolder } from "../routing/recordHolders";

/**
 * The schools the hub holds the child on the roll of now: each education record linked to the child
 * whose roll status is ON_ROLL, by the school whose record it is, in code order. A school the child left
 * (at any point) is not one. A school holding the child only under its own SEALED record (a child
 * enrolled under a new identity) is one, marked `sealed`: it is told, in its own record's terms, and
 * nobody else learns of it (`routing/recordHolders.ts`). A brokered record is never one.
 */
export async function schoolsOnRoll(manager: EntityManager, childId: string): Promise<RecordHolder[]> {
  return manager.query<RecordHolder[]>(
    `SELECT r.agency_code AS "agencyCode", bool_and(r.labels && $3::text[]) AS sealed,
            (array_agg(r.agency_reference ORDER BY r.agency_reference))[1] AS "agencyReference",
            (array_agg(r.reported_identity ORDER BY r.agency_reference))[1] AS identity,
            (array_agg(CASE WHEN r.link_method = 'SUI' THEN c.sui END ORDER BY r.agency_reference))[1] AS sui
       FROM agency_record r JOIN education_record e ON e.record_id = r.id JOIN child c ON c.id = r.child_id
      WHERE r.child_id = $1 AND r.link_state = 'LINKED' AND e.roll_status = 'ON_ROLL' AND NOT (r.labels && $2::text[])
      GROUP BY r.agency_code ORDER BY 1`,
    [childId, NEVER_ROUTING_LABELS, OWN_AGENCY_ONLY_LABELS],
  );
}
