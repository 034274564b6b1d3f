import { type DataSource } from "typeorm";

/** How a recorder names the child: by its SUI, or — for a child awaiting one — by their own agency's reference for its record. */
export type NamedChild = { sui: string } | { agencyReference: string };

/**
 * The child named, when the caller's agency works with them — it holds a linked record about them —
 * and null otherwise. Only such an agency records an exclusion from the child's file — one with no part
 * in the case could otherwise shut the responsible council's own social workers out of a child on its
 * plan (a wrong refusal a child pays for). The agency knows what it holds, so the answer tells it nothing
 * new; a reference names only the agency's own record, so it reaches no other agency's child.
 */
export async function childAgencyWorksWith(dataSource: DataSource, agency: string, named: NamedChild): Promise<{ id: string; sui: string | null } | null> {
  const linked = `EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = c.id AND r.agency_code = $1 AND r.link_state = 'LINKED'`;
  const [child] = "sui" in named
    ? await dataSource.query<{ id: string; sui: string | null }[]>(`SELECT c.id, c.sui FROM child c WHERE c.sui = $2 AND ${linked})`, [agency, named.sui])
    : await dataSource.query<{ id: string; sui: string | null }[]>(`SELECT c.id, c.sui FROM child c WHERE c.merged_into_id IS NULL AND ${linked} AND r.agency_reference = $2)`, [agency, named.agencyReference]);
  return child ?? null;
}
