import { type Principal } from "../auth/Principal";
import { pageSize, TimeAndIdCursor } from "../graphql/pagination";
import { type AccessContext } from "../policy/AccessContext";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { type AuditEntry } from "./AuditEntry";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { type GovernanceServices } from "./governanceAccess";
import { describeCriteria, validateDisclosureFilter, type DisclosureFilter } from "./DisclosureFilter";
import { disclosureQuery, newestFirst } from "./disclosureQuery";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { trailAsRead } from "./trailAsRead";

export interface DisclosurePage {
  entries: AuditEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Entries matching the filter, across all pages. */
  totalCount: number;
}

/** The last entry's (time, id); decoded strictly, and checked at the edge before this runs. */
export const DISCLOSURES_CURSOR = new TimeAndIdCursor("disclosure");

/**
 * `disclosures(filter, access, first, after)` (HUB.md §5, IG only): audit entries matching the filter, newest
 * first, a page at a time. The cursor is the last entry's (time, id), so a page never shifts when new
 * entries arrive while the IG lead reads.
 */
export async function listDisclosures(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  filter: DisclosureFilter | null | undefined,
  first?: number | null,
  after?: string | null,
  now = new Date(),
): Promise<DisclosurePage> {
  const criteria = validateDisclosureFilter(filter);
  const size = pageSize(first);
  const position = DISCLOSURES_CURSOR.decode(after);
  const { dataSource } = services;
  return auditedIgRead(
    services,
    principal,
    requestId,
    access,
    {
      action: AuditAction.QUERY,
      operation: AuditOperation.AUDIT_QUERY,
      childSuis: criteria.childSui === undefined ? [] : [criteria.childSui],
      details: { filter: describeCriteria(criteria), first: size, after: after ?? null },
      outcome: AuditOutcome.DISCLOSED,
    },
    async () => {
      const matching = disclosureQuery(dataSource, criteria, principal, await childrenKeptOut(dataSource, principal));
      const totalCount = await matching.clone().getCount();
      if (position !== null) {
        matching.andWhere("(entry.occurredAt, entry.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))", { at: position.at, id: position.id });
      }
      const rows = await newestFirst(matching).limit(size + 1).getMany();
      const page = await trailAsRead(dataSource, principal, rows.slice(0, size));
      const last = page.at(-1);
      return {
        result: {
          entries: page,
          hasNextPage: rows.length > size,
          endCursor: last === undefined ? null : DISCLOSURES_CURSOR.encode({ at: last.occurredAt, id: last.id }),
          totalCount,
        },
        childSuis: page.flatMap((entry) => entry.childSuis),
        details: { returned: page.length, totalCount },
      };
    },
    now,
  );
}
