import { type LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { type FieldValue } from "../records/recordFieldValues";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";

/**
 * What the exemptions are decided on: the facts the hub holds about the child and the disclosures of
 * them, as labels, types and ids — no values. The same shape comes from a child's file and audit trail
 * (`factsHeld.ts`, `disclosuresMade.ts`) and from the policy suites' fixtures, so the suites test the
 * decisions the hub makes.
 */
export interface SubjectAccessSubject {
  records: readonly RecordUnderReview[];
  identity: readonly IdentityFactUnderReview[];
  disclosures: readonly DisclosureUnderReview[];
}

/** One agency record linked to the child: an item of its own (its existence and source) and one per field it holds. */
export interface RecordUnderReview {
  /** `police[<recordId>]`, as on the audit trail. */
  item: string;
  recordId: string;
  recordType: RecordType;
  /** The agency holding the record: a disclosure to it can reveal the record. */
  agencyCode: string;
  labels: readonly SensitivityLabel[];
  /** The values of fields exemptions may test (`records/recordFieldValues.ts`). */
  attributes: Readonly<Record<string, FieldValue>>;
  fields: readonly FieldUnderReview[];
}

export interface FieldUnderReview {
  /** `police[<recordId>].intelligence`. */
  item: string;
  field: string;
  /** Effective labels: the catalogue's, the agency's, and the record's own (as for disclosure). */
  labels: readonly SensitivityLabel[];
}

/** A name, date of birth, sex or address of the child, with the records that reported it. */
export interface IdentityFactUnderReview {
  /** `demographics.names[<id>]`, `demographics.addresses[<id>]`, `demographics.dateOfBirth[<date>]` (`[record:<id>]` when only restricted records report it: `factsHeld.ts`). */
  item: string;
  /** An address's effective labels (LOCATION_WITHHELD); none for the other facts. */
  labels: readonly SensitivityLabel[];
  /** Record ids. */
  sources: readonly string[];
}

/** One disclosure of the child's information to an agency (an audit entry), and what it carried. */
export interface DisclosureUnderReview {
  /** `disclosures[<auditEntryId>]`. */
  item: string;
  lawfulBasis: LawfulBasis | null;
  purpose: Purpose | null;
  recipientAgency: string;
  /** The items (records, fields, identity facts) the entry carried, by item path. */
  carried: readonly string[];
  /** The entry does not say what it carried, or names records that are no longer this child's. */
  unattributed: boolean;
}
