import { forgetAgencyStandings } from "./agencyStandings";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntry } from "../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../errors/HubError";
import { Agency } from "./Agency";
import { changedFields, DIRECTORY_ENTRY_FIELDS, directoryEntryOf, type DirectoryEntry } from "./DirectoryEntry";
import { DirectoryChangeSource } from "./DirectoryChangeSource";
import { directoryChangeAuditEntry } from "./directoryChangeAudit";
import { DIRECTORY_ACCESS_RULE, DirectoryAction, mayUseDirectory } from "./directoryAccess";
import { validateDirectoryEntry, type DirectoryEntryInput } from "./validateDirectoryEntry";
import { type WebhookEndpointRules } from "./webhookEndpoint";
import { type AgencyChangeProposal } from "./AgencyChangeProposal";
import { proposeDirectoryEntry } from "./proposeDirectoryEntry";
import { needsSecondApproval } from "./routingFields";
import { DirectoryWriteOutcome } from "./writeDirectoryEntry";

export interface AgencyChangeReceipt {
  entry: DirectoryEntry;
  outcome: DirectoryWriteOutcome;
  version: number;
  changedFields: (keyof DirectoryEntry)[];
  auditEntryId: string;
  /** The pending proposal when the change waits for a second administrator (`outcome` PENDING_APPROVAL). */
  proposal: AgencyChangeProposal | null;
}

/**
 * A directory administrator creates or changes one agency's entry. Audited before it takes effect,
 * as a consent decision is: the entry (`DIRECTORY_CHANGED`, `RECORDED`) names the agency, the version
 * the change makes and the fields it changes, and the version names the entry back. A refused caller
 * is audited too (`REFUSED`, `FORBIDDEN`). The version is decided against the entry the
 * administrator's change was compared with: if another change lands between the two, this one is
 * refused with CONFLICT (its audit entry then records an attempt that wrote nothing) rather than
 * written over a version nobody compared it with.
 *
 * Four eyes: a new agency, or a change to any field that decides where children's information goes
 * (`routingFields.ts`), is not written but proposed (`PENDING_APPROVAL`, `proposeDirectoryEntry.ts`)
 * until a second, different administrator approves it (`decideAgencyChange.ts`); a change to the
 * name or the police force area's label alone applies at once.
 */
export async function upsertAgency(
  dataSource: DataSource,
  principal: Principal,
  requestId: string,
  input: DirectoryEntryInput,
  rules: WebhookEndpointRules,
  now = new Date(),
): Promise<AgencyChangeReceipt> {
  const audit = (entry: Parameters<typeof directoryChangeAuditEntry>[2]) => recordAuditEntry(dataSource, directoryChangeAuditEntry(requestId, principal, entry), now);
  if (!mayUseDirectory(principal, DirectoryAction.CHANGE)) {
    await audit({ outcome: AuditOutcome.REFUSED, refusal: { code: ErrorCode.FORBIDDEN, problem: null, rule: DIRECTORY_ACCESS_RULE }, details: {} });
    throw new HubError(ErrorCode.FORBIDDEN, "Only directory administrators may change the agency directory.", { rule: DIRECTORY_ACCESS_RULE });
  }
  const check = validateDirectoryEntry(input, rules);
  if ("fault" in check) throw new HubError(ErrorCode.INVALID_INPUT, check.fault.message, { path: `agency.${check.fault.field}`, problem: check.fault.problem });
  const { entry } = check;

  const current = await dataSource.getRepository(Agency).findOneBy({ code: entry.code });
  const before = current === null ? null : directoryEntryOf(current);
  const planned = before === null ? [...DIRECTORY_ENTRY_FIELDS] : changedFields(before, entry);
  const expectedVersion = current?.version ?? 0;
  const pending = needsSecondApproval(planned, before === null);
  const version = planned.length === 0 || pending ? expectedVersion : expectedVersion + 1;
  const outcome = pending
    ? DirectoryWriteOutcome.PENDING_APPROVAL
    : before === null ? DirectoryWriteOutcome.CREATED : planned.length === 0 ? DirectoryWriteOutcome.UNCHANGED : DirectoryWriteOutcome.UPDATED;
  // On the trail before the directory routes anything by it.
  const receipt = await audit({ outcome: AuditOutcome.RECORDED, details: { agencyCode: entry.code, outcome, version, changedFields: planned } });
  const written = await dataSource.transaction((manager) =>
    proposeDirectoryEntry(manager, entry, {
      changedBy: principal.sub, changedByAgency: principal.agency, source: DirectoryChangeSource.API, auditEntryId: receipt.id, at: now, expectedVersion,
    }),
  );
  // Committed: every request from now on reads the agency's standing as it now is (`agencyStandings.ts`).
  if (written.proposal === null) forgetAgencyStandings(dataSource, [entry.code]);
  return { entry, outcome: written.outcome, version: written.version, changedFields: written.changedFields, auditEntryId: receipt.id, proposal: written.proposal };
}
