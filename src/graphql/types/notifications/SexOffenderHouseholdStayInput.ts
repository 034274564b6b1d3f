import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { type RegisteredOffenderSubmission, type SexOffenderHouseholdStaySubmission } from "../../../notifications/sexOffenderHouseholds/SexOffenderHouseholdStaySubmission";
import { Relationship } from "../../../people/Relationship";
import { Sex } from "../../../people/Sex";
import { MultiLineText } from "../../input/MultiLineText";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

@InputType({ description: "The registered sex offender, as your force's records hold them." })
export class RegisteredOffenderInput implements RegisteredOffenderSubmission {
  @Field(() => String, { description: "Your force's own reference for the person (nominal id)." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => String) @MaxLength(MAX.personName) givenNames: string;
  @Field(() => String) @MaxLength(MAX.personName) familyName: string;
  @Field(() => LocalDateResolver) dateOfBirth: string;
  @Field(() => Sex) sex: Sex;
  @Field(() => String, { nullable: true, description: "Matching evidence only; never disclosed." }) @IsOptional() @MaxLength(20) pncId?: string | null;
}

@InputType({ description: "A registered sex offender notified your force of staying 12 hours or more in a household where a child lives: children's social care of the household's authority is told. One notification per child." })
export class SexOffenderHouseholdStayInput implements SexOffenderHouseholdStaySubmission {
  @Field(() => String, { description: "Your force's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for your record of this notice and this child: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => LocalDateResolver, { description: "The day the offender notified your force." }) notifiedOn: string;
  @Field(() => LocalDateResolver, { description: "The day the stay began." }) stayStartedOn: string;
  @Field(() => RegisteredOffenderInput) @ValidateNested() offender: RegisteredOffenderInput;
  @Field(() => Relationship, { description: "How the offender stands to the child." }) relationshipToChild: Relationship;
  @Field(() => ChildIdentityInput, { description: "The child, with the household's address and its local authority (required), and a date of birth." }) @ValidateNested() child: ChildIdentityInput;
  @Field(() => String, { nullable: true, description: "Police intelligence: always LAW_ENFORCEMENT, never passed on. Free text; may span several lines." }) @IsOptional() @MaxLength(MAX.text) @MultiLineText() intelligence?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) officerName?: string | null;
  @Field(() => String, { nullable: true, description: "Organisational: the public protection unit's mailbox or duty line." }) @IsOptional() @MaxLength(MAX.contact) officerContact?: string | null;
}
