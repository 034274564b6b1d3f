import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { type AccessContext } from "../../policy/AccessContext";
import { childrenKeptOut } from "../../exclusions/childrenKeptOut";
import { admitSteward, auditStewardRead } from "./stewardAction";
import { loadOpenReviewViews, type LinkReviewView } from "./linkReviewView";

export interface LinkReviewPage {
  reviews: LinkReviewView[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * The open link reviews, longest waiting first. Stewards see identities (names, dates of birth,
 * postcodes), never record content, and no review proposing a child their exclusions keep them out of
 * (not listed, not counted: another steward decides it); the read is audited, with the steward's access context and every
 * candidate's SUI, before it is returned.
 */
export async function listLinkReviews(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, first: number, after: { openedAt: Date; id: string } | null, now = new Date()): Promise<LinkReviewPage> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.LINK_REVIEWS_READ, access, childSuis: [], details: { first } }, now);
  const keptOut = await childrenKeptOut(dataSource, principal);
  const rows = await loadOpenReviewViews(dataSource.manager, first + 1, after, keptOut.childIds);
  const [{ count }] = await dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM link_review WHERE status = 'OPEN' AND NOT (candidate_child_id = ANY($1::uuid[]))`, [keptOut.childIds]);
  const reviews = rows.slice(0, first);
  const childSuis = [...new Set(reviews.map((review) => review.candidate.sui).filter((sui): sui is string => sui !== null))];
  await auditStewardRead(services, { ...steward, childSuis, details: { first, reviewIds: reviews.map((review) => review.id) } }, now);
  return { reviews, totalCount: count, hasNextPage: rows.length > first };
}
