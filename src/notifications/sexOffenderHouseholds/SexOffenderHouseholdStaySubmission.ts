import { type AddressSubmission, type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type Relationship } from "../../people/Relationship";
import { type Sex } from "../../people/Sex";

/** The registered sex offender, as the force's records hold them. */
export interface RegisteredOffenderSubmission {
  /** The force's own reference for the person (its nominal id): the hub matches them to the adult it holds. */
  reference: string;
  givenNames: string;
  familyName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  sex: Sex;
  /** Police National Computer id: matching evidence; reaches no one a grant does not name. */
  pncId?: string | null;
}

/**
 * What a police force's system tells the hub when a registered sex offender notified it of staying 12
 * hours or more in a household where a child lives (Sexual Offences Act 2003 s.84 and the 2012
 * notification requirements regulations): one notification per child. The GraphQL input implements it.
 */
export interface SexOffenderHouseholdStaySubmission {
  agencyCode: string;
  /** The force's own reference for its record of this notice and this child: resubmitting it is the same notification. */
  reference: string;
  /** YYYY-MM-DD: the day the offender notified the police. */
  notifiedOn: string;
  /** YYYY-MM-DD: the day the stay began (or begins: a stay notified ahead is dated on or before today only once it began). */
  stayStartedOn: string;
  offender: RegisteredOffenderSubmission;
  /** How the offender stands to the child. */
  relationshipToChild: Relationship;
  /** The child who lives in the household, with the household's address (its local authority's children's social care is told). */
  child: ChildIdentitySubmission & { address?: AddressSubmission | null };
  /** Police intelligence: law-enforcement processing, never passed on. */
  intelligence?: string | null;
  officerName?: string | null;
  /** Organisational: the public protection unit's mailbox or duty line. */
  officerContact?: string | null;
}
