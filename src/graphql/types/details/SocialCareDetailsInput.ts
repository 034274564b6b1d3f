import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength } from "class-validator";
import { LegalStatus, PlanCategory, SocialCareStatus } from "../../../records/details/SocialCareRecord";
import { MultiLineText } from "../../input/MultiLineText";
import { LOCAL_AUTHORITY_PATTERN, MAX } from "../limits";

@InputType({ description: "Children's social care: the child's status, plan and allocated worker." })
export class SocialCareDetailsInput {
  @Field(() => SocialCareStatus)
  status: SocialCareStatus;

  @Field(() => PlanCategory, { nullable: true, description: "Required for CHILD_PROTECTION_PLAN." })
  planCategory?: PlanCategory | null;

  @Field(() => LegalStatus, { nullable: true, description: "Required for LOOKED_AFTER." })
  legalStatus?: LegalStatus | null;

  @Field(() => LocalDateResolver)
  startDate: string;

  @Field(() => LocalDateResolver, { nullable: true })
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  allocatedWorkerName?: string | null;

  @Field(() => String, { nullable: true, description: "A work phone number or secure email." })
  @IsOptional()
  @MaxLength(MAX.contact)
  allocatedWorkerContact?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.professionalName)
  allocatedTeam?: string | null;

  @Field(() => String, { description: "ONS code of the responsible local authority." })
  @Matches(LOCAL_AUTHORITY_PATTERN, { message: "responsibleLocalAuthority must be an ONS code such as E06000060" })
  responsibleLocalAuthority: string;

  @Field(() => String, { nullable: true, description: "Free text; may span several lines (tab, line feed and carriage return are accepted here only)." })
  @IsOptional()
  @MaxLength(MAX.text)
  @MultiLineText()
  summary?: string | null;
}
