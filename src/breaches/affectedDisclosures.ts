import { type DataSource } from "typeorm";
import { AuditOutcome } from "../audit/AuditOutcome";
import { type BreachRecipient } from "./PersonalDataBreach";

/** What the trail says went out, for a breach record. */
export interface AffectedDisclosures {
  disclosureIds: string[];
  childSuis: string[];
  recipients: BreachRecipient[];
  agenciesToTell: string[];
  lawEnforcement: boolean;
}

/**
 * The disclosures a breach concerns, read from the audit trail (only entries that disclosed something):
 * the children they were about, who received them, the agencies to tell — the recipients' and the
 * agencies whose records went out (`details.recordIds`) — and whether any was Part 3 data (stated on
 * the lawful basis LAW_ENFORCEMENT, or police content), which is reported under DPA 2018 s.67.
 */
export async function affectedDisclosures(dataSource: DataSource, ids: readonly string[], extraSuis: readonly string[] = []): Promise<AffectedDisclosures> {
  const rows: { id: string; principal_sub: string; principal_agency: string; lawful_basis: string | null; child_suis: string[]; fields_disclosed: string[]; owners: string[] | null }[] = ids.length === 0 ? [] : await dataSource.query(
    `SELECT d.id, d.principal_sub, d.principal_agency, d.lawful_basis, d.child_suis, d.fields_disclosed,
       (SELECT array_agg(DISTINCT r.agency_code) FROM agency_record r WHERE r.id::text IN (SELECT jsonb_array_elements_text(COALESCE(d.details->'recordIds', '[]')))) AS owners
     FROM disclosure_audit d WHERE d.id = ANY($1::uuid[]) AND d.outcome = $2 ORDER BY d.occurred_at, d.id`,
    [[...ids], AuditOutcome.DISCLOSED],
  );
  const recipients = new Map<string, BreachRecipient>();
  for (const row of rows) recipients.set(`${row.principal_agency}\u0000${row.principal_sub}`, { sub: row.principal_sub, agency: row.principal_agency });
  return {
    disclosureIds: rows.map((row) => row.id),
    childSuis: [...new Set([...extraSuis, ...rows.flatMap((row) => row.child_suis)])].sort(),
    recipients: [...recipients.values()],
    agenciesToTell: [...new Set(rows.flatMap((row) => [row.principal_agency, ...(row.owners ?? [])]))].sort(),
    lawEnforcement: rows.some((row) => row.lawful_basis === "LAW_ENFORCEMENT" || row.fields_disclosed.some((path) => path.startsWith("police["))),
  };
}
