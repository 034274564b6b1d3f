import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { MaxLength } from "class-validator";
import { AgencyType } from "../../../directory/AgencyType";
import { Relationship } from "../../../people/Relationship";
import { Sex } from "../../../people/Sex";
import { type AgencyReferenceCriterion, type BirthCriterion, type SearchCriteria } from "../../../search/SearchCriteria";

@InputType({ description: "A date of birth as the referrer knows it: exactly one of a date (a day/month swap is still found), a range of at most a year, or an age." })
export class BirthCriterionInput implements BirthCriterion {
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." }) @MaxLength(10) exact?: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD: the earliest date of birth, with `to`." }) @MaxLength(10) from?: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD: the latest date of birth, with `from`." }) @MaxLength(10) to?: string | null;
  @Field(() => Int, { nullable: true, description: "Age in whole years today." }) age?: number | null;
}

@InputType({ description: "An agency's own reference for its record of the child." })
export class AgencyReferenceInput implements AgencyReferenceCriterion {
  @Field(() => String, { description: "The agency's code in the hub's directory." }) @MaxLength(40) agencyCode: string;
  @Field(() => String) @MaxLength(64) reference: string;
}

@InputType({ description: "What the referrer knows of the child. Give at least two of the demographic fields (a name with a date of birth finds a child best), or the SUI, or an agency's reference." })
export class SearchCriteriaInput implements SearchCriteria {
  @Field(() => String, { nullable: true }) @MaxLength(100) givenNames?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(100) familyName?: string | null;
  @Field(() => BirthCriterionInput, { nullable: true }) dateOfBirth?: BirthCriterionInput | null;
  @Field(() => Sex, { nullable: true }) sex?: Sex | null;
  @Field(() => String, { nullable: true, description: "A full UK postcode, current or old. Searched no finer than the policy shows you a candidate's address (policies/search.yaml candidateComparisons: children's social care by its district); refused (INVALID_INPUT, CRITERION_NOT_SHOWN) when you are shown no address." }) @MaxLength(10) postcode?: string | null;
  @Field(() => String, { nullable: true, description: "Free address text, current or old (e.g. \"14 Cobble Street, Sampleton HP20 9CS\"): a postcode in it is searched as a postcode, no finer than you are shown a candidate's address; the rest is compared with each candidate's first lines only where the policy shows you an address that finely. Refused (INVALID_INPUT, CRITERION_NOT_SHOWN) when nothing in it is usable by you: you are shown no address, or it gives no postcode and you are shown only a district. A withheld location, or an address only a sealed or brokered record gave, matches nobody." }) @MaxLength(200) address?: string | null;
  @Field(() => ID, { nullable: true, description: "The child's SUI (NHS number)." }) sui?: string | null;
  @Field(() => AgencyReferenceInput, { nullable: true }) agencyReference?: AgencyReferenceInput | null;
}

@ObjectType({ description: "How one field agreed with the candidate: the identity matcher's comparison level and its weight in bits." })
export class FieldAgreementNode {
  @Field(() => String, { description: "givenNames, familyName, dateOfBirth, postcode or sex; address when the search gave an address's first line (weight 0: it ranks candidates of equal score, the matcher gives it no weight)." }) field: string;
  @Field(() => String, { description: "EXACT, EQUIVALENT, PHONETIC, DAY_MONTH_SWAPPED, SECTOR, … or MISSING when the search or the hub has no value." }) level: string;
  @Field(() => Float) weight: number;
}

@ObjectType({ description: "What tells this candidate from the others, as the policy allows for your purpose; null where withheld." })
export class CandidateDemographicsNode {
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth: string | null;
  @Field(() => Sex, { nullable: true }) sex: string | null;
  @Field(() => String, { nullable: true, description: "The postcode district only (e.g. HP20)." }) postcodeDistrict: string | null;
}

@ObjectType({ description: "A field withheld from a candidate, and the rule that withheld it." })
export class CandidateWithholdingNode {
  @Field(() => String) path: string;
  @Field(() => String) rule: string;
}

@ObjectType({ description: "An agency type holding a record of the candidate — never what the record says." })
export class AgencyTypeHoldingNode {
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => Boolean, { description: "Held under a brokered record: contact that agency, which decides what to share." }) restrictedInvolvement: boolean;
}

@ObjectType({ description: "A child the search could be about. Open it with `child(sui, access)` under the same case reference: that read is audited against the referral." })
export class ChildCandidateNode {
  @Field(() => ID, { nullable: true, description: "Null for a child still awaiting an SUI." }) sui: string | null;
  @Field(() => Float, { description: "The identity matcher's score in bits (the linker's weights, policies/linkage/match-weights.yaml) over what you are shown: the sum of `why`'s weights. Candidates are ranked by it." }) score: number;
  @Field(() => [FieldAgreementNode], { description: "Why it matched: each field's comparison level and weight, no finer than the policy shows you the field (policies/search.yaml candidateComparisons: a postcode at most DISTRICT); a field you are not shown is not listed." }) why: FieldAgreementNode[];
  @Field(() => CandidateDemographicsNode) demographics: CandidateDemographicsNode;
  @Field(() => [CandidateWithholdingNode]) withheld: CandidateWithholdingNode[];
  @Field(() => [AgencyTypeHoldingNode]) agencyTypes: AgencyTypeHoldingNode[];
}

@ObjectType({ description: "The candidates, best first, and the audit entry of the search." })
export class ChildSearchResultNode {
  @Field(() => ID, { description: "The audit entry's id: quote it to an IG lead." }) searchId: string;
  @Field(() => [ChildCandidateNode]) candidates: ChildCandidateNode[];
}

@ObjectType({ description: "Why the hub places a child with the child viewed: the same current address, or an adult a record of each child names (a shared parent: a sibling)." })
export class HouseholdLinkNode {
  @Field(() => String, { description: "SAME_ADDRESS or LINKED_ADULT." }) kind: string;
  @Field(() => Relationship, { nullable: true, description: "LINKED_ADULT: how the adult stands to the child viewed." }) adultRelationshipToChild: string | null;
  @Field(() => Relationship, { nullable: true, description: "LINKED_ADULT: how the adult stands to this child." }) adultRelationshipToMember: string | null;
}

@ObjectType({ description: "What tells the children apart, as the policy allows for your purpose; null where withheld. Never where the household is." })
export class HouseholdMemberDemographicsNode {
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth: string | null;
  @Field(() => Sex, { nullable: true }) sex: string | null;
}

@ObjectType({ description: "A child placed with the child viewed. Open it with `child(sui, access)` under the same case reference: the view opened it to that reference, and the read is audited." })
export class HouseholdMemberNode {
  @Field(() => ID, { nullable: true, description: "Null for a child still awaiting an SUI." }) sui: string | null;
  @Field(() => [HouseholdLinkNode]) placedBy: HouseholdLinkNode[];
  @Field(() => HouseholdMemberDemographicsNode) demographics: HouseholdMemberDemographicsNode;
  @Field(() => [CandidateWithholdingNode]) withheld: CandidateWithholdingNode[];
  @Field(() => [AgencyTypeHoldingNode]) agencyTypes: AgencyTypeHoldingNode[];
}

@ObjectType({ description: "The children placed with the child viewed, and the audit entry of the view." })
export class HouseholdViewNode {
  @Field(() => ID, { description: "The audit entry's id: quote it to an IG lead." }) viewId: string;
  @Field(() => [HouseholdMemberNode]) members: HouseholdMemberNode[];
  @Field(() => Boolean, { description: "An adult of the child's is named with more children than policies/household.yaml lets the view list: none of them is listed — too many to list; narrow the enquiry (open that adult's children by their own referrals)." }) tooManyToList: boolean;
}
