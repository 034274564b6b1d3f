import { type Relationship } from "../../people/Relationship";
import { type Sex } from "../../people/Sex";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type RoshGroup, type RoshLevel } from "../../records/details/riskVocabulary";

/** The offender a probation notification is about, as probation's case holds them. */
export interface OffenderSubmission {
  /** The case reference number (CRN): probation's own reference for the person; matching evidence, reaching no one a grant does not name. */
  crn: string;
  givenNames: string;
  familyName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  sex: Sex;
  /** Police National Computer id: matching evidence only. */
  pncId?: string | null;
}

/** Probation's assessment of the risk the offender poses (OASys), as its record holds it. */
export interface OffenderRiskSubmission {
  roshLevel: RoshLevel;
  roshTo?: RoshGroup[] | null;
  mappaCategory?: number | null;
  mappaLevel?: number | null;
  offenderManagerName?: string | null;
  /** Organisational: the probation delivery unit's mailbox or duty line. */
  offenderManagerContact?: string | null;
}

/** A child a probation notification names: probation's record of the offender and this child, and how the offender stands to the child. */
export interface ChildOfOffenderSubmission extends ChildIdentitySubmission {
  /** Probation's own reference for its record of the offender and this child. */
  reference: string;
  relationshipToOffender: Relationship;
}
