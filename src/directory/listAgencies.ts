import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { entryForCaller } from "./directoryAccess";
import { Agency } from "./Agency";
import { type AgencyType } from "./AgencyType";

export interface AgencyFilter {
  type?: AgencyType | null;
  localAuthority?: string | null;
  includeInactive?: boolean | null;
}

export interface AgencyPage {
  agencies: Agency[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * The directory in code order, a page at a time. It holds organisations only, no personal data; another
 * agency's webhook endpoint is left out (`directoryAccess.ts`).
 */
export async function listAgencies(dataSource: DataSource, principal: Principal, filter: AgencyFilter, limit: number, afterCode: string | null): Promise<AgencyPage> {
  const query = dataSource.getRepository(Agency).createQueryBuilder("agency");
  if (filter.type) query.andWhere("agency.type = :type", { type: filter.type });
  if (filter.localAuthority) query.andWhere("agency.local_authority = :la", { la: filter.localAuthority });
  if (filter.includeInactive !== true) query.andWhere("agency.active = true");
  const totalCount = await query.getCount();
  if (afterCode !== null) query.andWhere("agency.code > :after", { after: afterCode });
  const rows = await query.orderBy("agency.code", "ASC").take(limit + 1).getMany();
  return { agencies: rows.slice(0, limit).map((agency) => entryForCaller(principal, agency)), hasNextPage: rows.length > limit, totalCount };
}
