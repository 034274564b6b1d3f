import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { AuditOperation } from "../audit/AuditOperation";
import { type AuditEntryInput } from "../audit/recordAuditEntry";
import { type DirectoryEntry } from "./DirectoryEntry";
import { type DirectoryWriteOutcome } from "./writeDirectoryEntry";

/** What a `DIRECTORY_CHANGED` entry says about the change: the agency, what became of it, the version, the fields. Organisational facts only. */
export interface DirectoryChangeFacts {
  agencyCode: string;
  outcome: DirectoryWriteOutcome;
  /** The version the change wrote, or the current one when it wrote none (a proposal: 0 for a new agency). */
  version: number;
  changedFields: (keyof DirectoryEntry)[];
}

/**
 * The trail entry of one change to the directory (`DIRECTORY_CHANGED`), however it came: an
 * administrator's `upsertAgency` or a line of `npm run directory:import`. The one rule both write by,
 * so an import's change reads on the trail as the same change made through the API: no child, no
 * field disclosed, no access context, the facts in `details` (`DirectoryChangeFacts`, or none on a
 * refusal). `id` is given up front when the version or proposal written in the same transaction names it.
 */
export function directoryChangeAuditEntry(
  requestId: string,
  principal: Principal,
  entry: Pick<AuditEntryInput, "id" | "outcome" | "refusal"> & { details: DirectoryChangeFacts | Record<string, never> },
): AuditEntryInput {
  return {
    requestId, principal, operation: AuditOperation.DIRECTORY_CHANGED, access: null, childSuis: [], fieldsDisclosed: [], fieldsWithheld: [],
    policyVersion: null, breakGlass: false, prejudicesInvestigation: false, ...entry, details: { ...entry.details },
  };
}

/**
 * Who made an import's change, as the trail names them: the operator as the import records them
 * (`command:<operating-system user>`, `cli/commandOperator.ts`), acting as a directory administrator.
 * The operator belongs to no agency, and an entry must name one: it names the agency whose entry the
 * line changes (its type as the line states it), so the change is on that agency's IG leads' trail —
 * they answer for where their agency's information goes — as the retention job's work on an agency's
 * records is (`retention:<agency>`). The `command:` subject says it was no member of their staff.
 */
export function importOperator(changedBy: string, entry: DirectoryEntry): Principal {
  return { sub: changedBy, name: changedBy, agency: entry.code, agencyType: entry.type, roles: [Role.DIRECTORY_ADMIN], localAuthority: "", team: null, tokenId: null };
}
