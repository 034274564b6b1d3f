import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { LinkMethod, LinkOrigin } from "../linkVocabulary";
import { linkRecords } from "../linkRecords";
import { takeLinkingLock } from "../linkingLock";
import { rejectedCandidates, supersedeOpenReviews } from "../linkHistory";
import { LinkReviewStatus } from "../LinkReview";
import { LinkAction } from "../RecordLinkEvent";
import { defaultMatchWeights } from "../matching/defaultMatchWeights";
import { type MatchWeights } from "../matching/matchWeights";
import { type ReportedIdentity } from "../ReportedIdentity";
import { isRestrictedRecord } from "../../records/restrictedRecord";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { LinkDecision } from "./LinkDecision";
import { createChildFromIdentity, moveRecords } from "./moveRecords";
import { loadReviewView, type LinkReviewView } from "./linkReviewView";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "./stewardAction";

const STATUS_OF: Record<LinkDecision, LinkReviewStatus> = {
  [LinkDecision.LINK]: LinkReviewStatus.LINKED,
  [LinkDecision.NO_LINK]: LinkReviewStatus.NOT_LINKED,
  [LinkDecision.NEW_CHILD]: LinkReviewStatus.NEW_CHILD,
};

/**
 * A data steward decides a link review (HUB.md §8). The decision is audited first, then applied in one
 * transaction that re-checks the review is still open (two stewards deciding at once: one wins, the
 * other gets CONFLICT). Every change lands in the link history with the steward and the reason; the
 * audit entry carries the steward's access context and, in its details, the reason.
 */
export async function resolveLinkReview(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  reviewId: string,
  decision: LinkDecision,
  reason: string,
  now = new Date(),
  weights: MatchWeights = defaultMatchWeights(),
): Promise<LinkReviewView> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.LINK_REVIEW_RESOLVED, access, childSuis: [], details: {} }, now);
  const id = requireId(reviewId, "id");
  const why = requireReason(reason);
  const review = await loadReviewView(dataSource.manager, id);
  if (review === null) throw new HubError(ErrorCode.NOT_FOUND, "No such link review.", { path: "id" });
  if (review.status !== LinkReviewStatus.OPEN) throw new HubError(ErrorCode.CONFLICT, `This link review was already closed (${review.status}).`, { path: "id" });
  const decidedBy = `${principal.agency}/${principal.sub}`;
  await auditStewardDecision(
    services,
    { ...steward, childSuis: review.candidate.sui ? [review.candidate.sui] : [], details: { reviewId: id, decision, reason: why, recordId: review.record.id, candidateChildId: review.candidate.childId } },
    now,
  );

  await dataSource.transaction(async (manager) => {
    // One lock order for everything that changes links: the linking lock, the record, then its reviews.
    await takeLinkingLock(manager);
    // The record as stored (the review's view masks withheld locations): what a new child or the matcher needs.
    const [stored] = await manager.query<{ agency_code: string; reported_identity: ReportedIdentity; labels: SensitivityLabel[] }[]>(`SELECT agency_code, reported_identity, labels FROM agency_record WHERE id = $1 FOR UPDATE`, [review.record.id]);
    if (stored === undefined) throw new HubError(ErrorCode.NOT_FOUND, "The record under review no longer exists.", { path: "id" });
    // The candidate as it stands now: a merge meanwhile may have moved the review to the surviving child.
    const closed = await manager.query<[{ candidate_child_id: string }[], number]>(
      `UPDATE link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE id = $1 AND status = 'OPEN' RETURNING candidate_child_id`,
      [id, STATUS_OF[decision], decidedBy, now, why],
    );
    const candidateId = closed[0][0]?.candidate_child_id;
    if (candidateId === undefined) throw new HubError(ErrorCode.CONFLICT, "This link review was closed by someone else meanwhile.", { path: "id" });
    const recordId = review.record.id;
    if (decision === LinkDecision.LINK) {
      await supersedeOpenReviews(manager, recordId, decidedBy, now, `linked to another candidate by review ${id}`, id);
      await moveRecords(manager, { recordIds: [recordId], toChildId: candidateId, decidedBy, now, reason: why, causeId: id, decidesEachLink: true });
      return;
    }
    await manager.query(
      `INSERT INTO record_link_event (record_id, child_id, action, method, origin, decided_by, decided_at, reason, cause_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [recordId, candidateId, LinkAction.REJECTED, LinkMethod.MANUAL, LinkOrigin.MANUAL, decidedBy, now, why, id],
    );
    if (decision === LinkDecision.NEW_CHILD) {
      await manager.query(
        `UPDATE link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE record_id = $1 AND status = 'OPEN'`,
        [recordId, LinkReviewStatus.NEW_CHILD, decidedBy, now, `${why} (with review ${id})`],
      );
      const childId = await createChildFromIdentity(manager, stored.reported_identity, { recordId, agencyCode: stored.agency_code });
      await moveRecords(manager, { recordIds: [recordId], toChildId: childId, decidedBy, now, reason: why, causeId: id, decidesEachLink: true });
      return;
    }
    // NO_LINK: other candidates stay open for the steward; with none left, the matcher decides again without the rejected ones.
    const [{ open }] = await manager.query<[{ open: number }]>(`SELECT count(*)::int AS open FROM link_review WHERE record_id = $1 AND status = 'OPEN'`, [recordId]);
    if (open === 0) {
      await linkRecords(
        manager,
        [{ recordId, agencyCode: stored.agency_code, identity: stored.reported_identity, excludedChildIds: await rejectedCandidates(manager, recordId), restricted: isRestrictedRecord(stored.labels), locationWithheld: stored.labels.includes(SensitivityLabel.LOCATION_WITHHELD) }],
        { weights, decidedBy: `linkage/v${weights.version}`, now },
      );
    }
  });
  return (await loadReviewView(dataSource.manager, id)) as LinkReviewView;
}
