import { type DataSource } from "typeorm";

/**
 * Whether the caller's agency works with the child: it holds a linked record about them. Only such an
 * agency records an exclusion from the child's file — one with no part in the case could otherwise
 * shut the responsible council's own social workers out of a child on its plan (a wrong refusal a
 * child pays for). The agency knows what it holds, so the answer tells it nothing new.
 */
export async function agencyWorksWithChild(dataSource: DataSource, agency: string, sui: string): Promise<boolean> {
  const [{ works }] = await dataSource.query<{ works: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM agency_record r JOIN child c ON c.id = r.child_id WHERE r.agency_code = $1 AND c.sui = $2 AND r.link_state = 'LINKED') AS works`,
    [agency, sui],
  );
  return works;
}
