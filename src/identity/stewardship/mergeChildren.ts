import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { IdentityChangeKind } from "../ChildIdentityChange";
import { LinkReviewStatus } from "../LinkReview";
import { dropMatchProfiles } from "../matchProfiles";
import { takeLinkingLock } from "../linkingLock";
import { insertIdentityChange, type ChildIdentityChangeView } from "./childIdentityChangeView";
import { moveRecords } from "./moveRecords";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "./stewardAction";

interface ChildRow {
  id: string;
  sui: string | null;
  merged_into_id: string | null;
}

/**
 * Locks both children in id order (two merges in opposite directions cannot deadlock), refusing a child
 * already merged away and two different SUIs — two NHS numbers are for the NHS to resolve, not a steward.
 */
async function lockBoth(manager: EntityManager, survivorId: string, mergedId: string): Promise<[ChildRow, ChildRow]> {
  const first = survivorId < mergedId;
  const one = await liveChild(manager, first ? survivorId : mergedId, first ? "survivorId" : "mergedId");
  const two = await liveChild(manager, first ? mergedId : survivorId, first ? "mergedId" : "survivorId");
  const [survivor, merged] = first ? [one, two] : [two, one];
  if (survivor.sui !== null && merged.sui !== null && survivor.sui !== merged.sui) {
    throw new HubError(ErrorCode.CONFLICT, "The two children have different SUIs (NHS numbers): they cannot be merged here.", { path: "mergedId" });
  }
  return [survivor, merged];
}

async function liveChild(manager: EntityManager, id: string, path: string): Promise<ChildRow> {
  const [row]: ChildRow[] = await manager.query(`SELECT id, sui, merged_into_id FROM child WHERE id = $1 FOR UPDATE`, [id]);
  if (row === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such child.", { path });
  if (row.merged_into_id !== null) throw new HubError(ErrorCode.CONFLICT, "This child was already merged into another.", { path });
  return row;
}

/**
 * Two children the hub holds are one (HUB.md §8): the second's records (and with them the names and
 * addresses they reported), consent decisions, named-staff exclusions, IG alerts and open link reviews move to the survivor, which takes the second's SUI if it had none;
 * the second is retired pointing at the survivor and is never matched again. Two different SUIs are
 * two NHS numbers: that is refused (CONFLICT) — it needs the NHS to resolve, not a steward.
 */
export async function mergeChildren(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, survivorId: string, mergedId: string, reason: string, now = new Date()): Promise<ChildIdentityChangeView> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.CHILDREN_MERGED, access, childSuis: [], details: {} }, now);
  const survivor = requireId(survivorId, "survivorId");
  const merged = requireId(mergedId, "mergedId");
  const why = requireReason(reason);
  if (survivor === merged) throw new HubError(ErrorCode.INVALID_INPUT, "A child cannot be merged into itself.", { path: "mergedId" });
  const decidedBy = `${principal.agency}/${principal.sub}`;

  // Checked before the audit entry (a refused merge is not a decision), and again under the locks.
  const [a, b] = await dataSource.transaction(async (manager) => lockBoth(manager, survivor, merged));
  const changeId = randomUUID();
  await auditStewardDecision(services, { ...steward, childSuis: [a.sui, b.sui].filter((sui): sui is string => sui !== null), details: { changeId, survivorId: survivor, mergedId: merged, reason: why } }, now);

  return dataSource.transaction(async (manager) => {
    await takeLinkingLock(manager);
    const [, live] = await lockBoth(manager, survivor, merged);
    const records: { id: string }[] = await manager.query(`SELECT id FROM agency_record WHERE child_id = $1 ORDER BY id`, [merged]);
    const recordIds = records.map((record) => record.id);
    if (live.sui !== null) {
      await manager.query(`UPDATE child SET sui = NULL WHERE id = $1`, [merged]);
      // Same SUI already (checked under the lock) or none: the survivor carries it now.
      await manager.query(`UPDATE child SET sui = $2 WHERE id = $1`, [survivor, live.sui]);
    }
    await manager.query(`UPDATE child SET merged_into_id = $2 WHERE id = $1`, [merged, survivor]);
    await manager.query(`UPDATE consent_record SET child_id = $2 WHERE child_id = $1`, [merged, survivor]);
    await manager.query(`UPDATE consent_override SET child_id = $2 WHERE child_id = $1`, [merged, survivor]);
    // Whoever was kept out of either child's file is kept out of the one file they now are.
    await manager.query(`UPDATE child_exclusion SET child_id = $2 WHERE child_id = $1`, [merged, survivor]);
    // An IG alert about either child is about the one child they now are: listed, reached and counted as the survivor's.
    await manager.query(`UPDATE ig_alert SET child_id = $2 WHERE child_id = $1`, [merged, survivor]);
    // Open reviews proposing the merged child now propose the survivor, unless one already does.
    await manager.query(
      `UPDATE link_review v SET candidate_child_id = $2 WHERE v.candidate_child_id = $1 AND v.status = 'OPEN'
         AND NOT EXISTS (SELECT 1 FROM link_review o WHERE o.record_id = v.record_id AND o.candidate_child_id = $2 AND o.status = 'OPEN')`,
      [merged, survivor],
    );
    await manager.query(
      `UPDATE link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE candidate_child_id = $1 AND status = 'OPEN'`,
      [merged, LinkReviewStatus.SUPERSEDED, decidedBy, now, `candidate merged into ${survivor}`],
    );
    if (recordIds.length > 0) await moveRecords(manager, { recordIds, toChildId: survivor, decidedBy, now, reason: why, causeId: changeId, decidesEachLink: false });
    await dropMatchProfiles(manager, [merged]);
    return insertIdentityChange(manager, { kind: IdentityChangeKind.MERGE, fromChildId: merged, toChildId: survivor, fromChildSui: live.sui, recordIds, decidedBy, decidedAt: now, reason: why }, changeId);
  });
}
