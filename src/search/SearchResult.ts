import { type AgencyTypeHolding } from "./agencyTypesHolding";

/** How one field of the search agreed with the candidate: the matcher's comparison level and its weight. */
export interface FieldAgreement {
  field: string;
  level: string;
  weight: number;
}

/** A candidate's details as the policy lets a searcher tell candidates apart; null where withheld. */
export interface CandidateDemographics {
  givenNames: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  /** The postcode district only (HP20): enough to tell two candidates apart, not where the child lives. */
  postcodeDistrict: string | null;
}

export interface ChildCandidate {
  /** Open the child with `child(sui, access)` under the same case reference; null for a child awaiting an SUI. */
  sui: string | null;
  score: number;
  why: FieldAgreement[];
  demographics: CandidateDemographics;
  /** The paths withheld from `demographics`, with the rule. */
  withheld: { path: string; rule: string }[];
  agencyTypes: AgencyTypeHolding[];
}

export interface ChildSearchResult {
  /** The audit entry's id: quote it to an IG lead. */
  searchId: string;
  candidates: ChildCandidate[];
}
