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

/** One affected disclosure as the trail holds it, and the agencies party to it: its recipient's and those whose records went out. */
export interface AffectedDisclosure {
  id: string;
  principalSub: string;
  principalAgency: string;
  lawfulBasis: string | null;
  childSuis: string[];
  fieldsDisclosed: string[];
  parties: string[];
}

/**
 * The disclosures among these ids the trail holds as having disclosed something, each with the agencies
 * party to it — the recipient's and the agencies whose records went out (`details.recordIds`) — in the
 * order they happened. One statement, whatever the ids name.
 */
export async function loadAffectedDisclosures(dataSource: DataSource, ids: readonly string[]): Promise<AffectedDisclosure[]> {
  if (ids.length === 0) return [];
  const rows: { id: string; principal_sub: string; principal_agency: string; lawful_basis: string | null; child_suis: string[]; fields_disclosed: string[]; owners: string[] | null }[] = await dataSource.query(
    `SELECT d.id, d.principal_sub, d.principal_agency, d.lawful_basis, d.child_suis, d.fields_disclosed,
       (SELECT array_agg(DISTINCT r.agency_code) FROM agency_record r WHERE r.id::text IN (SELECT jsonb_array_elements_text(COALESCE(d.details->'recordIds', '[]')))) AS owners
     FROM disclosure_audit d WHERE d.id = ANY($1::uuid[]) AND d.outcome = $2 ORDER BY d.occurred_at, d.id`,
    [[...ids], AuditOutcome.DISCLOSED],
  );
  return rows.map((row) => ({
    id: row.id, principalSub: row.principal_sub, principalAgency: row.principal_agency, lawfulBasis: row.lawful_basis, childSuis: row.child_suis,
    fieldsDisclosed: row.fields_disclosed, parties: [...new Set([row.principal_agency, ...(row.owners ?? [])])],
  }));
}

/**
 * What a breach concerns, from its disclosures: the children they were about (and any named beside
 * them), who received them, the agencies to tell — every party to each — and whether any was Part 3
 * data (stated on the lawful basis LAW_ENFORCEMENT, or police content), which is reported under DPA
 * 2018 s.67.
 */
export function summariseDisclosures(disclosures: readonly AffectedDisclosure[], extraSuis: readonly string[] = []): AffectedDisclosures {
  const recipients = new Map<string, BreachRecipient>();
  for (const disclosure of disclosures) recipients.set(`${disclosure.principalAgency}\u0000${disclosure.principalSub}`, { sub: disclosure.principalSub, agency: disclosure.principalAgency });
  return {
    disclosureIds: disclosures.map((disclosure) => disclosure.id),
    childSuis: [...new Set([...extraSuis, ...disclosures.flatMap((disclosure) => disclosure.childSuis)])].sort(),
    recipients: [...recipients.values()],
    agenciesToTell: [...new Set(disclosures.flatMap((disclosure) => disclosure.parties))].sort(),
    lawEnforcement: disclosures.some((disclosure) => disclosure.lawfulBasis === "LAW_ENFORCEMENT" || disclosure.fieldsDisclosed.some((path) => path.startsWith("police["))),
  };
}

/** The disclosures a breach concerns, read from the audit trail (only entries that disclosed something), summarised for the breach record. */
export async function affectedDisclosures(dataSource: DataSource, ids: readonly string[], extraSuis: readonly string[] = []): Promise<AffectedDisclosures> {
  return summariseDisclosures(await loadAffectedDisclosures(dataSource, ids), extraSuis);
}
