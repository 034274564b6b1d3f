import { Field, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { AgencyType } from "../../../directory/AgencyType";
import { Purpose } from "../../../policy/Purpose";
import { type DecisionNotToShare } from "../../../disclosure/recordDecisionNotToShare";
import { InputFieldRule } from "../../input/ArgumentRules";
import { caseReference } from "../../input/caseReference";

@InputType({ description: "Children Act 2004 s.16LA: a decision not to share, because sharing would be more detrimental to the child than not sharing." })
export class DecisionNotToShareInput implements DecisionNotToShare {
  @Field(() => Purpose) purpose: Purpose;
  @Field(() => AgencyType) recipientAgencyType: AgencyType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  recipientAgencyCode?: string | null;

  @Field(() => String)
  @MaxLength(2000)
  reason: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @InputFieldRule(caseReference)
  @MaxLength(64)
  caseReference?: string | null;
}
