import { Sex } from "../../people/Sex";
import { type EntityManager } from "typeorm";
import { type LinkEvidence } from "../LinkEvidence";
import { type LinkReviewStatus } from "../LinkReview";
import { type ReportedIdentity } from "../ReportedIdentity";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { addressReportedByUnrestrictedRecord, locationWithheld, matchablePostcodes, reportedByUnrestrictedRecord, unrestrictedBirthDate, unrestrictedExpectedBirthDate, unrestrictedSex } from "../../people/unrestrictedSource";

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
  /**
   * A SEALED record shows neither its agency nor its type: only that it exists. A SEALED or BROKERED
   * record's reported names, date of birth, sex and postcode, and its agency's own reference for the
   * child (a clinic's patient number), are masked (`masked`): the steward decides on the evidence.
   */
  record: { id: string; agencyCode: string | null; agencyReference: string | null; recordType: string | null; reported: MaskableIdentity; locationWithheld: boolean; masked: boolean };
  /** The candidate as unrestricted records report them: names, date of birth and postcodes that only sealed or brokered records reported are masked. */
  candidate: { childId: string; sui: string | null; givenNames: string | null; familyName: string | null; dateOfBirth: string | null; expectedDateOfBirth: string | null; sex: string; knownNames: string[]; postcodes: string[]; locationWithheld: boolean };
  /** Other reviews still open for the same record (other candidates). */
  otherOpenCandidates: number;
}

/** A reported identity as a steward may see it: names and postcode null when masked. */
export type MaskableIdentity = Omit<ReportedIdentity, "givenNames" | "familyName"> & { givenNames: string | null; familyName: string | null };

interface ReviewRow {
  id: string; status: LinkReviewStatus; score: number; evidence: LinkEvidence; opened_at: Date; resolved_by: string | null; resolved_at: Date | null; reason: string | null;
  record_id: string; agency_code: string; agency_reference: string; record_type: string; reported_identity: ReportedIdentity; sealed: boolean; restricted: boolean;
  child_id: string; sui: string | null; shown_name: { given_names: string; family_name: string } | null; date_of_birth: string | null; expected_date_of_birth: string | null; sex: string | null;
  known_names: string[] | null; postcodes: string[] | null; candidate_location_withheld: boolean; other_open: number;
}

export const REVIEW_VIEW_SQL = `
  SELECT v.id, v.status, v.score, v.evidence, v.opened_at, v.resolved_by, v.resolved_at, v.reason,
    r.id AS record_id, r.agency_code, r.agency_reference, r.record_type, r.reported_identity, 'SEALED' = ANY(r.labels) AS sealed,
    r.labels && ARRAY['SEALED', 'BROKERED']::text[] AS restricted,
    c.id AS child_id, c.sui, ${unrestrictedSex("c")} AS sex,
    (SELECT json_build_object('given_names', n.given_names, 'family_name', n.family_name) FROM child_name n
      WHERE n.child_id = c.id AND ${reportedByUnrestrictedRecord("n", "c")} ORDER BY n.kind = 'USUAL' DESC, n.first_reported_at, n.id LIMIT 1) AS shown_name,
    ${unrestrictedBirthDate("c")} AS date_of_birth,
    CASE WHEN c.date_of_birth IS NULL THEN ${unrestrictedExpectedBirthDate("c")} END AS expected_date_of_birth,
    p.given_names AS known_names,
    ${matchablePostcodes("c")} AS postcodes,
    EXISTS (SELECT 1 FROM child_address a WHERE a.child_id = c.id AND ${locationWithheld("a")} AND ${addressReportedByUnrestrictedRecord("a", "c")}) AS candidate_location_withheld,
    (SELECT count(*)::int FROM link_review o WHERE o.record_id = v.record_id AND o.status = 'OPEN' AND o.id <> v.id) AS other_open
  FROM link_review v
  JOIN agency_record r ON r.id = v.record_id
  JOIN child c ON c.id = v.candidate_child_id
  LEFT JOIN child_match_profile p ON p.child_id = c.id`;

/**
 * A steward sees identities, within the same limits as everyone else: a location-withheld address (a
 * refuge, a placement) shows as withheld, never its postcode, on either side; a sealed record shows
 * neither its agency nor its type; what only a sealed or brokered record reported — the record's own
 * reported names, date of birth, sex and postcode, a candidate's name, date of birth or postcode — is masked (design principle 8). The
 * matcher still compares them; the steward reads the evidence, field by field.
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
      agencyReference: row.restricted ? null : row.agency_reference,
      recordType: row.sealed ? null : row.record_type,
      reported: {
        ...reported,
        givenNames: row.restricted ? null : reported.givenNames,
        familyName: row.restricted ? null : reported.familyName,
        dateOfBirth: row.restricted ? null : reported.dateOfBirth,
        expectedDateOfBirth: row.restricted ? null : reported.expectedDateOfBirth,
        sex: row.restricted ? Sex.NOT_KNOWN : reported.sex,
        postcode: reportedWithheld || row.restricted ? null : reported.postcode,
        address: null,
      },
      locationWithheld: reportedWithheld,
      masked: row.restricted,
    },
    candidate: {
      childId: row.child_id, sui: row.sui, givenNames: row.shown_name?.given_names ?? null, familyName: row.shown_name?.family_name ?? null, dateOfBirth: row.date_of_birth, expectedDateOfBirth: row.expected_date_of_birth, sex: row.sex ?? "NOT_KNOWN",
      knownNames: row.known_names ?? [], postcodes: row.postcodes ?? [], locationWithheld: row.candidate_location_withheld,
    },
    otherOpenCandidates: row.other_open,
  };
}

export async function loadReviewView(manager: EntityManager, id: string): Promise<LinkReviewView | null> {
  const [row]: ReviewRow[] = await manager.query(`${REVIEW_VIEW_SQL} WHERE v.id = $1`, [id]);
  return row === undefined ? null : reviewView(row);
}

/** One review, open or decided, unless it proposes a child in `keptOutChildIds`: null then, as for an id the hub does not hold. */
export async function loadReviewViewNotKeptOut(manager: EntityManager, id: string, keptOutChildIds: readonly string[]): Promise<LinkReviewView | null> {
  const [row]: ReviewRow[] = await manager.query(`${REVIEW_VIEW_SQL} WHERE v.id = $1 AND NOT (v.candidate_child_id = ANY($2::uuid[]))`, [id, keptOutChildIds]);
  return row === undefined ? null : reviewView(row);
}

/** The open reviews, longest waiting first, leaving out those proposing a child in `keptOutChildIds`. */
export async function loadOpenReviewViews(manager: EntityManager, first: number, after: { openedAt: Date; id: string } | null, keptOutChildIds: readonly string[]): Promise<LinkReviewView[]> {
  const open = `${REVIEW_VIEW_SQL} WHERE v.status = 'OPEN' AND NOT (v.candidate_child_id = ANY($2::uuid[]))`;
  const rows: ReviewRow[] = after === null
    ? await manager.query(`${open} ORDER BY v.opened_at, v.id LIMIT $1`, [first, keptOutChildIds])
    : await manager.query(`${open} AND (v.opened_at, v.id) > ($3, $4) ORDER BY v.opened_at, v.id LIMIT $1`, [first, keptOutChildIds, after.openedAt, after.id]);
  return rows.map(reviewView);
}
