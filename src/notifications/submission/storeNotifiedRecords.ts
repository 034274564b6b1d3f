import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { ErrorCode, HubError } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { type AddressSubmission, type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { type ReportedIdentity } from "../../identity/ReportedIdentity";
import { submitRecords } from "../../records/submitRecord";
import { sameLocation } from "../../people/identityFacts";
import { normalisePostcode } from "../../people/postcode";

/** One record a notification stores, and where in the notification it came from (for a refusal's path). */
export interface NotifiedRecord {
  submission: AgencyRecordSubmission;
  path: string;
  /**
   * Set only where the notification type's purpose is to report the child's move by the agency whose
   * record says where the child lives (a plan moving authority, told by the authority holding the plan):
   * then the address a person gives is the record's new address. Everywhere else a person's typed address
   * is the notification's own account and the held record keeps the address its agency reported
   * (`keepingWhatIsHeld`). The agency's system reports addresses as it reports any record.
   */
  reportsChildMoved?: true;
}

/** A stored record: its id, and the child it is linked to (its SUI where the child has one). */
export interface StoredRecord {
  recordId: string;
  childId: string | null;
  childSui: string | null;
}

/**
 * A notification's facts stored as the notifying agency's own records, as any record is (the batched
 * write path of `records/`): each child linked by SUI or matched on demographics (auto-link, a steward's
 * review, or a new child), each adult matched to the adult the hub holds. A notification is the
 * agency's own report of what its system holds, authorised by the notification type's submitters: an
 * officer's notification is stored as the agency's record — after `assertChildrenHeld`, so a person
 * never founds a record that makes the agency involved with a child. A record refused is refused at its
 * path in the notification.
 */
export async function storeNotifiedRecords(dataSource: DataSource, principal: Principal, records: readonly NotifiedRecord[], now: Date): Promise<StoredRecord[]> {
  if (records.length === 0) return [];
  const asAgency: Principal = { ...principal, roles: [Role.AGENCY_SYSTEM] };
  const kept = await keepingWhatIsHeld(dataSource, principal, records);
  const results = await submitRecords(dataSource, kept.map((submission) => ({ principal: asAgency, submission })), now);
  const recordIds = results.map((result, index) => {
    if (result.stored) return result.receipt.recordId;
    throw pathed(result.error, records[index].path);
  });
  const stored = await dataSource.getRepository(AgencyRecord).find({ where: recordIds.map((id) => ({ id })), relations: { child: true } });
  const byId = new Map(stored.map((record) => [record.id, record]));
  return recordIds.map((recordId) => {
    const child = byId.get(recordId)?.child ?? null;
    return { recordId, childId: child?.id ?? null, childSui: child?.sui ?? null };
  });
}

/** What the hub already holds under a notified record's reference. */
interface HeldRecord {
  agencyCode: string;
  reference: string;
  labels: SensitivityLabel[];
  fieldLabels: Record<string, SensitivityLabel[] | undefined>;
  socialCareStatus: string | null;
  reportedIdentity: ReportedIdentity;
}

/**
 * A notification reports on a record the agency holds; it never lifts that record's restrictions nor
 * turns it into another kind of case. A record already held under the notified reference keeps every
 * label it carries, on the record and on its fields, with any the notification adds; and a social care
 * record keeps its status — a MASH transfer naming a plan's reference, or a plan moving that names a
 * looked-after child's, is `CONFLICT` (a reference reused for a different thing), never a plan
 * overwritten as a referral (a record of another type is refused by the write path itself,
 * `RECORD_TYPE_MISMATCH`). Without this, a social worker's "child on a plan moved" stored the plan
 * again without its SEALED label, and a school read the sealed plan. One statement, sent whatever is held.
 */
async function keepingWhatIsHeld(dataSource: DataSource, principal: Principal, records: readonly NotifiedRecord[]): Promise<AgencyRecordSubmission[]> {
  const person = !principal.roles.includes(Role.AGENCY_SYSTEM);
  const rows = await dataSource.query<HeldRecord[]>(
    `SELECT r.agency_code AS "agencyCode", r.agency_reference AS "reference", r.labels, r.field_labels AS "fieldLabels", sc.status AS "socialCareStatus",
            r.reported_identity AS "reportedIdentity"
       FROM unnest($1::text[], $2::text[]) AS named(agency_code, reference)
       JOIN agency_record r ON r.agency_code = named.agency_code AND r.agency_reference = named.reference
       LEFT JOIN social_care_record sc ON sc.record_id = r.id`,
    [records.map(({ submission }) => submission.agencyCode), records.map(({ submission }) => submission.agencyReference)],
  );
  const held = new Map(rows.map((row) => [`${row.agencyCode} ${row.reference}`, row]));
  return records.map(({ submission, path, reportsChildMoved }) => {
    const record = held.get(`${submission.agencyCode} ${submission.agencyReference}`);
    if (record === undefined) return submission;
    const status = submission.socialCare?.status ?? null;
    if (record.socialCareStatus !== null && status !== null && status !== record.socialCareStatus) {
      throw new HubError(ErrorCode.CONFLICT, "This reference names a case of another kind in your agency's records: a notification reports on the case it names, it never turns one kind of case into another.", { path: `${path}.agencyReference`, problem: "REFERENCE_NAMES_ANOTHER_CASE" });
    }
    const fieldLabels = new Map<string, Set<SensitivityLabel>>();
    const add = (field: string, labels: readonly SensitivityLabel[]) => labels.forEach((label) => fieldLabels.set(field, (fieldLabels.get(field) ?? new Set()).add(label)));
    Object.entries(record.fieldLabels).forEach(([field, labels]) => add(field, labels ?? []));
    (submission.fieldLabels ?? []).forEach(({ field, labels }) => add(field, labels));
    // A person names the child by the record's reference and SUI (`assertChildrenHeld`); the names, date of
    // birth and sex they type never replace what the agency's record reports: a slip would unlink the record
    // (its SUI judged disputed, held for a steward — a plan gone from the child's file) or add names to the
    // child's match profile. Nor does the address they type, with its labels: the record's address counts
    // towards where the child lives (`residenceToldBy`, `addressTellsWhereChildLives`) — which council
    // answers for the child and reads the file, whose IG lead sees the trail, who shares the household —
    // and a LOCATION_WITHHELD label on it protects that place for every record. A typed address is the
    // notification's content, routed on and told to its recipients as the notifier's account; only a type
    // whose purpose is the holding agency's report of the child's move (`reportsChildMoved`) moves the
    // record. The agency's system reports identity and addresses.
    const identity = record.reportedIdentity;
    const child = person
      ? {
          ...submission.child, givenNames: identity.givenNames, familyName: identity.familyName, dateOfBirth: identity.dateOfBirth, expectedDateOfBirth: identity.expectedDateOfBirth, sex: identity.sex,
          address: reportsChildMoved && movedElsewhere(submission.child.address ?? null, identity.address) ? submission.child.address : identity.address,
        }
      : submission.child;
    return {
      ...submission,
      child,
      labels: [...new Set([...record.labels, ...(submission.labels ?? [])])],
      fieldLabels: [...fieldLabels].map(([field, labels]) => ({ field, labels: [...labels] })),
    };
  });
}

/**
 * Whether a person's address moves the child away from where the held record puts them: a "move" to the
 * place the record already gives (the same postcode, or first line in the same area) moves nothing, and
 * labels typed on it neither protect nor unprotect the place the agency reported.
 */
function movedElsewhere(typed: AddressSubmission | null, held: AddressSubmission | null): boolean {
  if (typed === null) return false;
  if (held === null) return true;
  const location = (address: AddressSubmission) => ({ line1: address.line1, postcode: normalisePostcode(address.postcode ?? "") ?? "", localAuthority: address.localAuthority ?? null });
  return !sameLocation(location(typed), location(held));
}

/** A child a notification names: the notifying agency's reference for its record of the child, and the SUI it gives. */
export interface NamedChild {
  reference: string;
  sui?: string | null;
  path: string;
}

/**
 * An officer's notification (not the agency's system) may name only children the agency's records
 * already hold, each by its reference there and the SUI it is linked to: a person never founds, or
 * moves to another child, the record that makes the agency involved with a child (and so lets its staff
 * read that child's file). A child the agency does not yet hold is reported by the agency's system, as
 * any record is (`records/submissionPolicy.ts`). The agency's system passes.
 */
export async function assertChildrenHeld(dataSource: DataSource, principal: Principal, agencyCode: string, children: readonly NamedChild[], problem: string, message: string): Promise<void> {
  if (principal.roles.includes(Role.AGENCY_SYSTEM) || children.length === 0) return;
  const rows = await dataSource.query<{ reference: string; sui: string | null }[]>(
    `SELECT r.agency_reference AS reference, c.sui FROM agency_record r JOIN child c ON c.id = r.child_id
     WHERE r.agency_code = $1 AND r.agency_reference = ANY($2::text[]) AND r.link_state = 'LINKED'`,
    [agencyCode, children.map((child) => child.reference)],
  );
  const held = new Map(rows.map((row) => [row.reference, row.sui]));
  for (const child of children) {
    const sui = child.sui?.trim() ?? "";
    if (sui === "" || held.get(child.reference) !== sui) throw new HubError(ErrorCode.FORBIDDEN, message, { path: child.path, problem });
  }
}

/** A record's refusal, with its path under the part of the notification it came from. */
function pathed(error: unknown, prefix: string): unknown {
  if (!(error instanceof HubError)) return error;
  const path = typeof error.details.path === "string" ? error.details.path.replace(/^record/, prefix) : prefix;
  return new HubError(error.code, error.message, { ...error.details, path });
}
