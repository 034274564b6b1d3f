import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type Principal } from "../../../auth/Principal";
import { AuditOperation } from "../../../audit/AuditOperation";
import { type GovernanceServices } from "../../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../../errors/HubError";
import { AdultLinkMethod } from "../../../people/AdultLinkMethod";
import { type AccessContext } from "../../../policy/AccessContext";
import { IdentityChangeKind } from "../../ChildIdentityChange";
import { takeAdultLinkingLock, takeLinkingLock } from "../../linkingLock";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "../../stewardship/stewardAction";
import { AdultIdentityChange } from "../AdultIdentityChange";
import { AdultLinkReviewStatus } from "../AdultLinkReview";
import { rekeyAdults } from "../adultProfiles";
import { childrenOfAdults } from "./adultView";

interface AdultRow {
  id: string;
  merged_into_id: string | null;
  restricted: boolean;
}

export interface AdultMerge {
  survivorId: string;
  mergedId: string;
  reason: string;
  /** A review the merge decides (its audit entry is the review's). */
  reviewId?: string;
}

/** The live adult, locked; refused if merged away or held through a sealed or brokered record. */
async function liveAdult(manager: EntityManager, id: string, path: string): Promise<AdultRow> {
  const [row]: AdultRow[] = await manager.query(
    `SELECT a.id, a.merged_into_id, EXISTS (SELECT 1 FROM adult_identifier i WHERE i.adult_id = a.id AND i.restricted) AS restricted FROM adult a WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  if (row === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such adult.", { path });
  if (row.merged_into_id !== null) throw new HubError(ErrorCode.CONFLICT, "This adult was already merged into another.", { path });
  if (row.restricted) throw new HubError(ErrorCode.CONFLICT, "This adult is held through a sealed or brokered record: they are never merged with anyone.", { path });
  return row;
}

/**
 * Both adults locked in id order (two merges in opposite directions cannot deadlock); refused when they
 * hold different values of one national identifier scheme — two NHS numbers, two prison numbers are
 * two people, or a question for the issuing service, not a steward.
 */
async function lockBoth(manager: EntityManager, survivorId: string, mergedId: string): Promise<void> {
  const [first, second] = survivorId < mergedId ? [[survivorId, "survivorId"], [mergedId, "mergedId"]] : [[mergedId, "mergedId"], [survivorId, "survivorId"]];
  await liveAdult(manager, first[0], first[1]);
  await liveAdult(manager, second[0], second[1]);
  const [clash] = await manager.query<{ scheme: string }[]>(
    `SELECT a.scheme FROM adult_national_identifier a JOIN adult_national_identifier b ON b.scheme = a.scheme AND b.value <> a.value
     WHERE a.adult_id = $1 AND b.adult_id = $2 LIMIT 1`,
    [survivorId, mergedId],
  );
  if (clash !== undefined) throw new HubError(ErrorCode.CONFLICT, `The two adults hold different ${clash.scheme} values: they cannot be merged here.`, { path: "mergedId", scheme: clash.scheme });
}

/**
 * Two adults the hub holds are one person: every agency reference of the second, its names, national
 * identifiers, relationships with children, the records it is the subject of, and the consent decisions
 * it gave move to the survivor (two agencies' "mother" become one consent-giver, whose later decision
 * replaces the earlier); the second is retired pointing at the survivor. A reference that founded the
 * second becomes MANUAL (the steward decided it); one the matcher linked stays PROBABILISTIC (a merge
 * decides that the adults are one, not each reference's link). Audited before it takes effect.
 */
export async function mergeAdults(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, merge: AdultMerge, now = new Date()): Promise<AdultIdentityChange> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.ADULTS_MERGED, access, childSuis: [], details: {} }, now);
  const survivor = requireId(merge.survivorId, "survivorId");
  const merged = requireId(merge.mergedId, "mergedId");
  const why = requireReason(merge.reason);
  if (survivor === merged) throw new HubError(ErrorCode.INVALID_INPUT, "An adult cannot be merged into themselves.", { path: "mergedId" });
  const decidedBy = `${principal.agency}/${principal.sub}`;

  // Checked before the audit entry (a refused merge is not a decision), and again under the locks.
  const childSuis = await dataSource.transaction(async (manager) => {
    await lockBoth(manager, survivor, merged);
    return childrenOfAdults(manager, [survivor, merged]);
  });
  const changeId = randomUUID();
  await auditStewardDecision(services, { ...steward, childSuis, details: { changeId, survivorId: survivor, mergedId: merged, reviewId: merge.reviewId ?? null, reason: why } }, now);

  return dataSource.transaction(async (manager) => {
    await takeLinkingLock(manager);
    await takeAdultLinkingLock(manager);
    await lockBoth(manager, survivor, merged);
    if (merge.reviewId !== undefined) {
      // The review a steward decides must still be open: another steward may have decided it meanwhile.
      const [review] = await manager.query<{ status: string }[]>(`SELECT status FROM adult_link_review WHERE id = $1 FOR UPDATE`, [merge.reviewId]);
      if (review?.status !== AdultLinkReviewStatus.OPEN) throw new HubError(ErrorCode.CONFLICT, "This review was decided meanwhile.", { path: "id" });
    }
    return moveAdult(manager, { survivor, merged, decidedBy, now, reason: why, changeId });
  });
}

interface AdultMove {
  survivor: string;
  merged: string;
  decidedBy: string;
  now: Date;
  reason: string;
  changeId: string;
}

async function moveAdult(manager: EntityManager, move: AdultMove): Promise<AdultIdentityChange> {
  const { survivor, merged } = move;
  const params = [merged, survivor];
  const identifiers = await manager.query<{ id: string }[]>(`SELECT id FROM adult_identifier WHERE adult_id = $1 ORDER BY id`, [merged]);
  await manager.query(`UPDATE adult_identifier SET adult_id = $2, link_method = CASE WHEN link_method = '${AdultLinkMethod.FOUNDED}' THEN '${AdultLinkMethod.MANUAL}' ELSE link_method END WHERE adult_id = $1`, params);
  // A name one agency reported for both is that agency's name for the survivor already — unrestricted if either was.
  await manager.query(
    `UPDATE adult_name s SET restricted = false FROM adult_name m WHERE m.adult_id = $1 AND s.adult_id = $2 AND NOT m.restricted AND s.restricted
       AND s.given_names = m.given_names AND s.family_name = m.family_name AND s.reported_by IS NOT DISTINCT FROM m.reported_by`,
    params,
  );
  await manager.query(
    `DELETE FROM adult_name m USING adult_name s WHERE m.adult_id = $1 AND s.adult_id = $2
       AND s.given_names = m.given_names AND s.family_name = m.family_name AND s.reported_by IS NOT DISTINCT FROM m.reported_by`,
    params,
  );
  await manager.query(`UPDATE adult_name SET adult_id = $2, kind = 'ALIAS' WHERE adult_id = $1`, params);
  await manager.query(`DELETE FROM adult_national_identifier m USING adult_national_identifier s WHERE m.adult_id = $1 AND s.adult_id = $2 AND s.scheme = m.scheme AND s.value = m.value`, params);
  await manager.query(`UPDATE adult_national_identifier SET adult_id = $2 WHERE adult_id = $1`, params);
  // One record naming both (two of its agency's references, one person): one relationship.
  await manager.query(
    `DELETE FROM child_adult_relationship m USING child_adult_relationship s WHERE m.adult_id = $1 AND s.adult_id = $2
       AND s.source_record_id = m.source_record_id AND s.child_id IS NOT DISTINCT FROM m.child_id`,
    params,
  );
  await manager.query(`UPDATE child_adult_relationship SET adult_id = $2 WHERE adult_id = $1`, params);
  await manager.query(`UPDATE probation_record SET offender_id = $2 WHERE offender_id = $1`, params);
  await manager.query(`UPDATE prison_record SET prisoner_id = $2 WHERE prisoner_id = $1`, params);
  await manager.query(`UPDATE consent_record SET adult_id = $2 WHERE adult_id = $1`, params);
  await manager.query(`UPDATE adult SET merged_into_id = $2, home_local_authority = COALESCE((SELECT home_local_authority FROM adult WHERE id = $2), home_local_authority) WHERE id = $1`, params);
  await manager.query(
    `UPDATE adult SET home_local_authority = COALESCE(home_local_authority, (SELECT home_local_authority FROM adult WHERE id = $1)),
       date_of_birth = COALESCE(date_of_birth, (SELECT date_of_birth FROM adult WHERE id = $1)) WHERE id = $2`,
    params,
  );
  // Reviews of the pair are decided by the merge; the merged adult's others close: later reports are matched against the survivor.
  await manager.query(
    `UPDATE adult_link_review SET status = $3, resolved_by = $4, resolved_at = $5, reason = $6
     WHERE status = 'OPEN' AND ((adult_id = $1 AND candidate_adult_id = $2) OR (adult_id = $2 AND candidate_adult_id = $1))`,
    [merged, survivor, AdultLinkReviewStatus.SAME_PERSON, move.decidedBy, move.now, move.reason],
  );
  await manager.query(
    `UPDATE adult_link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5
     WHERE status = 'OPEN' AND (adult_id = $1 OR candidate_adult_id = $1)`,
    [merged, AdultLinkReviewStatus.SUPERSEDED, move.decidedBy, move.now, `adult merged into ${survivor}`],
  );
  await manager.query(`DELETE FROM adult_match_key WHERE adult_id = $1`, [merged]);
  await rekeyAdults(manager, [survivor]);
  const change = manager.getRepository(AdultIdentityChange).create({
    id: move.changeId, kind: IdentityChangeKind.MERGE, fromAdultId: merged, toAdultId: survivor, identifierIds: identifiers.map((row) => row.id),
    decidedBy: move.decidedBy, decidedAt: move.now, reason: move.reason,
  });
  await manager.getRepository(AdultIdentityChange).insert(change);
  return change;
}
