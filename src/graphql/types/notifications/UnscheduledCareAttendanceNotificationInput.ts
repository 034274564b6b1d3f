import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { type UnscheduledCareAttendanceSubmission } from "../../../notifications/unscheduledCare/UnscheduledCareAttendanceSubmission";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

@InputType({ description: "An attendance at an unscheduled-care setting (CP-IS): an emergency department, urgent care, out of hours. The setting is the directory's entry for your agency." })
export class UnscheduledCareAttendanceNotificationInput implements UnscheduledCareAttendanceSubmission {
  @Field(() => String, { description: "Your health agency's own code: the directory must hold it as an unscheduled-care setting." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for the attendance: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => LocalDateResolver) attendedOn: string;
  @Field(() => String, { nullable: true, description: "Why the child came, as recorded (health data: reaches the plan's authority for safeguarding only)." })
  @IsOptional() @MaxLength(MAX.shortText)
  presentingComplaint?: string | null;
  @Field(() => ChildIdentityInput, { description: "The child (for a pre-birth plan, the unborn child: give expectedDateOfBirth)." }) @ValidateNested() child: ChildIdentityInput;
}
