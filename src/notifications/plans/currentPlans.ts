import { type EntityManager } from "typeorm";
import { RESTRICTING_LABELS } from "../../records/restrictedRecord";
import { type ReportedIdentity } from "../../identity/ReportedIdentity";
import { NEVER_ROUTING_LABELS, OWN_AGENCY_ONLY_LABELS } from "../routing/recordHolders";

/** What a child's plan is: a child protection plan, one made before the child's birth, or a looked-after episode. */
export const PlanKind = {
  CHILD_PROTECTION_PLAN: "CHILD_PROTECTION_PLAN",
  PRE_BIRTH_PLAN: "PRE_BIRTH_PLAN",
  LOOKED_AFTER: "LOOKED_AFTER",
} as const;
export type PlanKind = (typeof PlanKind)[keyof typeof PlanKind];

/** A plan the hub holds for a child: the children's social care record that says it, and the authority whose record it is. */
export interface HeldPlan {
  recordId: string;
  childId: string;
  /** The authority holding the plan: the agency whose social care record it is. */
  agencyCode: string;
  /** That authority's own reference for its record. */
  agencyReference: string;
  kind: PlanKind;
  responsibleLocalAuthority: string;
  startDate: string;
  /** The child as the holding authority itself reported them. */
  identity: ReportedIdentity;
  /** The child's SUI when the holding authority's record was linked by it (the authority reported it); else null. */
  sui: string | null;
  /** The holding authority's own record is SEALED (only with `sealedToo`): it may be told, no one else may learn of the plan. */
  sealed: boolean;
}

/**
 * The plans in force on `on` (YYYY-MM-DD) for these children: each children's social care record
 * linked to the child whose status is a child protection plan or looked after, started and not ended.
 * A plan for a child not yet born (an expected date of birth, no date of birth) is a pre-birth plan.
 * In record order, so a child with plans at two authorities tells both. A plan held under a sealed or
 * brokered record is not one: a restricted record contributes nothing outside itself, its routing
 * included — a setting's receipt would name the authority holding a child with a new identity.
 * With `sealedToo`, a plan under the holding authority's own SEALED record is returned too (`sealed`):
 * the record is visible to its own agency, so the CP-IS duty to tell the plan holder stands for it —
 * the caller tells that authority alone, and its notifier never learns of it (`routing/recordHolders.ts`).
 * A brokered plan never.
 */
export async function currentPlans(manager: EntityManager, childIds: readonly string[], on: string, { sealedToo = false } = {}): Promise<HeldPlan[]> {
  if (childIds.length === 0) return [];
  const rows = await manager.query<{ recordId: string; childId: string; agencyCode: string; agencyReference: string; status: string; unborn: boolean; responsibleLocalAuthority: string; startDate: string; identity: ReportedIdentity; sui: string | null; sealed: boolean }[]>(
    `SELECT r.id AS "recordId", r.child_id AS "childId", r.agency_code AS "agencyCode", r.agency_reference AS "agencyReference", s.status,
            (c.date_of_birth IS NULL AND c.expected_date_of_birth IS NOT NULL) AS unborn, s.responsible_local_authority AS "responsibleLocalAuthority",
            to_char(s.start_date, 'YYYY-MM-DD') AS "startDate", r.reported_identity AS identity,
            CASE WHEN r.link_method = 'SUI' THEN c.sui END AS sui,
            (r.labels && $4::text[]) AS sealed
       FROM agency_record r
       JOIN social_care_record s ON s.record_id = r.id
       JOIN child c ON c.id = r.child_id
      WHERE r.child_id = ANY($1::uuid[]) AND r.link_state = 'LINKED'
        AND s.status IN ('CHILD_PROTECTION_PLAN', 'LOOKED_AFTER')
        AND s.start_date <= $2::date AND (s.end_date IS NULL OR s.end_date >= $2::date)
        AND (NOT (r.labels && $3::text[]) OR ($5::boolean AND (r.labels && $4::text[]) AND NOT (r.labels && $6::text[])))
      ORDER BY r.agency_code, r.id`,
    [childIds, on, RESTRICTING_LABELS, OWN_AGENCY_ONLY_LABELS, sealedToo, NEVER_ROUTING_LABELS],
  );
  return rows.map(({ status, unborn, ...plan }) => ({
    ...plan,
    kind: status === "LOOKED_AFTER" ? PlanKind.LOOKED_AFTER : unborn ? PlanKind.PRE_BIRTH_PLAN : PlanKind.CHILD_PROTECTION_PLAN,
  }));
}
