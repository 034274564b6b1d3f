import { type Principal } from "../../../auth/Principal";
import { AuditOperation } from "../../../audit/AuditOperation";
import { type GovernanceServices } from "../../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../../errors/HubError";
import { type AccessContext } from "../../../policy/AccessContext";
import { takeAdultLinkingLock, takeLinkingLock } from "../../linkingLock";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "../../stewardship/stewardAction";
import { AdultLinkReviewStatus } from "../AdultLinkReview";
import { AdultLinkDecision } from "./AdultLinkDecision";
import { childrenOfAdults } from "./adultView";
import { adultReviewViews, REVIEW_COLUMNS, type AdultLinkReviewView } from "./listAdultLinkReviews";
import { mergeAdults } from "./mergeAdults";

interface ReviewRow {
  id: string;
  adult_id: string;
  candidate_adult_id: string;
  status: AdultLinkReviewStatus;
}

async function openReview(services: GovernanceServices, id: string): Promise<ReviewRow> {
  const [review] = await services.dataSource.query<ReviewRow[]>(`SELECT id, adult_id, candidate_adult_id, status FROM adult_link_review WHERE id = $1`, [id]);
  if (review === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such adult link review.", { path: "id" });
  if (review.status !== AdultLinkReviewStatus.OPEN) throw new HubError(ErrorCode.CONFLICT, "This review is already closed.", { path: "id" });
  return review;
}

/**
 * A steward decides whether a reported person is the candidate adult: SAME_PERSON merges the reported
 * adult into the candidate (`mergeAdults`: every reference, name, identifier, relationship and consent
 * decision moves); NOT_SAME_PERSON closes the review. Audited, with the reason, before it takes effect.
 */
export async function resolveAdultLinkReview(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, decision: AdultLinkDecision, reason: string, now = new Date()): Promise<AdultLinkReviewView> {
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.ADULT_LINK_REVIEW_RESOLVED, access, childSuis: [], details: {} }, now);
  const reviewId = requireId(id, "id");
  const why = requireReason(reason);
  const review = await openReview(services, reviewId);
  const decidedBy = `${principal.agency}/${principal.sub}`;
  if (decision === AdultLinkDecision.SAME_PERSON) {
    await mergeAdults(services, principal, requestId, access, { survivorId: review.candidate_adult_id, mergedId: review.adult_id, reason: why, reviewId }, now);
  } else {
    const childSuis = await childrenOfAdults(services.dataSource.manager, [review.adult_id, review.candidate_adult_id]);
    await auditStewardDecision(services, { ...steward, childSuis, details: { reviewId, decision, reason: why } }, now);
    await services.dataSource.transaction(async (manager) => {
      await takeLinkingLock(manager);
      await takeAdultLinkingLock(manager);
      const [closed] = await manager.query<unknown[][]>(
        `UPDATE adult_link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE id = $1 AND status = 'OPEN' RETURNING id`,
        [reviewId, AdultLinkReviewStatus.NOT_SAME_PERSON, decidedBy, now, why],
      );
      if (closed.length === 0) throw new HubError(ErrorCode.CONFLICT, "This review was closed meanwhile.", { path: "id" });
    });
  }
  const [row] = await services.dataSource.query<Parameters<typeof adultReviewViews>[1][number][]>(`SELECT ${REVIEW_COLUMNS} FROM adult_link_review WHERE id = $1`, [reviewId]);
  const [view] = await adultReviewViews(services.dataSource.manager, [row]);
  return view;
}
