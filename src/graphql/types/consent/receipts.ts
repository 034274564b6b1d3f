import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { Purpose } from "../../../policy/Purpose";
import { ConsentState } from "../../../policy/ConsentState";
import { ChildCompetence } from "../../../consent/ChildCompetence";
import { Relationship } from "../../../people/Relationship";
import "./consentEnums";

@ObjectType({ description: "The consent that now governs one purpose." })
export class PurposeConsent {
  @Field(() => Purpose) purpose: Purpose;
  @Field(() => ConsentState) state: ConsentState;
}

@ObjectType()
export class ConsentReceipt {
  @Field(() => ID) consentId: string;
  @Field(() => DateTimeResolver) recordedAt: Date;
  @Field(() => ChildCompetence, { nullable: true, description: "For the child's own decision: only a competent child's decision governs over a parent's." }) competence: ChildCompetence | null;
  @Field(() => Relationship, { nullable: true, description: "For a parent's decision: how the person is related to the child, as your agency's record reports it." }) parentRelationship: Relationship | null;
  @Field(() => [PurposeConsent], { description: "After this decision: a competent child's decision governs over a parent's." }) effective: PurposeConsent[];
}

@ObjectType()
export class ConsentOverrideReceipt {
  @Field(() => ID) overrideId: string;
  @Field(() => DateTimeResolver) recordedAt: Date;
  @Field(() => DateTimeResolver) reviewBy: Date;
}

@ObjectType({ description: "The audit entry recording a decision not to share." })
export class DecisionNotToShareReceipt {
  @Field(() => ID) auditEntryId: string;
  @Field(() => DateTimeResolver) recordedAt: Date;
}
