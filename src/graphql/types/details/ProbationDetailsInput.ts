import { Field, InputType, Int } from "type-graphql";
import { ArrayMaxSize, IsOptional, MaxLength } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { RoshGroup, RoshLevel } from "../../../records/details/riskVocabulary";
import { MultiLineText } from "../../input/MultiLineText";
import { MAX } from "../limits";

@InputType({ description: "Probation: an offender connected to the child (named in relatedAdults with subjectOfRecord)." })
export class ProbationDetailsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  offenderManagerName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.contact)
  offenderManagerContact?: string | null;

  @Field(() => RoshLevel)
  roshLevel: RoshLevel;

  @Field(() => [RoshGroup], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  roshTo?: RoshGroup[] | null;

  @Field(() => Int, { nullable: true, description: "MAPPA category 1–4." })
  mappaCategory?: number | null;

  @Field(() => Int, { nullable: true, description: "MAPPA level 1–3." })
  mappaLevel?: number | null;

  @Field(() => String, { nullable: true, description: "Free text; may span several lines (tab, line feed and carriage return are accepted here only)." })
  @IsOptional()
  @MaxLength(MAX.text)
  @MultiLineText()
  riskManagementSummary?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When supervision of the offender ends (licence or order end)." })
  supervisionEndDate?: string | null;
}
