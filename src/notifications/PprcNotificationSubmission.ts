import { type AddressSubmission } from "../records/AgencyRecordSubmission";
import { type PprcStatus } from "../records/details/PrisonRecord";
import { type Relationship } from "../people/Relationship";
import { type Sex } from "../people/Sex";
import { type PprcEvent } from "./PprcEvent";

/**
 * What a prison tells the hub about a PPRC (DOMAIN.md "Who must tell whom"). The GraphQL input
 * implements this shape; a test or a batch can build it directly. Absent optional values may be
 * `undefined` or `null`.
 */
export interface PprcNotificationSubmission {
  /** The prison's own code: the notification is its. */
  agencyCode: string;
  /** The prison's own reference for this event: resubmitting it is the same notification, never a second. */
  reference: string;
  event: PprcEvent;
  /** YYYY-MM-DD: the day of the reception, transfer, temporary release, release, request or status change. */
  eventDate: string;
  /** The establishment holding the prisoner (its name as the prison gives it). */
  establishment: string;
  /** TRANSFER: where the prisoner goes. */
  destinationEstablishment?: string | null;
  /** TEMPORARY_RELEASE: the day the prisoner is due back. */
  returnDate?: string | null;
  pprcStatus: PprcStatus;
  /** YYYY-MM-DD: when the status was assessed (a STATUS_CHANGE's own day if not given). */
  pprcAssessedOn?: string | null;
  mappa?: { category: number; level: number } | null;
  prisoner: PrisonerSubmission;
  /** RELEASE: the release date and the address the prisoner is released to. */
  release?: { date: string; address: AddressSubmission } | null;
  /** NAME_CHANGE_REQUEST: the name the prisoner asks to be known by. */
  requestedName?: { givenNames: string; familyName: string } | null;
  offenderManagementUnitContact?: string | null;
  childrenAtRisk?: ChildAtRiskSubmission[] | null;
}

/** The prisoner, identified as any record's adult is (prison number first). */
export interface PrisonerSubmission {
  prisonNumber: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  /** ONS code of the prisoner's home local authority. */
  homeLocalAuthority?: string | null;
  postcode?: string | null;
  nhsNumber?: string | null;
  pncId?: string | null;
  probationCrn?: string | null;
}

/** An identified child at risk: by SUI, or by demographics matched as any record's child. */
export interface ChildAtRiskSubmission {
  /** The prison's own reference for its record of the PPRC and this child. */
  reference: string;
  sui?: string | null;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string | null;
  sex: Sex;
  address?: AddressSubmission | null;
  /** How the prisoner stands to the child. */
  relationshipToPrisoner: Relationship;
}
