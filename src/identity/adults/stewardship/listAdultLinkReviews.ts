import { type Principal } from "../../../auth/Principal";
import { AuditOperation } from "../../../audit/AuditOperation";
import { type GovernanceServices } from "../../../audit/governanceAccess";
import { type AccessContext } from "../../../policy/AccessContext";
import { admitSteward, auditStewardRead } from "../../stewardship/stewardAction";
import { type AdultLinkEvidence } from "../AdultLinkEvidence";
import { type AdultLinkReviewStatus } from "../AdultLinkReview";
import { childrenOfAdults, loadAdultViews, type AdultView } from "./adultView";

export interface AdultLinkReviewView {
  id: string;
  status: AdultLinkReviewStatus;
  score: number;
  evidence: AdultLinkEvidence;
  openedAt: Date;
  resolvedBy: string | null;
  reason: string | null;
  adult: AdultView;
  candidate: AdultView;
}

export interface AdultLinkReviewPage {
  reviews: AdultLinkReviewView[];
  totalCount: number;
  hasNextPage: boolean;
}

interface ReviewRow {
  id: string;
  adult_id: string;
  candidate_adult_id: string;
  status: AdultLinkReviewStatus;
  score: number;
  evidence: AdultLinkEvidence;
  opened_at: Date;
  resolved_by: string | null;
  reason: string | null;
}

/** Reviews with both adults as a steward sees them. */
export async function adultReviewViews(manager: GovernanceServices["dataSource"]["manager"], rows: readonly ReviewRow[]): Promise<AdultLinkReviewView[]> {
  const views = await loadAdultViews(manager, [...new Set(rows.flatMap((row) => [row.adult_id, row.candidate_adult_id]))]);
  const empty = (adultId: string): AdultView => ({ adultId, knownNames: [], datesOfBirth: [], postcodes: [], references: [] });
  return rows.map((row) => ({
    id: row.id, status: row.status, score: row.score, evidence: row.evidence, openedAt: row.opened_at, resolvedBy: row.resolved_by, reason: row.reason,
    adult: views.get(row.adult_id) ?? empty(row.adult_id), candidate: views.get(row.candidate_adult_id) ?? empty(row.candidate_adult_id),
  }));
}

export const REVIEW_COLUMNS = "id, adult_id, candidate_adult_id, status, score, evidence, opened_at, resolved_by, reason";

/**
 * The open adult link reviews, longest waiting first: each pair's names, dates of birth, postcodes and
 * holding agencies, the evidence (levels, weights, whether identifiers agreed). The read is audited
 * with the steward's access context and the SUIs of the children the adults are related to, before it
 * is returned.
 */
export async function listAdultLinkReviews(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, first: number, after: { openedAt: Date; id: string } | null, now = new Date()): Promise<AdultLinkReviewPage> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.ADULT_LINK_REVIEWS_READ, access, childSuis: [], details: { first } }, now);
  const rows = await dataSource.query<ReviewRow[]>(
    `SELECT ${REVIEW_COLUMNS} FROM adult_link_review WHERE status = 'OPEN' AND ($2::timestamptz IS NULL OR (opened_at, id) > ($2::timestamptz, $3::uuid))
     ORDER BY opened_at, id LIMIT $1`,
    [first + 1, after?.openedAt ?? null, after?.id ?? null],
  );
  const [{ count }] = await dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM adult_link_review WHERE status = 'OPEN'`);
  const page = rows.slice(0, first);
  const reviews = await adultReviewViews(dataSource.manager, page);
  const childSuis = await childrenOfAdults(dataSource.manager, page.flatMap((row) => [row.adult_id, row.candidate_adult_id]));
  await auditStewardRead(services, { ...steward, childSuis, details: { first, reviewIds: reviews.map((review) => review.id) } }, now);
  return { reviews, totalCount: count, hasNextPage: rows.length > first };
}
