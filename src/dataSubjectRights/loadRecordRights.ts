import { type ProcessingRestriction, type RecordRights, type SupplementaryStatement } from "./RecordRights";

/**
 * The statements on, and the restrictions in force over, the linked records of the child whose id is
 * the SQL expression `childId`: a subquery of the child's own statement (`disclosure/loadChildFile`), so
 * loading them adds no statement, and a child the hub does not hold costs what one it holds does.
 */
export const RECORD_RIGHTS_SQL = (childId: string) => `
  SELECT 'statement' AS kind, s.id, s.record_id, s.field, s.statement AS text, s.agency_code, s.attached_at AS at,
         NULL::text AS restriction_kind, NULL::text AS ground, NULL::text[] AS allowed_purposes
    FROM supplementary_statement s JOIN agency_record r ON r.id = s.record_id
   WHERE r.child_id = ${childId} AND r.link_state = 'LINKED'
  UNION ALL
  SELECT 'restriction', p.id, p.record_id, p.field, NULL, NULL, p.restricted_at, p.kind, p.ground, p.allowed_purposes
    FROM processing_restriction p JOIN agency_record r ON r.id = p.record_id
   WHERE r.child_id = ${childId} AND r.link_state = 'LINKED' AND p.status = 'IN_FORCE'`;

export interface RecordRightsRow {
  kind: "statement" | "restriction";
  id: string;
  record_id: string;
  field: string | null;
  text: string | null;
  agency_code: string | null;
  at: Date | string;
  restriction_kind: ProcessingRestriction["kind"] | null;
  ground: ProcessingRestriction["ground"] | null;
  allowed_purposes: ProcessingRestriction["allowedPurposes"] | null;
}

export function recordRightsFrom(rows: readonly RecordRightsRow[]): RecordRights {
  const statements: SupplementaryStatement[] = [];
  const restrictions: ProcessingRestriction[] = [];
  for (const row of rows) {
    if (row.kind === "statement") {
      statements.push({ id: row.id, recordId: row.record_id, field: row.field, statement: row.text ?? "", agencyCode: row.agency_code ?? "", attachedAt: new Date(row.at) });
    } else {
      restrictions.push({
        id: row.id, recordId: row.record_id, field: row.field, kind: row.restriction_kind ?? "RESTRICTION", ground: row.ground ?? "ACCURACY_CONTESTED",
        allowedPurposes: row.allowed_purposes ?? [], restrictedAt: new Date(row.at),
      });
    }
  }
  return { statements, restrictions };
}
