import { type AddressKind } from "../people/AddressKind";
import { type Relationship } from "../people/Relationship";
import { type Sex } from "../people/Sex";
import { type SensitivityLabel } from "./SensitivityLabel";
import { RecordType } from "./RecordType";
import { type SocialCareRecord } from "./details/SocialCareRecord";
import { type PoliceRecord } from "./details/PoliceRecord";
import { type HealthRecord } from "./details/HealthRecord";
import { type EducationRecord } from "./details/EducationRecord";
import { type ProbationRecord } from "./details/ProbationRecord";
import { type PrisonRecord } from "./details/PrisonRecord";
import { type YouthJusticeRecord } from "./details/YouthJusticeRecord";

/**
 * What an agency submits: the minimum safeguarding facts and a pointer (its own reference) to the
 * full record it keeps. The GraphQL input types implement these shapes; a batch import or a test can
 * build them directly. Absent optional values may be `undefined` or `null`.
 */
export interface AgencyRecordSubmission {
  agencyCode: string;
  agencyReference: string;
  recordedAt?: Date | null;
  child: ChildIdentitySubmission;
  labels?: SensitivityLabel[] | null;
  fieldLabels?: FieldLabelSubmission[] | null;
  relatedAdults?: RelatedAdultSubmission[] | null;
  socialCare?: DetailsOf<SocialCareRecord> | null;
  police?: DetailsOf<PoliceRecord> | null;
  health?: DetailsOf<HealthRecord> | null;
  education?: DetailsOf<EducationRecord> | null;
  probation?: DetailsOf<ProbationRecord, "offender"> | null;
  prison?: DetailsOf<PrisonRecord, "prisoner"> | null;
  youthJustice?: DetailsOf<YouthJusticeRecord> | null;
}

/** A detail entity's own facts, each optional here (GraphQL non-null marks the required ones). */
export type DetailsOf<T, Derived extends keyof T = never> = {
  [K in Exclude<keyof T, "recordId" | "record" | Derived>]?: T[K] | null;
};

export interface ChildIdentitySubmission {
  sui?: string | null;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string | null;
  expectedDateOfBirth?: string | null;
  sex: Sex;
  address?: AddressSubmission | null;
}

export interface AddressSubmission {
  kind: AddressKind;
  line1: string;
  line2?: string | null;
  town?: string | null;
  postcode?: string | null;
  localAuthority?: string | null;
  validFrom?: string | null;
  labels?: SensitivityLabel[] | null;
}

export interface FieldLabelSubmission {
  field: string;
  labels: SensitivityLabel[];
}

export interface RelatedAdultSubmission {
  /** The agency's own reference for the person (prison number, case reference, nominal id). */
  reference: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string | null;
  sex: Sex;
  homeLocalAuthority?: string | null;
  relationship: Relationship;
  parentalResponsibility?: boolean | null;
  posesRiskToChild?: boolean | null;
  /** The offender a probation record, or the prisoner a prison record, is about. */
  subjectOfRecord?: boolean | null;
  /** Where the person lives: matching evidence only. */
  postcode?: string | null;
  /** National identifiers: strong matching evidence (`NationalIdentifierScheme`), never disclosed. */
  nhsNumber?: string | null;
  prisonNumber?: string | null;
  pncId?: string | null;
  probationCrn?: string | null;
}

export const DETAIL_KEYS = ["socialCare", "police", "health", "education", "probation", "prison", "youthJustice"] as const;
export type DetailKey = (typeof DETAIL_KEYS)[number];

/** Which details block carries each record type's facts. */
export const DETAIL_KEY_OF_TYPE: Record<RecordType, DetailKey> = {
  [RecordType.SOCIAL_CARE]: "socialCare",
  [RecordType.POLICE]: "police",
  [RecordType.HEALTH]: "health",
  [RecordType.EDUCATION]: "education",
  [RecordType.PROBATION]: "probation",
  [RecordType.PRISON]: "prison",
  [RecordType.YOUTH_JUSTICE]: "youthJustice",
};
