import { type DataSource } from "typeorm";

/**
 * The child holding this SUI, when the caller's agency works with them — it holds a linked record about
 * them — and null otherwise. Only such an
 * agency records an exclusion from the child's file — one with no part in the case could otherwise
 * shut the responsible council's own social workers out of a child on its plan (a wrong refusal a
 * child pays for). The agency knows what it holds, so the answer tells it nothing new.
 */
export async function childAgencyWorksWith(dataSource: DataSource, agency: string, sui: string): Promise<string | null> {
  const [child] = await dataSource.query<{ id: string }[]>(
    `SELECT c.id FROM child c WHERE c.sui = $2 AND EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = c.id AND r.agency_code = $1 AND r.link_state = 'LINKED')`,
    [agency, sui],
  );
  return child?.id ?? null;
}
