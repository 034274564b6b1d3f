import { type DataSource, type EntityManager } from "typeorm";
import { AuditOutcome } from "../audit/AuditOutcome";
import { DISCLOSING_OPERATIONS } from "../audit/AuditOperation";
import { type RightsTarget } from "./heldRecord";

/**
 * UK GDPR Art 19 (DPA 2018 s.46(5), s.47(5)): the agencies to whom the target was disclosed, from the
 * trail itself — every disclosing entry about the child whose disclosed fields include the fact (or any
 * fact of the whole record) — other than the agency that holds it. They are told of the rectification,
 * restriction or erasure; the entry of the decision names them, so the trail says who they are.
 */
export async function art19Recipients(db: DataSource | EntityManager, target: RightsTarget): Promise<string[]> {
  if (target.record.sui === null) return [];
  const rows = await db.query<{ agency: string }[]>(
    `SELECT DISTINCT a.principal_agency AS agency
       FROM disclosure_audit a
      WHERE a.child_suis @> ARRAY[$1]::text[] AND a.outcome = $2 AND a.operation = ANY($3::text[]) AND a.principal_agency <> $4
        AND EXISTS (SELECT 1 FROM unnest(a.fields_disclosed) f WHERE f = $5 OR left(f, length($5) + 1) = $5 || '.')
      ORDER BY 1`,
    [target.record.sui, AuditOutcome.DISCLOSED, [...DISCLOSING_OPERATIONS], target.record.agencyCode, target.path],
  );
  return rows.map((row) => row.agency);
}
