import { type Relationship } from "../people/Relationship";
import { type AgencyTypeHolding } from "./agencyTypesHolding";

/** Why a member is placed with the child viewed; the relationships only for a LINKED_ADULT. */
export interface HouseholdLinkView {
  kind: "SAME_ADDRESS" | "LINKED_ADULT";
  adultRelationshipToChild: Relationship | null;
  adultRelationshipToMember: Relationship | null;
}

/** A member's details as the policy lets the caller tell the children apart; null where withheld. Never an address. */
export interface HouseholdMemberDemographics {
  givenNames: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
}

export interface HouseholdMemberView {
  /** Open the child with `child(sui, access)` under the same case reference; null for a child awaiting an SUI. */
  sui: string | null;
  placedBy: HouseholdLinkView[];
  demographics: HouseholdMemberDemographics;
  withheld: { path: string; rule: string }[];
  agencyTypes: AgencyTypeHolding[];
}

export interface HouseholdView {
  /** The audit entry's id: quote it to an IG lead. */
  viewId: string;
  members: HouseholdMemberView[];
  /** An adult of the child's is named with more children than the policy lets the view list: too many to list — narrow. */
  tooManyToList: boolean;
}
