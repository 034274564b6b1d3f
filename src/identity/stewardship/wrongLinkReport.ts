import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { AuditOperation, DISCLOSING_OPERATIONS } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { IdentityChangeKind } from "../ChildIdentityChange";
import { LinkAction } from "../RecordLinkEvent";
import { type ChildIdentityChangeView } from "./childIdentityChangeView";
import { childrenKeptOut } from "../../exclusions/childrenKeptOut";
import { admitSteward, auditStewardRead, requireId } from "./stewardAction";
import { breachFromWrongLink } from "../../breaches/suspectedBreaches";
import { entryOwnAgencyAlone } from "../../audit/trailReach";

export const CarriedRecords = {
  /** The audit entry names a wrongly linked record among those whose content went out. */
  CARRIED: "CARRIED",
  /** The child's file went out while the wrong link stood, without any content of the wrongly linked records. */
  NOT_CARRIED: "NOT_CARRIED",
  /** The entry predates record-level audit detail: assume it may have carried them. */
  UNKNOWN: "UNKNOWN",
} as const;
export type CarriedRecords = (typeof CarriedRecords)[keyof typeof CarriedRecords];

export interface WrongLinkDisclosure {
  disclosureId: string;
  occurredAt: Date;
  operation: string;
  principalSub: string;
  principalAgency: string;
  principalAgencyType: string;
  purpose: string | null;
  breakGlass: boolean;
  carried: CarriedRecords;
  /** The wrongly linked records whose content this disclosure carried. */
  recordIds: string[];
}

export interface WrongLinkReport {
  change: ChildIdentityChangeView;
  /** The SUI of the child the records were wrongly linked to; null if it had none (nothing could be disclosed through it). */
  childSui: string | null;
  disclosures: WrongLinkDisclosure[];
  /** The audit entry of this report. */
  reportId: string;
}

interface Window { recordId: string; from: Date; to: Date }

/**
 * Every disclosure that went out through a link a split undid (HUB.md §8): the disclosures of the child
 * the records were wrongly linked to, made while each link stood, each marked with whether it carried
 * the records' content (from the record ids on the audit entry). For the IG lead to act on: tell the
 * recipients, assess a breach. Reading it is audited, with the caller's access context: DATA_QUALITY
 * for the steward who split, INFORMATION_GOVERNANCE for an IG lead. A split of a child the caller's
 * exclusions keep them out of (either side) is answered as no such split (NOT_FOUND, the same statements).
 */
export async function wrongLinkReport(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, changeId: string, now = new Date()): Promise<WrongLinkReport> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.WRONG_LINK_REPORT, access, childSuis: [], details: { changeId }, alsoAllowed: [Role.IG_LEAD] }, now);
  const id = requireId(changeId, "changeId");
  const keptOut = await childrenKeptOut(dataSource, principal);
  const [row]: { id: string; kind: IdentityChangeKind; from_child_id: string; to_child_id: string; from_child_sui: string | null; record_ids: string[]; decided_by: string; decided_at: Date; reason: string; sui: string | null }[] = await dataSource.query(
    // The SUI the child had at the split: a later merge may have moved it on. A change to a child the
    // caller is kept out of is, to them, no change.
    `SELECT x.*, COALESCE(x.from_child_sui, c.sui) AS sui FROM child_identity_change x JOIN child c ON c.id = x.from_child_id
      WHERE x.id = $1 AND NOT (x.from_child_id = ANY($2::uuid[]) OR x.to_child_id = ANY($2::uuid[]))`,
    [id, keptOut.childIds],
  );
  if (row === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such merge or split.", { path: "changeId" });
  if (row.kind !== IdentityChangeKind.SPLIT) throw new HubError(ErrorCode.INVALID_INPUT, "Only a split undoes links: a merge has no wrong-link report.", { path: "changeId" });
  const change: ChildIdentityChangeView = { id: row.id, kind: row.kind, fromChildId: row.from_child_id, toChildId: row.to_child_id, fromChildSui: row.from_child_sui, recordIds: row.record_ids, decidedBy: row.decided_by, decidedAt: row.decided_at, reason: row.reason };

  const windows = await linkWindows(dataSource, change);
  const found = row.sui === null || windows.length === 0 ? [] : await disclosuresIn(dataSource, principal.agency, row.sui, windows);
  const disclosures = found.filter((disclosure) => disclosure.shown).map(({ shown: _shown, ...disclosure }) => disclosure);
  const reportId = await auditStewardRead(services, { ...steward, childSuis: row.sui ? [row.sui] : [], details: { changeId: id, disclosures: disclosures.length } }, now);
  // Content that went out through the wrong link is a suspected breach, known of since the split (`breaches/`):
  // every such disclosure, shown or not, so a sealed holder that received it is still told of its own part.
  await breachFromWrongLink(services, principal, requestId, access, { change, childSui: row.sui, disclosures: found }, now);
  return { change, childSui: row.sui, disclosures, reportId };
}

/**
 * When each moved record stood linked to the child it was taken from, from the link history. A record
 * whose history with that child does not begin with LINKED (linked before the hub kept the history) is
 * taken to have been linked since it arrived: the report errs towards listing a disclosure, never
 * towards missing one.
 */
async function linkWindows(dataSource: DataSource, change: ChildIdentityChangeView): Promise<Window[]> {
  const events: { record_id: string; action: string; decided_at: Date }[] = await dataSource.query(
    `SELECT record_id, action, decided_at FROM record_link_event WHERE record_id = ANY($1::uuid[]) AND child_id = $2 AND action IN ($3, $4) AND decided_at <= $5 ORDER BY record_id, decided_at, action DESC`,
    [change.recordIds, change.fromChildId, LinkAction.LINKED, LinkAction.UNLINKED, change.decidedAt],
  );
  const arrivals: { id: string; received_at: Date }[] = await dataSource.query(`SELECT id, received_at FROM agency_record WHERE id = ANY($1::uuid[])`, [change.recordIds]);
  const windows: Window[] = [];
  const open = new Map<string, Date>();
  for (const { id, received_at: receivedAt } of arrivals) {
    // Events are in time order: a record whose history with this child begins other than with LINKED was
    // linked to it before the history began.
    const first = events.find((event) => event.record_id === id);
    if (first === undefined || first.action !== LinkAction.LINKED) open.set(id, receivedAt);
  }
  for (const event of events) {
    if (event.action === LinkAction.LINKED) open.set(event.record_id, event.decided_at);
    const start = open.get(event.record_id);
    if (event.action === LinkAction.UNLINKED && start !== undefined) {
      windows.push({ recordId: event.record_id, from: start, to: event.decided_at });
      open.delete(event.record_id);
    }
  }
  for (const [recordId, from] of open) windows.push({ recordId, from, to: change.decidedAt });
  return windows;
}

/**
 * The child's disclosures while a link stood, each marked `shown` when the reader may be told of it: the
 * trail's own reach (`audit/trailReach`'s `entryOwnAgencyAlone`) — an entry made by an agency holding the
 * child under a SEALED or BROKERED record, or by a concealed route, is its agency's alone, and names that
 * agency to nobody else (the reader's agency's own always shown). The split already admitted the reader
 * to the child, so the rest of the trail's rule (which children it reaches) is not asked again.
 */
async function disclosuresIn(dataSource: DataSource, readerAgency: string, sui: string, windows: Window[]): Promise<(WrongLinkDisclosure & { shown: boolean })[]> {
  const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
  const to = new Date(Math.max(...windows.map((w) => w.to.getTime())));
  const entries: { id: string; occurred_at: Date; operation: string; principal_sub: string; principal_agency: string; principal_agency_type: string; purpose: string | null; break_glass: boolean; details: { recordIds?: string[] }; shown: boolean }[] =
    await dataSource.query(
      `SELECT a.id, a.occurred_at, a.operation, a.principal_sub, a.principal_agency, a.principal_agency_type, a.purpose, a.break_glass, a.details,
              (a.principal_agency = $6 OR NOT ${entryOwnAgencyAlone("a")}) AS shown
         FROM disclosure_audit a
        WHERE a.child_suis @> ARRAY[$1]::text[] AND a.operation = ANY($2::text[]) AND a.outcome = $3 AND a.occurred_at BETWEEN $4 AND $5 ORDER BY a.occurred_at, a.id`,
      [sui, DISCLOSING_OPERATIONS, AuditOutcome.DISCLOSED, from, to, readerAgency],
    );
  const disclosures: (WrongLinkDisclosure & { shown: boolean })[] = [];
  for (const entry of entries) {
    const standing = windows.filter((w) => w.from <= entry.occurred_at && entry.occurred_at <= w.to).map((w) => w.recordId);
    if (standing.length === 0) continue;
    const carriedIds = entry.details.recordIds;
    const recordIds = carriedIds === undefined ? [] : standing.filter((id) => carriedIds.includes(id));
    const carried = carriedIds === undefined ? CarriedRecords.UNKNOWN : recordIds.length > 0 ? CarriedRecords.CARRIED : CarriedRecords.NOT_CARRIED;
    disclosures.push({
      disclosureId: entry.id, occurredAt: entry.occurred_at, operation: entry.operation, principalSub: entry.principal_sub, principalAgency: entry.principal_agency,
      principalAgencyType: entry.principal_agency_type, purpose: entry.purpose, breakGlass: entry.break_glass, carried, recordIds, shown: entry.shown,
    });
  }
  return disclosures;
}
