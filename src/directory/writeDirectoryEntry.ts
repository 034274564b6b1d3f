import { forgetAgencyStandings } from "./agencyStandings";
import canonicalize from "canonicalize";
import { type EntityManager } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { Agency } from "./Agency";
import { agencyHoldsRecords } from "./agencyHoldsRecords";
import { AgencyVersion } from "./AgencyVersion";
import { type DirectoryChangeSource } from "./DirectoryChangeSource";
import { changedFields, DIRECTORY_ENTRY_FIELDS, directoryEntryOf, type DirectoryEntry } from "./DirectoryEntry";
import { DirectoryProblem } from "./DirectoryProblem";

/** Who is changing the directory, and how. */
export interface DirectoryChange {
  changedBy: string;
  changedByAgency: string | null;
  source: DirectoryChangeSource;
  auditEntryId?: string | null;
  /** For an approved proposal: the second administrator, and the proposal. */
  approval?: { approvedBy: string; approvedByAgency: string | null; proposalId: string };
  /** When the new version takes effect; now by default. */
  at?: Date;
  /**
   * The version the changer saw (0: no such agency). When the directory has moved on since, the change
   * is refused with CONFLICT rather than written over a version its author never read.
   */
  expectedVersion?: number;
}

export const DirectoryWriteOutcome = {
  CREATED: "CREATED",
  UPDATED: "UPDATED",
  UNCHANGED: "UNCHANGED",
  /** Nothing written yet: a change to routing fields waits for a second administrator (`proposeDirectoryEntry.ts`). */
  PENDING_APPROVAL: "PENDING_APPROVAL",
} as const;
export type DirectoryWriteOutcome = (typeof DirectoryWriteOutcome)[keyof typeof DirectoryWriteOutcome];

export interface DirectoryWrite {
  code: string;
  outcome: DirectoryWriteOutcome;
  /** The agency's version after the write: the new one, or the current one when nothing changed. */
  version: number;
  /** The fields this version changed (every field for a new agency, none when unchanged). */
  changedFields: (keyof DirectoryEntry)[];
}

/**
 * The one way the directory changes: creates or updates an agency and, in the same transaction (the
 * caller's `manager`), writes the new immutable version. An entry identical to the current one writes
 * nothing. The agency's row is locked while its version is decided, so two changers of one agency
 * take turns and each version number is used once.
 */
export async function writeDirectoryEntry(manager: EntityManager, entry: DirectoryEntry, change: DirectoryChange): Promise<DirectoryWrite> {
  const at = change.at ?? new Date();
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Agency)
    .values({ ...entry, unscheduledCareSetting: entry.unscheduledCareSetting ?? null, version: 1 })
    .orIgnore()
    .returning(["code"])
    .execute();
  if ((inserted.raw as unknown[]).length > 0) {
    if (change.expectedVersion !== undefined && change.expectedVersion !== 0) throw directoryConflict(entry.code);
    await insertVersion(manager, entry, 1, at, change);
    forgetAgencyStandings(manager.connection, [entry.code]);
    return { code: entry.code, outcome: DirectoryWriteOutcome.CREATED, version: 1, changedFields: [...DIRECTORY_ENTRY_FIELDS] };
  }
  const current = await manager.getRepository(Agency).createQueryBuilder("agency").setLock("pessimistic_write").where("agency.code = :code", { code: entry.code }).getOneOrFail();
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) throw directoryConflict(entry.code);
  const before = directoryEntryOf(current);
  if (canonicalize(before) === canonicalize(entry)) return { code: entry.code, outcome: DirectoryWriteOutcome.UNCHANGED, version: current.version, changedFields: [] };
  if (entry.type !== before.type && (await agencyHoldsRecords(manager, entry.code))) throw new AgencyTypeFixedError(entry.code, before.type);
  const version = current.version + 1;
  await manager.getRepository(Agency).update({ code: entry.code }, { ...entry, unscheduledCareSetting: entry.unscheduledCareSetting ?? null, version });
  await insertVersion(manager, entry, version, at, change);
  // Forgotten now and again once the change commits (its callers): a request meanwhile may read the standing as it was.
  forgetAgencyStandings(manager.connection, [entry.code]);
  return { code: entry.code, outcome: DirectoryWriteOutcome.UPDATED, version, changedFields: changedFields(before, entry) };
}

function insertVersion(manager: EntityManager, entry: DirectoryEntry, version: number, validFrom: Date, change: DirectoryChange): Promise<unknown> {
  return manager.getRepository(AgencyVersion).insert({
    agencyCode: entry.code,
    version,
    entry,
    validFrom,
    changedBy: change.changedBy,
    changedByAgency: change.changedByAgency,
    source: change.source,
    auditEntryId: change.auditEntryId ?? null,
    approvedBy: change.approval?.approvedBy ?? null,
    approvedByAgency: change.approval?.approvedByAgency ?? null,
    proposalId: change.approval?.proposalId ?? null,
  });
}

/** The agency's type cannot change while the hub holds its records; `extensions.problem` says so. */
export class AgencyTypeFixedError extends HubError {
  constructor(readonly agencyCode: string, readonly currentType: string) {
    super(ErrorCode.INVALID_INPUT, `Agency ${agencyCode} is a ${currentType} agency and the hub holds its records: its type cannot change. Register the agency under a new code instead.`, {
      path: "agency.type",
      problem: DirectoryProblem.AGENCY_TYPE_FIXED,
    });
    this.name = "AgencyTypeFixedError";
  }
}

/** The directory moved on since the changer read it. */
export function directoryConflict(code: string): HubError {
  return new HubError(ErrorCode.CONFLICT, `Agency ${code} was changed by someone else meanwhile: read its current version and make the change again.`, { path: "agency.code" });
}
