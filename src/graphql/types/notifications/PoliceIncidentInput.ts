import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { type PoliceIncidentSubmission } from "../../../notifications/policeIncidents/PoliceIncidentSubmission";
import { MultiLineText } from "../../input/MultiLineText";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

/** What every police notification about a child carries: the force, its reference, the incident as its record holds it, and the child. */
@InputType()
export abstract class PoliceIncidentInput implements PoliceIncidentSubmission {
  @Field(() => String, { description: "Your force's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for your record of the incident and this child: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => LocalDateResolver, { nullable: true }) occurredOn?: string | null;
  @Field(() => LocalDateResolver) reportedOn: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(40) crimeReference?: string | null;
  @Field(() => String, { nullable: true, description: "Your account of the incident (it names other people). Free text; may span several lines." }) @IsOptional() @MaxLength(MAX.text) @MultiLineText() summary?: string | null;
  @Field(() => String, { nullable: true, description: "Police intelligence: always LAW_ENFORCEMENT. Free text; may span several lines." }) @IsOptional() @MaxLength(MAX.text) @MultiLineText() intelligence?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) officerName?: string | null;
  @Field(() => String, { nullable: true, description: "Organisational: the team's mailbox or duty line." }) @IsOptional() @MaxLength(MAX.contact) officerContact?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() activeInvestigation?: boolean | null;
  @Field(() => ChildIdentityInput) @ValidateNested() child: ChildIdentityInput;
}
