import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { type GovernanceServices } from "./governanceAccess";
import { describeCriteria, validateDisclosureFilter, type DisclosureFilter } from "./DisclosureFilter";
import { disclosureQuery, newestFirst } from "./disclosureQuery";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { trailAsRead } from "./trailAsRead";
import { exportDisclosuresCsv } from "./exportDisclosuresCsv";
import { exportDisclosuresFhir } from "./exportDisclosuresFhir";

export const ExportFormat = {
  CSV: "CSV",
  /** A FHIR R4 Bundle of AuditEvent resources. */
  FHIR_AUDIT_EVENT: "FHIR_AUDIT_EVENT",
} as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];

export interface DisclosureExport {
  contentType: string;
  content: string;
  /** Entries in the export. */
  count: number;
  /** False when more entries matched than `limit`: narrow the filter (e.g. by time) and export again. */
  complete: boolean;
}

/** An export is built in memory: this bounds it. A month for one child is far below it. */
export const MAX_EXPORT_ENTRIES = 10_000;

const CONTENT_TYPE: Record<ExportFormat, string> = {
  [ExportFormat.CSV]: "text/csv; charset=utf-8; header=present",
  [ExportFormat.FHIR_AUDIT_EVENT]: "application/fhir+json; fhirVersion=4.0",
};

/**
 * Exports the entries matching the filter, newest first, as CSV or FHIR R4 AuditEvent JSON (HUB.md
 * §7; scenario 10). IG only, and audited as AUDIT_EXPORT with the filter and the row count: an export
 * leaves the hub's control, so the trail records exactly what left.
 */
export async function exportDisclosures(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  filter: DisclosureFilter | null | undefined,
  format: ExportFormat,
  limit: number,
  now = new Date(),
): Promise<DisclosureExport> {
  const criteria = validateDisclosureFilter(filter);
  if (format !== ExportFormat.CSV && format !== ExportFormat.FHIR_AUDIT_EVENT) {
    throw new HubError(ErrorCode.INVALID_INPUT, "`format` must be CSV or FHIR_AUDIT_EVENT.", { path: "format" });
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_ENTRIES) {
    throw new HubError(ErrorCode.INVALID_INPUT, `\`limit\` must be from 1 to ${MAX_EXPORT_ENTRIES}.`, { path: "limit" });
  }
  const { dataSource } = services;
  return auditedIgRead(
    services,
    principal,
    requestId,
    access,
    {
      action: AuditAction.EXPORT,
      operation: AuditOperation.AUDIT_EXPORT,
      childSuis: criteria.childSui === undefined ? [] : [criteria.childSui],
      details: { filter: describeCriteria(criteria), format, limit },
      outcome: AuditOutcome.DISCLOSED,
    },
    async () => {
      const rows = await newestFirst(disclosureQuery(dataSource, criteria, principal, await childrenKeptOut(dataSource, principal))).limit(limit + 1).getMany();
      const entries = await trailAsRead(dataSource, principal, rows.slice(0, limit));
      const content = format === ExportFormat.CSV ? exportDisclosuresCsv(entries) : JSON.stringify(exportDisclosuresFhir(entries, now));
      const complete = rows.length <= limit;
      return {
        result: { contentType: CONTENT_TYPE[format], content, count: entries.length, complete },
        childSuis: entries.flatMap((entry) => entry.childSuis),
        details: { count: entries.length, complete },
      };
    },
    now,
  );
}
