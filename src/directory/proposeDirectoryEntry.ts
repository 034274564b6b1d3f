import { type EntityManager } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { Agency } from "./Agency";
import { AgencyChangeProposal, AgencyChangeStatus } from "./AgencyChangeProposal";
import { agencyHoldsRecords } from "./agencyHoldsRecords";
import { changedFields, DIRECTORY_ENTRY_FIELDS, directoryEntryOf, type DirectoryEntry } from "./DirectoryEntry";
import { DirectoryProblem } from "./DirectoryProblem";
import { needsSecondApproval } from "./routingFields";
import { AgencyTypeFixedError, directoryConflict, DirectoryWriteOutcome, writeDirectoryEntry, type DirectoryChange, type DirectoryWrite } from "./writeDirectoryEntry";

export interface DirectoryProposal extends DirectoryWrite {
  /** The pending proposal, when the change waits for a second administrator. */
  proposal: AgencyChangeProposal | null;
}

/**
 * A change by one administrator (or an import's operator), in the caller's transaction: a change only
 * to fields that route nothing is written at once (`writeDirectoryEntry`); a new agency or a change to
 * any routing field (`routingFields.ts`) is held as a pending `AgencyChangeProposal` for a second,
 * different administrator (`decideAgencyChange.ts`), and routing keeps reading the current version.
 * The whole entry waits, its harmless fields too, so the version an approval writes is exactly the
 * entry the approver read. A type the hub's records fix is refused now, not at approval.
 */
export async function proposeDirectoryEntry(manager: EntityManager, entry: DirectoryEntry, change: DirectoryChange & { at: Date }): Promise<DirectoryProposal> {
  const current = await manager.getRepository(Agency).createQueryBuilder("agency").setLock("pessimistic_write").where("agency.code = :code", { code: entry.code }).getOne();
  const currentVersion = current?.version ?? 0;
  if (change.expectedVersion !== undefined && change.expectedVersion !== currentVersion) throw directoryConflict(entry.code);
  const before = current === null ? null : directoryEntryOf(current);
  const changed = before === null ? [...DIRECTORY_ENTRY_FIELDS] : changedFields(before, entry);
  if (!needsSecondApproval(changed, before === null)) return { ...(await writeDirectoryEntry(manager, entry, change)), proposal: null };
  if (before !== null && entry.type !== before.type && (await agencyHoldsRecords(manager, entry.code))) throw new AgencyTypeFixedError(entry.code, before.type);
  // One pending proposal per agency (a unique partial index): a new agency has no row to lock, so the index decides between two.
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(AgencyChangeProposal)
    .values({
      agencyCode: entry.code, baseVersion: currentVersion, entry, changedFields: changed, status: AgencyChangeStatus.PENDING, source: change.source,
      proposedBy: change.changedBy, proposedByAgency: change.changedByAgency, proposedAt: change.at, proposalAuditEntryId: change.auditEntryId ?? null,
    })
    .orIgnore()
    .returning(["id"])
    .execute();
  const [row] = inserted.raw as { id: string }[];
  if (row === undefined) throw new ChangePendingError(entry.code);
  const proposal = await manager.getRepository(AgencyChangeProposal).findOneByOrFail({ id: row.id });
  return { code: entry.code, outcome: DirectoryWriteOutcome.PENDING_APPROVAL, version: currentVersion, changedFields: changed, proposal };
}

/** Another change to the agency's routing fields waits already: approve or reject it first. */
export class ChangePendingError extends HubError {
  constructor(readonly agencyCode: string) {
    super(ErrorCode.CONFLICT, `A change to agency ${agencyCode} already waits for a second directory administrator: approve or reject it (pendingAgencyChanges) first.`, {
      path: "agency.code",
      problem: DirectoryProblem.CHANGE_PENDING,
    });
    this.name = "ChangePendingError";
  }
}
