import { randomUUID } from "node:crypto";
import { type DataSource, type EntityManager } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { ErrorCode, HubError } from "../../errors/HubError";
import { IdentityChangeKind } from "../ChildIdentityChange";
import { LinkReviewStatus } from "../LinkReview";
import { dropMatchProfiles } from "../matchProfiles";
import { insertIdentityChange, type ChildIdentityChangeView } from "./childIdentityChangeView";
import { moveRecords } from "./moveRecords";
import { auditStewardDecision, requireId, requireReason, requireSteward } from "./stewardAction";

interface ChildRow {
  id: string;
  sui: string | null;
  merged_into_id: string | null;
}

async function liveChild(manager: EntityManager, id: string, path: string): Promise<ChildRow> {
  const [row]: ChildRow[] = await manager.query(`SELECT id, sui, merged_into_id FROM child WHERE id = $1 FOR UPDATE`, [id]);
  if (row === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such child.", { path });
  if (row.merged_into_id !== null) throw new HubError(ErrorCode.CONFLICT, "This child was already merged into another.", { path });
  return row;
}

/**
 * Two children the hub holds are one (HUB.md §8): the second's records, names, addresses, consent
 * decisions and open link reviews move to the survivor, which takes the second's SUI if it had none;
 * the second is retired pointing at the survivor and is never matched again. Two different SUIs are
 * two NHS numbers: that is refused (CONFLICT) — it needs the NHS to resolve, not a steward.
 */
export async function mergeChildren(dataSource: DataSource, principal: Principal, requestId: string, survivorId: string, mergedId: string, reason: string, now = new Date()): Promise<ChildIdentityChangeView> {
  const activity = { requestId, principal, operation: AuditOperation.CHILDREN_MERGED, justification: reason, childSuis: [] as string[], details: { survivorId, mergedId } };
  await requireSteward(dataSource, activity, now);
  const survivor = requireId(survivorId, "survivorId");
  const merged = requireId(mergedId, "mergedId");
  const why = requireReason(reason);
  if (survivor === merged) throw new HubError(ErrorCode.INVALID_INPUT, "A child cannot be merged into itself.", { path: "mergedId" });
  const decidedBy = `${principal.agency}/${principal.sub}`;

  const checked = await dataSource.transaction(async (manager) => [await liveChild(manager, survivor, "survivorId"), await liveChild(manager, merged, "mergedId")] as const);
  const [a, b] = checked;
  if (a.sui !== null && b.sui !== null && a.sui !== b.sui) throw new HubError(ErrorCode.CONFLICT, "The two children have different SUIs (NHS numbers): they cannot be merged here.", { path: "mergedId" });
  const changeId = randomUUID();
  await auditStewardDecision(dataSource, { ...activity, justification: why, childSuis: [a.sui, b.sui].filter((sui): sui is string => sui !== null), details: { changeId, survivorId: survivor, mergedId: merged } }, now);

  return dataSource.transaction(async (manager) => {
    const live = await liveChild(manager, merged, "mergedId");
    await liveChild(manager, survivor, "survivorId");
    const records: { id: string }[] = await manager.query(`SELECT id FROM agency_record WHERE child_id = $1 ORDER BY id`, [merged]);
    const recordIds = records.map((record) => record.id);
    if (live.sui !== null) {
      await manager.query(`UPDATE child SET sui = NULL WHERE id = $1`, [merged]);
      await manager.query(`UPDATE child SET sui = $2 WHERE id = $1 AND sui IS NULL`, [survivor, live.sui]);
    }
    await manager.query(`UPDATE child SET merged_into_id = $2 WHERE id = $1`, [merged, survivor]);
    await manager.query(
      `INSERT INTO child_name (child_id, given_names, family_name, kind, reported_by) SELECT $2, given_names, family_name, 'ALIAS', reported_by FROM child_name WHERE child_id = $1 ON CONFLICT DO NOTHING`,
      [merged, survivor],
    );
    await manager.query(
      `INSERT INTO child_address (child_id, kind, line1, line2, town, postcode, local_authority, valid_from, labels, reported_by)
       SELECT $2, kind, line1, line2, town, postcode, local_authority, valid_from, labels, reported_by FROM child_address WHERE child_id = $1 ON CONFLICT DO NOTHING`,
      [merged, survivor],
    );
    await manager.query(`UPDATE consent_record SET child_id = $2 WHERE child_id = $1`, [merged, survivor]);
    await manager.query(`UPDATE consent_override SET child_id = $2 WHERE child_id = $1`, [merged, survivor]);
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
    if (recordIds.length > 0) await moveRecords(manager, { recordIds, toChildId: survivor, decidedBy, now, reason: why, causeId: changeId });
    await dropMatchProfiles(manager, [merged]);
    return insertIdentityChange(manager, { kind: IdentityChangeKind.MERGE, fromChildId: merged, toChildId: survivor, recordIds, decidedBy, decidedAt: now, reason: why }, changeId);
  });
}
