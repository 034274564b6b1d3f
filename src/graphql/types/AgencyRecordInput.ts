import { Field, InputType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { SENSITIVITY_LABELS, SensitivityLabel } from "../../records/SensitivityLabel";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { ChildIdentityInput } from "./ChildIdentityInput";
import { FieldLabelInput } from "./FieldLabelInput";
import { RelatedAdultInput } from "./RelatedAdultInput";
import { SocialCareDetailsInput } from "./details/SocialCareDetailsInput";
import { PoliceDetailsInput } from "./details/PoliceDetailsInput";
import { HealthDetailsInput } from "./details/HealthDetailsInput";
import { EducationDetailsInput } from "./details/EducationDetailsInput";
import { ProbationDetailsInput } from "./details/ProbationDetailsInput";
import { PrisonDetailsInput } from "./details/PrisonDetailsInput";
import { YouthJusticeDetailsInput } from "./details/YouthJusticeDetailsInput";
import { MAX } from "./limits";

@InputType({
  description:
    "One record an agency holds about a child: the minimum safeguarding facts and the agency's own reference to its full record. " +
    "Send exactly one details block, the one for the agency's type. Resubmitting the same agencyReference updates the record.",
})
export class AgencyRecordInput implements AgencyRecordSubmission {
  @Field(() => String, { description: "The submitting agency's directory code; must be the caller's own agency." })
  @MaxLength(MAX.code)
  agencyCode: string;

  @Field(() => String, { description: "The agency's own reference for this record (the pointer back to its system)." })
  @MaxLength(MAX.reference)
  @Matches(/^[\x21-\x7E]+$/, { message: "agencyReference must be printable ASCII without spaces" })
  agencyReference: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the facts were recorded in the agency's own system." })
  recordedAt?: Date | null;

  @Field(() => ChildIdentityInput)
  @ValidateNested()
  child: ChildIdentityInput;

  @Field(() => [SensitivityLabel], { nullable: true, description: "Labels on the whole record, e.g. WITHHOLD_FROM_FAMILY, SEALED, BROKERED." })
  @IsOptional()
  @ArrayMaxSize(SENSITIVITY_LABELS.length)
  labels?: SensitivityLabel[] | null;

  @Field(() => [FieldLabelInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  fieldLabels?: FieldLabelInput[] | null;

  @Field(() => [RelatedAdultInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  relatedAdults?: RelatedAdultInput[] | null;

  @Field(() => SocialCareDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  socialCare?: SocialCareDetailsInput | null;

  @Field(() => PoliceDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  police?: PoliceDetailsInput | null;

  @Field(() => HealthDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  health?: HealthDetailsInput | null;

  @Field(() => EducationDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  education?: EducationDetailsInput | null;

  @Field(() => ProbationDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  probation?: ProbationDetailsInput | null;

  @Field(() => PrisonDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  prison?: PrisonDetailsInput | null;

  @Field(() => YouthJusticeDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  youthJustice?: YouthJusticeDetailsInput | null;
}
