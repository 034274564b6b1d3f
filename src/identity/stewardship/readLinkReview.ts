import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { type AccessContext } from "../../policy/AccessContext";
import { childrenKeptOut } from "../../exclusions/childrenKeptOut";
import { admitSteward, auditStewardRead, requireId } from "./stewardAction";
import { loadReviewViewNotKeptOut, type LinkReviewView } from "./linkReviewView";

/**
 * One link review, open or decided, as `listLinkReviews` shows it: the steward who opens a review
 * from the queue reads that review alone, and the trail names only its candidate — not the nine
 * others a page of the queue would have disclosed again. Null for an id the hub does not hold and for
 * a review proposing a child the steward's exclusions keep them out of, alike (the same statements).
 * Audited as a read of the link reviews, with the review's id and its candidate's SUI, before it is
 * returned.
 */
export async function readLinkReview(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, now = new Date()): Promise<LinkReviewView | null> {
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.LINK_REVIEWS_READ, access, childSuis: [], details: {} }, now);
  const reviewId = requireId(id, "id");
  const keptOut = await childrenKeptOut(services.dataSource, principal);
  const review = await loadReviewViewNotKeptOut(services.dataSource.manager, reviewId, keptOut.childIds);
  const childSuis = review?.candidate.sui == null ? [] : [review.candidate.sui];
  await auditStewardRead(services, { ...steward, childSuis, details: { reviewIds: review === null ? [] : [review.id] } }, now);
  return review;
}
