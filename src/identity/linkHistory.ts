import { type EntityManager } from "typeorm";
import { type StatementWriter } from "../db/statementBatch";
import { type LinkMethod, type LinkOrigin } from "./linkVocabulary";
import { type LinkEvidence } from "./LinkEvidence";
import { LinkReviewStatus } from "./LinkReview";
import { LinkAction } from "./RecordLinkEvent";

export interface LinkChange {
  recordId: string;
  /** The child the record stops being linked to, if any. */
  fromChildId: string | null;
  /** The child it is now linked to; null when it is left linked to nobody. */
  toChildId: string | null;
  method: LinkMethod;
  origin: LinkOrigin;
  decidedBy: string;
  now: Date;
  reason: string;
  evidence?: LinkEvidence | null;
  /** The review, merge or split this change belongs to. */
  causeId?: string | null;
}

/** Writes a record's move from one child to another to the link history: UNLINKED, then LINKED. */
export async function recordLinkChange(manager: EntityManager, change: LinkChange): Promise<void> {
  await recordLinkChanges(manager, [change]);
}

/** `recordLinkChange` for many records, in one statement. */
export async function recordLinkChanges(manager: StatementWriter, changes: readonly LinkChange[]): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const change of changes) {
    const event = (childId: string, action: LinkAction, evidence: LinkEvidence | null) => ({
      record_id: change.recordId, child_id: childId, action, method: change.method, origin: change.origin, evidence,
      decided_by: change.decidedBy, decided_at: change.now.toISOString(), reason: change.reason, cause_id: change.causeId ?? null,
    });
    if (change.fromChildId !== null && change.fromChildId !== change.toChildId) rows.push(event(change.fromChildId, LinkAction.UNLINKED, null));
    if (change.toChildId !== null && change.fromChildId !== change.toChildId) rows.push(event(change.toChildId, LinkAction.LINKED, change.evidence ?? null));
  }
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO record_link_event (record_id, child_id, action, method, origin, evidence, decided_by, decided_at, reason, cause_id)
     SELECT x.record_id, x.child_id, x.action, x.method, x.origin, x.evidence, x.decided_by, x.decided_at, x.reason, x.cause_id
     FROM jsonb_to_recordset($1::jsonb) AS x(record_id uuid, child_id uuid, action text, method text, origin text, evidence jsonb, decided_by text, decided_at timestamptz, reason text, cause_id uuid)`,
    [JSON.stringify(rows)],
  );
}

/** Closes a record's open reviews without a decision on them (the record changed, or another review decided it). */
export async function supersedeOpenReviews(manager: EntityManager, recordId: string, decidedBy: string, now: Date, reason: string, exceptReviewId: string | null = null): Promise<void> {
  await manager.query(
    `UPDATE link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE record_id = $1 AND status = '${LinkReviewStatus.OPEN}' AND id IS DISTINCT FROM $6`,
    [recordId, LinkReviewStatus.SUPERSEDED, decidedBy, now, reason, exceptReviewId],
  );
}

/**
 * Children a steward ruled out for this record: automation never proposes them again — nor the child
 * any of them was later merged into, which is the same person.
 */
export async function rejectedCandidates(manager: EntityManager, recordId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE ruled_out(id) AS (
       SELECT candidate_child_id FROM link_review WHERE record_id = $1 AND status IN ('${LinkReviewStatus.NOT_LINKED}', '${LinkReviewStatus.NEW_CHILD}')
       UNION
       SELECT c.merged_into_id FROM child c JOIN ruled_out r ON c.id = r.id WHERE c.merged_into_id IS NOT NULL)
     SELECT id FROM ruled_out`,
    [recordId],
  );
  return rows.map((row) => row.id);
}
