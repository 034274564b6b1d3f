import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { auditStewardRead, requireSteward } from "./stewardAction";
import { loadOpenReviewViews, type LinkReviewView } from "./linkReviewView";

export interface LinkReviewPage {
  reviews: LinkReviewView[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * The open link reviews, longest waiting first. Stewards see identities (names, dates of birth,
 * postcodes), never record content; the read is audited with every candidate's SUI before it is returned.
 */
export async function listLinkReviews(dataSource: DataSource, principal: Principal, requestId: string, first: number, after: { openedAt: Date; id: string } | null, now = new Date()): Promise<LinkReviewPage> {
  const activity = { requestId, principal, operation: AuditOperation.LINK_REVIEWS_READ, justification: "data steward: open link reviews", childSuis: [], details: { first } };
  await requireSteward(dataSource, activity, now);
  const rows = await loadOpenReviewViews(dataSource.manager, first + 1, after);
  const [{ count }] = await dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM link_review WHERE status = 'OPEN'`);
  const reviews = rows.slice(0, first);
  const childSuis = [...new Set(reviews.map((review) => review.candidate.sui).filter((sui): sui is string => sui !== null))];
  await auditStewardRead(dataSource, { ...activity, childSuis, details: { first, reviewIds: reviews.map((review) => review.id) } }, now);
  return { reviews, totalCount: count, hasNextPage: rows.length > first };
}
