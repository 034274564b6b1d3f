import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, MaxLength } from "class-validator";
import { ConcernLevel, YouthJusticeDisposal } from "../../../records/details/YouthJusticeRecord";
import { RoshLevel } from "../../../records/details/riskVocabulary";
import { MultiLineText } from "../../input/MultiLineText";
import { MAX } from "../limits";

@InputType({ description: "Youth justice: the child's disposal or order and caseworker." })
export class YouthJusticeDetailsInput {
  @Field(() => YouthJusticeDisposal)
  disposal: YouthJusticeDisposal;

  @Field(() => LocalDateResolver)
  startDate: string;

  @Field(() => LocalDateResolver, { nullable: true })
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  caseworkerName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.contact)
  caseworkerContact?: string | null;

  @Field(() => RoshLevel, { nullable: true })
  riskOfSeriousHarm?: RoshLevel | null;

  @Field(() => ConcernLevel, { nullable: true })
  safetyAndWellbeing?: ConcernLevel | null;

  @Field(() => String, { nullable: true, description: "Free text; may span several lines (tab, line feed and carriage return are accepted here only)." })
  @IsOptional()
  @MaxLength(MAX.text)
  @MultiLineText()
  summary?: string | null;
}
