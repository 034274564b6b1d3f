import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { decodeCursor, encodeCursor, pageSize } from "../graphql/pagination";
import { Purpose } from "../policy/Purpose";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { toAuditEntry, type AuditEntry } from "./AuditEntry";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { describeCriteria, validateDisclosureFilter, type DisclosureFilter } from "./DisclosureFilter";
import { disclosureQuery, newestFirst } from "./disclosureQuery";

export interface DisclosurePage {
  entries: AuditEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Entries matching the filter, across all pages. */
  totalCount: number;
}

const CURSOR_KIND = "disclosure";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `disclosures(filter, first, after)` (HUB.md §5, IG only): audit entries matching the filter, newest
 * first, a page at a time. The cursor is the last entry's (time, id), so a page never shifts when new
 * entries arrive while the IG lead reads.
 */
export async function listDisclosures(
  dataSource: DataSource,
  principal: Principal,
  requestId: string,
  filter: DisclosureFilter | null | undefined,
  first?: number | null,
  after?: string | null,
  now = new Date(),
): Promise<DisclosurePage> {
  const criteria = validateDisclosureFilter(filter);
  const size = pageSize(first);
  const position = cursorPosition(after);
  return auditedIgRead(
    dataSource,
    principal,
    requestId,
    {
      action: AuditAction.QUERY,
      operation: AuditOperation.AUDIT_QUERY,
      purpose: Purpose.INFORMATION_GOVERNANCE,
      justification: "Information governance review of the disclosure audit.",
      childSuis: criteria.childSui === undefined ? [] : [criteria.childSui],
      details: { filter: describeCriteria(criteria), first: size, after: after ?? null },
      outcome: AuditOutcome.DISCLOSED,
    },
    async () => {
      const matching = disclosureQuery(dataSource, criteria);
      const totalCount = await matching.clone().getCount();
      if (position !== null) {
        matching.andWhere("(entry.occurredAt, entry.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))", { at: position.occurredAt, id: position.id });
      }
      const rows = await newestFirst(matching).limit(size + 1).getMany();
      const page = rows.slice(0, size).map(toAuditEntry);
      const last = page.at(-1);
      return {
        result: {
          entries: page,
          hasNextPage: rows.length > size,
          endCursor: last === undefined ? null : encodeCursor(CURSOR_KIND, `${last.occurredAt.toISOString()}|${last.id}`),
          totalCount,
        },
        childSuis: page.flatMap((entry) => entry.childSuis),
        details: { returned: page.length, totalCount },
      };
    },
    now,
  );
}

function cursorPosition(after: string | null | undefined): { occurredAt: Date; id: string } | null {
  const key = decodeCursor(CURSOR_KIND, after);
  if (key === null) return null;
  const [at = "", id = ""] = key.split("|");
  const occurredAt = new Date(at);
  if (Number.isNaN(occurredAt.getTime()) || !UUID.test(id)) {
    throw new HubError(ErrorCode.INVALID_INPUT, "The `after` cursor is not one this list returned.", { path: "after" });
  }
  return { occurredAt, id };
}
