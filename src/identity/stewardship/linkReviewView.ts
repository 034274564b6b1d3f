import { type EntityManager } from "typeorm";
import { type LinkEvidence } from "../LinkEvidence";
import { type LinkReviewStatus } from "../LinkReview";
import { type ReportedIdentity } from "../ReportedIdentity";
import { SensitivityLabel } from "../../records/SensitivityLabel";

/** A link review as a data steward sees it: the record's reported identity beside the candidate child's. */
export interface LinkReviewView {
  id: string;
  status: LinkReviewStatus;
  score: number;
  evidence: LinkEvidence;
  openedAt: Date;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  reason: string | null;
  /** A SEALED record shows neither its agency nor its type: only that it exists. */
  record: { id: string; agencyCode: string | null; agencyReference: string | null; recordType: string | null; reported: ReportedIdentity; locationWithheld: boolean };
  candidate: { childId: string; sui: string | null; givenNames: string; familyName: string; dateOfBirth: string | null; sex: string; knownNames: string[]; postcodes: string[]; locationWithheld: boolean };
  /** Other reviews still open for the same record (other candidates). */
  otherOpenCandidates: number;
}

interface ReviewRow {
  id: string; status: LinkReviewStatus; score: number; evidence: LinkEvidence; opened_at: Date; resolved_by: string | null; resolved_at: Date | null; reason: string | null;
  record_id: string; agency_code: string; agency_reference: string; record_type: string; reported_identity: ReportedIdentity; sealed: boolean;
  child_id: string; sui: string | null; given_names: string; family_name: string; date_of_birth: string | null; sex: string;
  known_names: string[] | null; postcodes: string[] | null; candidate_location_withheld: boolean; other_open: number;
}

export const REVIEW_VIEW_SQL = `
  SELECT v.id, v.status, v.score, v.evidence, v.opened_at, v.resolved_by, v.resolved_at, v.reason,
    r.id AS record_id, r.agency_code, r.agency_reference, r.record_type, r.reported_identity, 'SEALED' = ANY(r.labels) AS sealed,
    c.id AS child_id, c.sui, c.given_names, c.family_name, c.date_of_birth::text AS date_of_birth, c.sex,
    p.given_names AS known_names,
    ARRAY(SELECT DISTINCT a.postcode FROM child_address a WHERE a.child_id = c.id AND a.postcode <> '' AND NOT ('LOCATION_WITHHELD' = ANY(a.labels))) AS postcodes,
    EXISTS (SELECT 1 FROM child_address a WHERE a.child_id = c.id AND 'LOCATION_WITHHELD' = ANY(a.labels)) AS candidate_location_withheld,
    (SELECT count(*)::int FROM link_review o WHERE o.record_id = v.record_id AND o.status = 'OPEN' AND o.id <> v.id) AS other_open
  FROM link_review v
  JOIN agency_record r ON r.id = v.record_id
  JOIN child c ON c.id = v.candidate_child_id
  LEFT JOIN child_match_profile p ON p.child_id = c.id`;

/**
 * A steward sees identities, within the same limits as everyone else: a location-withheld address (a
 * refuge, a placement) shows as withheld, never its postcode, on either side; a sealed record shows
 * neither its agency nor its type. The matcher still compares them; the steward reads the evidence.
 */
export function reviewView(row: ReviewRow): LinkReviewView {
  const reported = row.reported_identity;
  const reportedWithheld = (reported.address?.labels ?? []).includes(SensitivityLabel.LOCATION_WITHHELD);
  return {
    id: row.id, status: row.status, score: row.score, evidence: row.evidence, openedAt: row.opened_at,
    resolvedBy: row.resolved_by, resolvedAt: row.resolved_at, reason: row.reason,
    record: {
      id: row.record_id,
      agencyCode: row.sealed ? null : row.agency_code,
      agencyReference: row.sealed ? null : row.agency_reference,
      recordType: row.sealed ? null : row.record_type,
      reported: { ...reported, postcode: reportedWithheld ? null : reported.postcode, address: null },
      locationWithheld: reportedWithheld,
    },
    candidate: {
      childId: row.child_id, sui: row.sui, givenNames: row.given_names, familyName: row.family_name, dateOfBirth: row.date_of_birth, sex: row.sex,
      knownNames: row.known_names ?? [], postcodes: row.postcodes ?? [], locationWithheld: row.candidate_location_withheld,
    },
    otherOpenCandidates: row.other_open,
  };
}

export async function loadReviewView(manager: EntityManager, id: string): Promise<LinkReviewView | null> {
  const [row]: ReviewRow[] = await manager.query(`${REVIEW_VIEW_SQL} WHERE v.id = $1`, [id]);
  return row === undefined ? null : reviewView(row);
}

export async function loadOpenReviewViews(manager: EntityManager, first: number, after: { openedAt: Date; id: string } | null): Promise<LinkReviewView[]> {
  const rows: ReviewRow[] = after === null
    ? await manager.query(`${REVIEW_VIEW_SQL} WHERE v.status = 'OPEN' ORDER BY v.opened_at, v.id LIMIT $1`, [first])
    : await manager.query(`${REVIEW_VIEW_SQL} WHERE v.status = 'OPEN' AND (v.opened_at, v.id) > ($2, $3) ORDER BY v.opened_at, v.id LIMIT $1`, [first, after.openedAt, after.id]);
  return rows.map(reviewView);
}
