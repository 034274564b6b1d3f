import { randomUUID } from "node:crypto";
import { forgetAgencyStandings } from "./agencyStandings";
import { type DataSource } from "typeorm";
import { isAgencyCode } from "./agencyCode";
import { DirectoryProblem } from "./DirectoryProblem";
import { type DirectoryLine, type DirectoryLineFault } from "./DirectoryLine";
import { type DirectoryEntry } from "./DirectoryEntry";
import { validateDirectoryEntry } from "./validateDirectoryEntry";
import { type WebhookEndpointRules } from "./webhookEndpoint";
import { Agency } from "./Agency";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntriesInTransaction, type AuditEntryInput } from "../audit/recordAuditEntry";
import { directoryChangeAuditEntry, importOperator } from "./directoryChangeAudit";
import { DirectoryChangeSource } from "./DirectoryChangeSource";
import { ChangePendingError, proposeDirectoryEntry } from "./proposeDirectoryEntry";
import { AgencyTypeFixedError, DirectoryWriteOutcome, writeDirectoryEntry, type DirectoryChange, type DirectoryWrite } from "./writeDirectoryEntry";

/** Undoes an import's writes once a line was refused while writing. */
class RolledBack extends Error {}

export interface DirectoryImportSummary {
  /** False when any line had a fault: then nothing was written. */
  applied: boolean;
  lines: number;
  created: string[];
  updated: string[];
  /** Agencies whose new entry waits for a directory administrator's approval (`proposeDirectoryEntry.ts`). */
  proposed: string[];
  unchanged: number;
  faults: DirectoryLineFault[];
}

/**
 * Brings the directory into line with a set of entries (a CSV file, the demo directory): each entry
 * is checked, then all are written in one transaction through `writeDirectoryEntry`, creating
 * agencies, writing a version for each one changed and nothing for one unchanged. An agency the lines
 * do not mention is left as it is (deactivate one with `active` false).
 *
 * All or nothing: one faulty line and nothing is written. A directory half-applied routes
 * notifications by a state nobody wrote down — a force's new areas without the old force giving them
 * up, say — so the file is corrected and run again instead (unchanged lines then write nothing).
 *
 * Four eyes, as for the API: into a directory that holds agencies, a new agency or a change to any
 * routing field (`routingFields.ts`) is proposed, named by the operator, for a directory administrator
 * to approve (`decideAgencyChange.ts`); only a change to fields that route nothing is written at once.
 * The one exception is the bootstrap: into an empty directory (checked under a lock on the table, so
 * two imports cannot both find it empty) there is nothing to redirect and no administrator's token can
 * be accepted yet — every request's agency must be in the directory — so the entries are written as
 * they stand. The demo directory, written by the hub's own code on a first start, is written as it
 * stands too.
 *
 * On the trail as through the API: each line that creates, updates or proposes writes a
 * `DIRECTORY_CHANGED` entry (`directoryChangeAudit.ts`, the rule `upsertAgency` writes by), the
 * operator as principal, in the transaction that makes the change, and the version or proposal names
 * it (`auditEntryId`). An unchanged line changes nothing and writes none; nor does the demo directory,
 * the hub's own fixture.
 */
export async function importDirectory(
  dataSource: DataSource,
  lines: readonly DirectoryLine[],
  change: Pick<DirectoryChange, "changedBy" | "changedByAgency" | "source">,
  rules: WebhookEndpointRules,
): Promise<DirectoryImportSummary> {
  const faults: DirectoryLineFault[] = [];
  const entries: DirectoryEntry[] = [];
  const firstLineOf = new Map<string, number>();
  for (const line of lines) {
    if ("fault" in line) {
      faults.push(line.fault);
      continue;
    }
    const check = validateDirectoryEntry(line.input, rules);
    const code = line.input.code.trim();
    const named = isAgencyCode(code) ? code : null;
    if ("fault" in check) {
      faults.push({ line: line.line, code: named, ...check.fault });
      continue;
    }
    const first = firstLineOf.get(check.entry.code);
    if (first !== undefined) {
      faults.push({ line: line.line, code: named, field: "code", problem: DirectoryProblem.DUPLICATE_CODE, message: `The code is already on line ${first}: one line per agency.` });
      continue;
    }
    firstLineOf.set(check.entry.code, line.line);
    entries.push(check.entry);
  }
  const summary: DirectoryImportSummary = { applied: false, lines: lines.length, created: [], updated: [], proposed: [], unchanged: 0, faults };
  if (faults.length > 0) return summary;
  const at = new Date();
  // One request: its entries go on one audit chain, in the file's order.
  const requestId = randomUUID();
  const audited = change.source !== DirectoryChangeSource.DEMO;
  // A fault only writing can find (a new type for an agency holding records) is named on its line, and
  // the transaction rolls back: still all or nothing.
  const refused: DirectoryLineFault[] = [];
  await dataSource.transaction(async (manager) => {
    // Blocks other writers of `agency` (not submissions' reads of it) until this import commits.
    await manager.query(`LOCK TABLE "agency" IN SHARE ROW EXCLUSIVE MODE`);
    const bootstrap = change.source === DirectoryChangeSource.DEMO || !(await manager.getRepository(Agency).exists());
    const trail: AuditEntryInput[] = [];
    for (const entry of entries) {
      let written: DirectoryWrite;
      // Named up front: the version or proposal written below names its entry, as the API's do.
      const auditEntryId = audited ? randomUUID() : null;
      try {
        written = bootstrap ? await writeDirectoryEntry(manager, entry, { ...change, auditEntryId, at }) : await proposeDirectoryEntry(manager, entry, { ...change, auditEntryId, at });
      } catch (error) {
        const line = firstLineOf.get(entry.code) ?? 0;
        if (error instanceof AgencyTypeFixedError) refused.push({ line, code: entry.code, field: "type", problem: DirectoryProblem.AGENCY_TYPE_FIXED, message: error.message });
        else if (error instanceof ChangePendingError) refused.push({ line, code: entry.code, field: "code", problem: DirectoryProblem.CHANGE_PENDING, message: error.message });
        else throw error;
        continue;
      }
      if (written.outcome === DirectoryWriteOutcome.CREATED) summary.created.push(written.code);
      else if (written.outcome === DirectoryWriteOutcome.UPDATED) summary.updated.push(written.code);
      else if (written.outcome === DirectoryWriteOutcome.PENDING_APPROVAL) summary.proposed.push(written.code);
      else summary.unchanged += 1;
      if (auditEntryId !== null && written.outcome !== DirectoryWriteOutcome.UNCHANGED) {
        const { code: agencyCode, outcome, version, changedFields } = written;
        trail.push(directoryChangeAuditEntry(requestId, importOperator(change.changedBy, entry), {
          id: auditEntryId, outcome: AuditOutcome.RECORDED, details: { agencyCode, outcome, version, changedFields },
        }));
      }
    }
    if (refused.length > 0) throw new RolledBack();
    // Last, so the transaction holds the audit chain's head only for its commit: the entries and the
    // changes they record commit together or not at all.
    await recordAuditEntriesInTransaction(manager, trail, at);
  }).catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
  if (refused.length > 0) return { ...summary, created: [], updated: [], proposed: [], unchanged: 0, faults: refused };
  // Committed: every request from now on reads the agencies' standing as they now are (`agencyStandings.ts`).
  forgetAgencyStandings(dataSource, [...summary.created, ...summary.updated]);
  summary.applied = true;
  return summary;
}
