import { type AgencyType } from "../directory/AgencyType";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type FieldValue } from "../records/recordFieldValues";
import { type ConsentState } from "./ConsentState";
import { type NotificationRecordType } from "./notificationFields";
import { type RelationshipKind } from "./RelationshipKind";

/**
 * The child's own details are decided like a record of this pseudo-type (fields in `CHILD_FIELDS`), and
 * a routed notification's content like records of `NotificationRecordType` (`notificationFields.ts`).
 */
export const CHILD_DETAILS = "CHILD" as const;
export type DecidedRecordType = RecordType | typeof CHILD_DETAILS | NotificationRecordType;

/** The demographic fields of the child that policies name under `CHILD`. */
export const CHILD_FIELDS = ["givenNames", "familyName", "dateOfBirth", "sex", "localAuthority", "aliases", "addresses"] as const;
export type ChildField = (typeof CHILD_FIELDS)[number];

/** One field of one record, as the policy engine sees it: where it is, what it is, how it is labelled. */
export interface FieldSubject {
  /** Where the field sits in the ChildRecord response, e.g. `police[0].intelligence`, `demographics.addresses[1]`. */
  path: string;
  recordType: DecidedRecordType;
  /** The field's name in `RECORD_FIELDS[recordType]` (or `CHILD_FIELDS`). */
  field: string;
  /** Effective labels: the catalogue's defaults, the agency's field labels and the record's labels. */
  labels: SensitivityLabel[];
}

/** One agency record (or the child's own details) offered for disclosure. */
export interface RecordSubject {
  /** Where the record sits in the response, e.g. `police[0]`, or `demographics`. */
  path: string;
  recordType: DecidedRecordType;
  /** The agency type that holds the record (null for the child's own details). */
  providerAgencyType: AgencyType | null;
  providerAgencyCode: string | null;
  /** Record-level labels (SEALED, BROKERED, WITHHOLD_FROM_FAMILY, …). */
  labels: SensitivityLabel[];
  /** The values of the record's fields policies may test (`records/recordFieldValues.ts`), e.g. a police record's incidentType. */
  attributes: Readonly<Record<string, FieldValue>>;
  fields: FieldSubject[];
}

/** Everything the engine needs to decide one disclosure about one child; no database access. */
export interface DisclosureSubject {
  relationships: RelationshipKind[];
  /** The effective consent for the requested purpose. */
  consent: ConsentState;
  /** A CSC manager has recorded a safeguarding override of consent for this child. */
  consentOverride: boolean;
  /**
   * The caller's case reference names an open referral, strategy discussion, s.47 enquiry or emergency
   * protection order about this child at the caller's local authority — checked against what the hub
   * holds, never taken on the caller's word. Permits that need a case reference need this.
   */
  openCaseReference: boolean;
  /**
   * The child is not yet born (an expected date of birth, and no date of birth any record the hub counts
   * gives): only the relationships `preBirth` lists (policies/relationships.yaml) count.
   */
  childNotYetBorn?: boolean;
  records: RecordSubject[];
}
