import { Field, InputType, Int } from "type-graphql";
import { ArrayMaxSize, IsOptional, MaxLength } from "class-validator";
import { RoshGroup, RoshLevel } from "../../../records/details/riskVocabulary";
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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.text)
  riskManagementSummary?: string | null;
}
