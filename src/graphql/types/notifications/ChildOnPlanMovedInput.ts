import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { type ChildOnPlanMovedSubmission } from "../../../notifications/planTransfer/ChildOnPlanMovedSubmission";
import { PlanCategory } from "../../../records/details/SocialCareRecord";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

@InputType({ description: "The child protection plan of a child who moved: what the receiving authority's transfer-in conference needs." })
export class MovedPlanInput {
  @Field(() => PlanCategory) planCategory: PlanCategory;
  @Field(() => LocalDateResolver) startDate: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) allocatedWorkerName?: string | null;
  @Field(() => String, { nullable: true, description: "Organisational: a team mailbox or duty line." }) @IsOptional() @MaxLength(MAX.contact) allocatedWorkerContact?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.shortText) allocatedTeam?: string | null;
}

@InputType({ description: "A child on your child protection plan (a pre-birth plan included) moved to another authority's area: that authority is told and convenes a transfer-in conference." })
export class ChildOnPlanMovedInput implements ChildOnPlanMovedSubmission {
  @Field(() => String, { description: "Your authority's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for this notification: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => String, { description: "Your own reference for your record of the plan." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "planReference must be printable ASCII without spaces" })
  planReference: string;
  @Field(() => LocalDateResolver) movedOn: string;
  @Field(() => ChildIdentityInput, { description: "The child, with the address moved to and its local authority." }) @ValidateNested() child: ChildIdentityInput;
  @Field(() => MovedPlanInput) @ValidateNested() plan: MovedPlanInput;
}
