import { type Sex } from "../people/Sex";

/** A date of birth as a referrer knows it: exactly (a day/month swap is still found), between two dates, or only an age. */
export interface BirthCriterion {
  exact?: string | null;
  from?: string | null;
  to?: string | null;
  /** Age in whole years today. */
  age?: number | null;
}

/** An agency's own reference for its record of the child (a police crime number, a school's pupil id). */
export interface AgencyReferenceCriterion {
  agencyCode: string;
  reference: string;
}

/** What a referrer knows of a child: any of these; each field given is one criterion. */
export interface SearchCriteria {
  givenNames?: string | null;
  familyName?: string | null;
  dateOfBirth?: BirthCriterion | null;
  sex?: Sex | null;
  postcode?: string | null;
  /** Free address text, current or old ("14 Cobble Street, Sampleton HP20 9CS"): its postcode as a postcode, the rest as a first line. */
  address?: string | null;
  sui?: string | null;
  agencyReference?: AgencyReferenceCriterion | null;
}

/** The criteria's names, as the audit entry lists the fields used. */
export const CRITERIA_FIELDS = ["givenNames", "familyName", "dateOfBirth", "sex", "postcode", "address", "sui", "agencyReference"] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];
