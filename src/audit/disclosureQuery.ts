import { type DataSource, type SelectQueryBuilder } from "typeorm";
import { type DisclosureCriteria } from "./DisclosureFilter";
import { DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { concealedRouteEntry, trailReach, type TrailReader } from "./trailReach";
import { aboutNoneKeptOut, type KeptOut } from "../exclusions/childrenKeptOut";

/**
 * The audit entries matching the criteria that the IG lead answers for (`trailReach`), and naming no
 * child their exclusions keep them out of (`keptOut`: as for a child the hub does not hold), unordered. An
 * entry a concealed route made (`concealedRouteEntry`) is only its own agency's: in SQL, so counts and pages agree. Each
 * criterion is written so that its index serves it: `@>` on the SUI array uses the GIN index, the rest
 * lead composite indexes with the time.
 */
export function disclosureQuery(dataSource: DataSource, criteria: DisclosureCriteria, reader: TrailReader, keptOut: KeptOut): SelectQueryBuilder<DisclosureAuditEntry> {
  const query = dataSource.getRepository(DisclosureAuditEntry).createQueryBuilder("entry");
  const reach = trailReach(reader, { agency: "entry.principalAgency", suis: "entry.childSuis", concealed: concealedRouteEntry("entry.details") });
  const excluded = aboutNoneKeptOut(keptOut, "entry.childSuis");
  query.where(reach.condition, reach.parameters).andWhere(excluded.condition, excluded.parameters);
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
