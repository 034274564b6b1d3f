import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { NamedProfessionalRole, UnscheduledCareSetting, type HealthCondition, type UnscheduledCareAttendance } from "../../../records/details/HealthRecord";
import { MAX } from "../limits";

@InputType({ description: "A condition or diagnosis: special-category data." })
export class HealthConditionInput implements HealthCondition {
  @Field(() => String)
  @MaxLength(MAX.shortText)
  description: string;

  @Field(() => String, { nullable: true, description: "SNOMED CT concept id." })
  @IsOptional()
  @Matches(/^\d{6,18}$/, { message: "snomedCode must be a SNOMED CT concept id (6 to 18 digits)" })
  snomedCode?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  recordedOn?: string;
}

@InputType({ description: "An unscheduled-care attendance (emergency department, urgent treatment centre, …)." })
export class UnscheduledCareAttendanceInput implements UnscheduledCareAttendance {
  @Field(() => LocalDateResolver)
  attendedOn: string;

  @Field(() => UnscheduledCareSetting)
  setting: UnscheduledCareSetting;

  @Field(() => String)
  @MaxLength(MAX.shortText)
  site: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.shortText)
  presentingComplaint?: string;
}

@InputType({ description: "Health: GP registration, named professional, conditions and unscheduled care." })
export class HealthDetailsInput {
  @Field(() => String, { nullable: true, description: "ODS code of the GP practice." })
  @IsOptional()
  @Matches(/^[A-Z0-9]{3,10}$/, { message: "gpPracticeCode must be an ODS code" })
  gpPracticeCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.shortText)
  gpPracticeName?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  registeredOn?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When the child left the practice." })
  deregisteredOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  namedProfessionalName?: string | null;

  @Field(() => NamedProfessionalRole, { nullable: true })
  namedProfessionalRole?: NamedProfessionalRole | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.contact)
  namedProfessionalContact?: string | null;

  @Field(() => [HealthConditionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX.listItems)
  @ValidateNested({ each: true })
  conditions?: HealthConditionInput[] | null;

  @Field(() => [UnscheduledCareAttendanceInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX.listItems)
  @ValidateNested({ each: true })
  unscheduledCareAttendances?: UnscheduledCareAttendanceInput[] | null;
}
