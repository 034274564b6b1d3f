import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { type OperationEncompassSubmission } from "../../../notifications/operationEncompass/OperationEncompassSubmission";
import { ChildRoleInIncident } from "../../../records/details/PoliceRecord";
import { MultiLineText } from "../../input/MultiLineText";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

@InputType({ description: "Operation Encompass: a domestic abuse incident involving a child, one notification per child. The school the hub holds the child on the roll of is told before the next school day; it reads the incident's type, dates and the child's role only." })
export class OperationEncompassInput implements OperationEncompassSubmission {
  @Field(() => String, { description: "Your force's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for your record of the incident and this child: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => LocalDateResolver, { nullable: true }) occurredOn?: string | null;
  @Field(() => LocalDateResolver) reportedOn: string;
  @Field(() => ChildRoleInIncident) childRole: ChildRoleInIncident;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(40) crimeReference?: string | null;
  @Field(() => String, { nullable: true, description: "Never reaches a school. Free text; may span several lines." }) @IsOptional() @MaxLength(MAX.text) @MultiLineText() summary?: string | null;
  @Field(() => String, { nullable: true, description: "Police intelligence: never reaches a school. Free text; may span several lines." }) @IsOptional() @MaxLength(MAX.text) @MultiLineText() intelligence?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) officerName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.contact) officerContact?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() activeInvestigation?: boolean | null;
  @Field(() => ChildIdentityInput) @ValidateNested() child: ChildIdentityInput;
}
