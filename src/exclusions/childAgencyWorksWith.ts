import { type DataSource } from "typeorm";

/** How a recorder names the child: by its SUI, or — for a child awaiting one — by their own agency's reference for its record. */
export type NamedChild = { sui: string } | { agencyReference: string };

/** The child an exclusion is recorded for, and whether the recording agency works with them. */
export interface ChildNamed {
  id: string;
  sui: string | null;
  /** The agency holds a linked record about the child. */
  worksWith: boolean;
}

/**
 * The child named, and whether the caller's agency works with them — holds a linked record about them
 * — or null when the hub holds no such child. An agency keeps its own staff out only of a child it works
 * with (or leads for); one with no part in the case learns nothing by asking, as it is refused the same
 * way for a child the hub does not hold. A reference names only the agency's own record, so it reaches
 * no other agency's child. One statement, always sent.
 */
export async function childAgencyWorksWith(dataSource: DataSource, agency: string, named: NamedChild): Promise<ChildNamed | null> {
  const linked = `EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = c.id AND r.agency_code = $1 AND r.link_state = 'LINKED'`;
  const [child] = "sui" in named
    ? await dataSource.query<ChildNamed[]>(`SELECT c.id, c.sui, ${linked}) AS "worksWith" FROM child c WHERE c.sui = $2`, [agency, named.sui])
    : await dataSource.query<ChildNamed[]>(`SELECT c.id, c.sui, true AS "worksWith" FROM child c WHERE c.merged_into_id IS NULL AND ${linked} AND r.agency_reference = $2)`, [agency, named.agencyReference]);
  return child ?? null;
}
