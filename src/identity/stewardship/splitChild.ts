import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { IdentityChangeKind } from "../ChildIdentityChange";
import { takeLinkingLock } from "../linkingLock";
import { type ReportedIdentity } from "../ReportedIdentity";
import { insertIdentityChange, type ChildIdentityChangeView } from "./childIdentityChangeView";
import { createChildFromIdentity, moveRecords } from "./moveRecords";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "./stewardAction";

/** Both children exist and neither was merged away; locked (in id order) until the transaction ends. */
async function liveChildren(manager: EntityManager, from: string, to: string | null): Promise<{ sui: string | null }> {
  const ids = to === null ? [from] : [from, to];
  const rows: { id: string; sui: string | null; merged_into_id: string | null }[] = await manager.query(`SELECT id, sui, merged_into_id FROM child WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  for (const [id, path] of [[from, "childId"], [to, "toChildId"]] as const) {
    if (id === null) continue;
    const row = rows.find((candidate) => candidate.id === id);
    if (row === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such child.", { path });
    if (row.merged_into_id !== null) throw new HubError(ErrorCode.CONFLICT, "That child was merged into another: work on the surviving child instead.", { path });
  }
  return { sui: rows.find((row) => row.id === from)?.sui ?? null };
}

export interface SplitRequest {
  childId: string;
  /** The records that are not this child's. */
  recordIds: string[];
  /** Move them to this child; without it, to a new child awaiting an SUI. */
  toChildId?: string | null;
  reason: string;
}

/** At most this many records move in one split: a steward checks each. */
export const MAX_SPLIT_RECORDS = 200;

/**
 * Some of a child's records are someone else's (HUB.md §8): they move to another child (a new one,
 * awaiting an SUI, unless the steward names one), with the names and addresses only they reported.
 * The split undoes wrong links, so its wrong-link report (`wrongLinkReport.ts`) lists what went out
 * through them.
 */
export async function splitChild(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, request: SplitRequest, now = new Date()): Promise<ChildIdentityChangeView> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.CHILD_SPLIT, access, childSuis: [], details: {} }, now);
  const from = requireId(request.childId, "childId");
  const to = request.toChildId ? requireId(request.toChildId, "toChildId") : null;
  const why = requireReason(request.reason);
  const recordIds = [...new Set(request.recordIds.map((id, index) => requireId(id, `recordIds[${index}]`)))];
  if (recordIds.length === 0 || recordIds.length > MAX_SPLIT_RECORDS) throw new HubError(ErrorCode.INVALID_INPUT, `Name from 1 to ${MAX_SPLIT_RECORDS} records to move.`, { path: "recordIds" });
  if (to === from) throw new HubError(ErrorCode.INVALID_INPUT, "The records must move to another child.", { path: "toChildId" });

  const child = await dataSource.transaction((manager) => liveChildren(manager, from, to));
  const changeId = randomUUID();
  await auditStewardDecision(services, { ...steward, childSuis: child.sui ? [child.sui] : [], details: { changeId, childId: from, toChildId: to, recordIds, reason: why } }, now);

  const decidedBy = `${principal.agency}/${principal.sub}`;
  return dataSource.transaction(async (manager) => {
    await takeLinkingLock(manager);
    const { sui } = await liveChildren(manager, from, to);
    const rows: { id: string; agency_code: string; reported_identity: ReportedIdentity }[] = await manager.query(
      `SELECT id, agency_code, reported_identity FROM agency_record WHERE id = ANY($1::uuid[]) AND child_id = $2 AND link_state = 'LINKED' ORDER BY received_at, id FOR UPDATE`,
      [recordIds, from],
    );
    if (rows.length !== recordIds.length) throw new HubError(ErrorCode.CONFLICT, "Every record named must be linked to this child now.", { path: "recordIds" });
    // A new child is made from what a moved record reported; a record from before the hub kept that
    // reports only the child it came from, so it cannot found another.
    const founder = rows.find((row) => row.reported_identity.backfilled !== true);
    if (to === null && founder === undefined) {
      throw new HubError(ErrorCode.INVALID_INPUT, "These records predate the hub keeping what each reported: name the child they belong to (toChildId).", { path: "toChildId" });
    }
    const target = to ?? (await createChildFromIdentity(manager, founder!.reported_identity, { recordId: founder!.id, agencyCode: founder!.agency_code }));
    await moveRecords(manager, { recordIds, toChildId: target, decidedBy, now, reason: why, causeId: changeId, decidesEachLink: true });
    return insertIdentityChange(manager, { kind: IdentityChangeKind.SPLIT, fromChildId: from, toChildId: target, fromChildSui: sui, recordIds, decidedBy, decidedAt: now, reason: why }, changeId);
  });
}
