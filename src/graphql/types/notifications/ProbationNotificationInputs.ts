import { Field, InputType, Int } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { type OffenderMovedSubmission } from "../../../notifications/probation/OffenderMovedSubmission";
import { type ChildOfOffenderSubmission, type OffenderRiskSubmission, type OffenderSubmission } from "../../../notifications/probation/OffenderSubmission";
import { type SafeguardingEnquirySubmission } from "../../../notifications/probation/SafeguardingEnquirySubmission";
import { Relationship } from "../../../people/Relationship";
import { Sex } from "../../../people/Sex";
import { RoshGroup, RoshLevel } from "../../../records/details/riskVocabulary";
import { MultiLineText } from "../../input/MultiLineText";
import { AddressInput } from "../AddressInput";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { LOCAL_AUTHORITY_PATTERN, MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

/** At most this many children in one probation notification. */
const MAX_CHILDREN = 20;

@InputType({ description: "The offender, as probation's case holds them." })
export class OffenderInput implements OffenderSubmission {
  @Field(() => String, { description: "The case reference number (CRN): matching evidence; reaches no one a grant does not name." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "crn must be printable ASCII without spaces" })
  crn: string;
  @Field(() => String) @MaxLength(MAX.personName) givenNames: string;
  @Field(() => String) @MaxLength(MAX.personName) familyName: string;
  @Field(() => LocalDateResolver) dateOfBirth: string;
  @Field(() => Sex) sex: Sex;
  @Field(() => String, { nullable: true, description: "Matching evidence only; never disclosed." }) @IsOptional() @MaxLength(20) pncId?: string | null;
}

@InputType({ description: "The offender of a sentencing enquiry, with where they live." })
export class EnquiryOffenderInput extends OffenderInput {
  @Field(() => String, { nullable: true, description: "ONS code of the local authority the offender lives in: its children's social care is asked." })
  @IsOptional() @Matches(LOCAL_AUTHORITY_PATTERN, { message: "homeLocalAuthority must be an ONS code such as E10000019" })
  homeLocalAuthority?: string | null;
  @Field(() => String, { nullable: true, description: "Matching evidence only." }) @IsOptional() @MaxLength(10) postcode?: string | null;
}

@InputType({ description: "Probation's assessment of the risk the offender poses." })
export class OffenderRiskInput implements OffenderRiskSubmission {
  @Field(() => RoshLevel) roshLevel: RoshLevel;
  @Field(() => [RoshGroup], { nullable: true }) @IsOptional() @ArrayMaxSize(5) roshTo?: RoshGroup[] | null;
  @Field(() => Int, { nullable: true }) mappaCategory?: number | null;
  @Field(() => Int, { nullable: true }) mappaLevel?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) offenderManagerName?: string | null;
  @Field(() => String, { nullable: true, description: "Organisational: the probation delivery unit's mailbox or duty line." }) @IsOptional() @MaxLength(MAX.contact) offenderManagerContact?: string | null;
}

@InputType({ description: "A child the notification is about, with a date of birth, the home address's local authority, and probation's reference for its record of the offender and this child." })
export class ChildOfOffenderInput extends ChildIdentityInput implements ChildOfOffenderSubmission {
  @Field(() => String, { description: "Probation's own reference for its record of the offender and this child." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => Relationship, { description: "How the offender stands to the child." }) relationshipToOffender: Relationship;
}

@InputType({ description: "An offender who poses a risk to an identified child moved to another local authority: its children's social care is told." })
export class OffenderMovedInput implements OffenderMovedSubmission {
  @Field(() => String, { description: "Your probation agency's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for this notification: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => LocalDateResolver) movedOn: string;
  @Field(() => OffenderInput) @ValidateNested() offender: OffenderInput;
  @Field(() => AddressInput, { description: "The address moved to, with its local authority (required)." }) @ValidateNested() newAddress: AddressInput;
  @Field(() => String, { description: "ONS code of the local authority the offender lived in before." })
  @Matches(LOCAL_AUTHORITY_PATTERN, { message: "previousLocalAuthority must be an ONS code such as E10000019" })
  previousLocalAuthority: string;
  @Field(() => OffenderRiskInput) @ValidateNested() risk: OffenderRiskInput;
  @Field(() => [ChildOfOffenderInput]) @ArrayMaxSize(MAX_CHILDREN) @ValidateNested({ each: true }) children: ChildOfOffenderInput[];
}

@InputType({ description: "Probation's child safeguarding enquiry at sentencing: children's social care where the offender and each child live is asked, and answers the same day." })
export class SafeguardingEnquiryInput implements SafeguardingEnquirySubmission {
  @Field(() => String, { description: "Your probation agency's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for the enquiry: resubmitting it is the same enquiry, and the answer names it." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => String) @MaxLength(MAX.shortText) court: string;
  @Field(() => LocalDateResolver, { description: "The hearing: today, or adjourned from an earlier day." }) hearingOn: string;
  @Field(() => EnquiryOffenderInput) @ValidateNested() offender: EnquiryOffenderInput;
  @Field(() => String, { description: "The offence before the court (criminal-offence data)." }) @MaxLength(MAX.shortText) offence: string;
  @Field(() => String, { description: "What you ask children's social care. Free text; may span several lines." }) @MaxLength(MAX.text) @MultiLineText() question: string;
  @Field(() => OffenderRiskInput, { description: "The risk screening at sentencing." }) @ValidateNested() risk: OffenderRiskInput;
  @Field(() => [ChildOfOffenderInput]) @ArrayMaxSize(MAX_CHILDREN) @ValidateNested({ each: true }) children: ChildOfOffenderInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) enquirerName?: string | null;
  @Field(() => String, { nullable: true, description: "Organisational: the court team's mailbox or duty line." }) @IsOptional() @MaxLength(MAX.contact) enquirerContact?: string | null;
}
