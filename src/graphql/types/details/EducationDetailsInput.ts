import { Field, InputType, Int } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { ConcernCategory, ExclusionType, RollStatus, SenStatus, type Exclusion, type SafeguardingConcern } from "../../../records/details/EducationRecord";
import { MultiLineText } from "../../input/MultiLineText";
import { MAX } from "../limits";

@InputType({ description: "A suspension or permanent exclusion." })
export class ExclusionInput implements Exclusion {
  @Field(() => ExclusionType)
  type: ExclusionType;

  @Field(() => LocalDateResolver)
  startDate: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(365)
  days?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.shortText)
  reason?: string;
}

@InputType({ description: "A safeguarding concern the school recorded, e.g. a child's disclosure." })
export class SafeguardingConcernInput implements SafeguardingConcern {
  @Field(() => LocalDateResolver)
  recordedOn: string;

  @Field(() => ConcernCategory)
  category: ConcernCategory;

  @Field(() => String, { description: "Free text; may span several lines (tab, line feed and carriage return are accepted here only)." })
  @MaxLength(MAX.text)
  @MultiLineText()
  summary: string;
}

@InputType({ description: "Education: the child's roll status, attendance, exclusions, SEN and the school's DSL." })
export class EducationDetailsInput {
  @Field(() => RollStatus)
  rollStatus: RollStatus;

  @Field(() => LocalDateResolver, { nullable: true })
  onRollFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  leftOn?: string | null;

  @Field(() => Number, { nullable: true, description: "Attendance this academic year, 0–100." })
  @IsOptional()
  @Min(0)
  @Max(100)
  attendancePercent?: number | null;

  @Field(() => [ExclusionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX.listItems)
  @ValidateNested({ each: true })
  exclusions?: ExclusionInput[] | null;

  @Field(() => SenStatus, { nullable: true })
  senStatus?: SenStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  dslName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.contact)
  dslContact?: string | null;

  @Field(() => [SafeguardingConcernInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX.listItems)
  @ValidateNested({ each: true })
  safeguardingConcerns?: SafeguardingConcernInput[] | null;
}
