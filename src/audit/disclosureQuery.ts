import { type DataSource, type SelectQueryBuilder } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AgencyType } from "../directory/AgencyType";
import { type DisclosureCriteria } from "./DisclosureFilter";
import { DisclosureAuditEntry } from "./DisclosureAuditEntry";

/** The IG lead the trail is read for: their agency and its type and local authority. */
export type TrailReader = Pick<Principal, "agency" | "agencyType" | "localAuthority">;

/**
 * The audit entries matching the criteria that the IG lead answers for, unordered. Each criterion is
 * written so that its index serves it: `@>` on the SUI array uses the GIN index, the rest lead
 * composite indexes with the time.
 *
 * An IG lead answers for their own agency's use of the hub and for the children it holds information
 * about, not for the whole hub: every entry made by their agency's staff; every entry about a child
 * their agency holds a record about; and, for children's services, every entry about a child with an
 * address in their authority (as records that are not sealed or brokered report it). Another agency's
 * reads of other children — who looked, and the justification they wrote — are not theirs to read.
 */
export function disclosureQuery(dataSource: DataSource, criteria: DisclosureCriteria, reader: TrailReader): SelectQueryBuilder<DisclosureAuditEntry> {
  const query = dataSource.getRepository(DisclosureAuditEntry).createQueryBuilder("entry");
  const reach = [
    "entry.principalAgency = :readerAgency",
    `EXISTS (SELECT 1 FROM child c JOIN agency_record r ON r.child_id = c.id
       WHERE c.sui = ANY(entry.childSuis) AND r.agency_code = :readerAgency AND r.link_state = 'LINKED')`,
  ];
  if (reader.agencyType === AgencyType.CHILDRENS_SOCIAL_CARE) {
    reach.push(`EXISTS (SELECT 1 FROM child c JOIN child_address a ON a.child_id = c.id JOIN agency_record r ON r.id = a.source_record_id
       WHERE c.sui = ANY(entry.childSuis) AND a.local_authority = :readerLocalAuthority AND NOT (r.labels && ARRAY['SEALED', 'BROKERED']::text[]))`);
  }
  query.where(`(${reach.join(" OR ")})`, { readerAgency: reader.agency, readerLocalAuthority: reader.localAuthority });
  if (criteria.childSui !== undefined) query.andWhere("entry.childSuis @> ARRAY[:childSui]::text[]", { childSui: criteria.childSui });
  if (criteria.principalSub !== undefined) query.andWhere("entry.principalSub = :principalSub", { principalSub: criteria.principalSub });
  if (criteria.agency !== undefined) query.andWhere("entry.principalAgency = :agency", { agency: criteria.agency });
  if (criteria.purpose !== undefined) query.andWhere("entry.purpose = :purpose", { purpose: criteria.purpose });
  if (criteria.outcome !== undefined) query.andWhere("entry.outcome = :outcome", { outcome: criteria.outcome });
  if (criteria.operation !== undefined) query.andWhere("entry.operation = :operation", { operation: criteria.operation });
  if (criteria.breakGlass !== undefined) query.andWhere(criteria.breakGlass ? "entry.breakGlass" : "NOT entry.breakGlass");
  if (criteria.from !== undefined) query.andWhere("entry.occurredAt >= :from", { from: criteria.from });
  if (criteria.to !== undefined) query.andWhere("entry.occurredAt < :to", { to: criteria.to });
  return query;
}

/** Newest first; the id breaks ties between entries written in the same millisecond. */
export function newestFirst(query: SelectQueryBuilder<DisclosureAuditEntry>): SelectQueryBuilder<DisclosureAuditEntry> {
  return query.orderBy("entry.occurredAt", "DESC").addOrderBy("entry.id", "DESC");
}
