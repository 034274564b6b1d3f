import { type LinkMethod } from "../identity/linkVocabulary";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type SocialCareRecordFacts } from "./openReferralNamed";

/**
 * What an authority's own system recorded under a case reference: its social care records whose agency
 * reference is the reference, at the authority, linked to a child (`c`). One SQL for every reader — a
 * search and a binding (`openHubReferral`), and a `child` read, which takes it for each referral opened
 * in the hub about the referral's own child (`disclosure/loadChildFile`) — so a referral the authority
 * has decided is decided for each of them, the children a household view showed included.
 * `authority` and `reference` are SQL expressions.
 */
export function recordedUnderSql(authority: string, reference: string): string {
  return `SELECT r.id, r.version, r.agency_reference, r.link_method, r.labels, r.recorded_at, r.received_at, a.local_authority,
            s.status, s.legal_status, to_char(s.start_date, 'YYYY-MM-DD') AS start_date, to_char(s.end_date, 'YYYY-MM-DD') AS end_date
       FROM agency_record r
       JOIN agency a ON a.code = r.agency_code
       JOIN social_care_record s ON s.record_id = r.id
       JOIN child c ON c.id = r.child_id
      WHERE a.local_authority = ${authority} AND r.agency_reference = ${reference} AND r.link_state = 'LINKED'`;
}

/** A row of `recordedUnderSql`, from a query or from JSON (dates then arrive as text). */
export interface RecordedRow {
  id: string; version: number; agency_reference: string; link_method: LinkMethod; labels: SensitivityLabel[]; recorded_at: Date | string | null; received_at: Date | string;
  local_authority: string | null; status: string; legal_status: string | null; start_date: string; end_date: string | null;
}

export function recordedFacts(row: RecordedRow): SocialCareRecordFacts {
  return {
    record: {
      id: row.id, version: row.version, agencyReference: row.agency_reference, linkMethod: row.link_method, labels: row.labels,
      recordedAt: row.recorded_at === null ? null : new Date(row.recorded_at), receivedAt: new Date(row.received_at),
    },
    agency: { localAuthority: row.local_authority },
    details: { status: row.status, legalStatus: row.legal_status, startDate: row.start_date, endDate: row.end_date },
  };
}
