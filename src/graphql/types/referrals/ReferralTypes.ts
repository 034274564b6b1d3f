import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { MaxLength } from "class-validator";
import { ReferralDecision, ReferralSource, ReferralStage } from "../../../referrals/ReferralStage";
import { type ReferralSubmission } from "../../../referrals/openReferral";
import { InputFieldRule } from "../../input/ArgumentRules";
import { caseReference } from "../../input/caseReference";

registerEnumType(ReferralStage, { name: "ReferralStage", description: "What the referral has become: awaiting its decision, or a strategy discussion, s.47 enquiry or emergency protection order under the same reference." });
registerEnumType(ReferralSource, { name: "ReferralSource", description: "Who made the referral, as a category — never a person's identity." });
registerEnumType(ReferralDecision, { name: "ReferralDecision", description: "How a referral was decided (Working Together 2023: the type of response)." });

@InputType({ description: "A referral the MASH is triaging, at your own local authority." })
export class ReferralInput implements ReferralSubmission {
  @Field(() => ID, { nullable: true, description: "The child's SUI (NHS number), when the referrer gave it. Without it, search for the child under this referral's reference (searchChildren): opening the child you find binds the referral to it." }) sui?: string | null;

  @Field(() => String, { description: "Your authority's case reference for the referral: the caseReference your research states." })
  @InputFieldRule(caseReference)
  @MaxLength(64)
  reference: string;

  @Field(() => ReferralStage, { defaultValue: ReferralStage.REFERRAL }) stage: ReferralStage;
  @Field(() => ReferralSource) referralSource: ReferralSource;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the referral reached the authority (at most 7 days ago); now if not given." })
  receivedAt?: Date | null;

  @Field(() => String, { description: "What the referral is about and why the MASH is researching it; recorded on the audit trail." })
  @MaxLength(2000)
  reason: string;
}

@ObjectType({ description: "A referral opened: research under its reference is open until it is decided or until `researchUntil`." })
export class ReferralReceiptNode {
  @Field(() => ID) referralId: string;
  @Field(() => String) reference: string;
  @Field(() => ReferralStage) stage: ReferralStage;
  @Field(() => String) localAuthority: string;
  @Field(() => DateTimeResolver) receivedAt: Date;
  @Field(() => DateTimeResolver, { description: "The stage's timescale (policies/timescales.yaml) and the grace policies/relationships.yaml allows." }) researchUntil: Date;
}

@ObjectType({ description: "A referral decided: its reference opens nothing from now on." })
export class ClosedReferralNode {
  @Field(() => ID) referralId: string;
  @Field(() => String) reference: string;
  @Field(() => ReferralDecision) decision: ReferralDecision;
  @Field(() => DateTimeResolver) decidedAt: Date;
}
