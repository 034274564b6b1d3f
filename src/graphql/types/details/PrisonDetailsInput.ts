import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength } from "class-validator";
import { PprcStatus } from "../../../records/details/PrisonRecord";
import { MAX } from "../limits";

@InputType({ description: "Prison: a prisoner connected to the child (named in relatedAdults with subjectOfRecord)." })
export class PrisonDetailsInput {
  @Field(() => String, { description: "The prison number, e.g. A1234BC." })
  @Matches(/^[A-Z]\d{4}[A-Z]{2}$/, { message: "prisonNumber must look like A1234BC" })
  prisonNumber: string;

  @Field(() => PprcStatus)
  pprcStatus: PprcStatus;

  @Field(() => LocalDateResolver, { nullable: true })
  pprcAssessedOn?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  expectedReleaseDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.contact)
  offenderManagementUnitContact?: string | null;
}
