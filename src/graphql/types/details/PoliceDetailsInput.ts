import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, MaxLength } from "class-validator";
import { ChildRoleInIncident, PoliceIncidentType } from "../../../records/details/PoliceRecord";
import { MultiLineText } from "../../input/MultiLineText";
import { MAX } from "../limits";

@InputType({ description: "Police: an incident or notification involving the child." })
export class PoliceDetailsInput {
  @Field(() => PoliceIncidentType)
  incidentType: PoliceIncidentType;

  @Field(() => ChildRoleInIncident)
  childRole: ChildRoleInIncident;

  @Field(() => LocalDateResolver, { nullable: true })
  occurredOn?: string | null;

  @Field(() => LocalDateResolver)
  reportedOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.code)
  crimeReference?: string | null;

  @Field(() => String, { nullable: true, description: "Free text; may span several lines (tab, line feed and carriage return are accepted here only)." })
  @IsOptional()
  @MaxLength(MAX.text)
  @MultiLineText()
  summary?: string | null;

  @Field(() => String, { nullable: true, description: "Police intelligence: always LAW_ENFORCEMENT. Free text; may span several lines (tab, line feed and carriage return are accepted here only)." })
  @IsOptional()
  @MaxLength(MAX.text)
  @MultiLineText()
  intelligence?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  officerName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.contact)
  officerContact?: string | null;

  @Field(() => Boolean, { nullable: true, description: "An active investigation: nothing may reach the family." })
  activeInvestigation?: boolean | null;
}
