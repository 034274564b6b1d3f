import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength, MinLength, ValidateNested } from "class-validator";
import { ConsentDecision, ConsentGiver } from "../../../consent/ConsentRecord";
import { Purpose } from "../../../policy/Purpose";
import { type ConsentSubmission } from "../../../consent/recordConsent";
import { MAX } from "../limits";

@InputType({ description: "Your assessment of the child's capacity to decide, written down." })
export class CompetenceAssessmentInput {
  @Field(() => Boolean, { description: "Under 16: Gillick competent to decide this. 16 or over: false records that they lack capacity (Mental Capacity Act 2005)." })
  assessedCompetent: boolean;

  @Field(() => String, { description: "What you assessed and why; recorded with the decision." })
  @MaxLength(MAX.text)
  assessment: string;
}

@InputType({ description: "A person with parental responsibility, as your agency's records about this child report them." })
export class ParentInput {
  @Field(() => String, { description: "Your agency's own reference for the person (the `reference` of a related adult in your records about this child)." })
  @MinLength(1)
  @MaxLength(MAX.reference)
  agencyReference: string;
}

@InputType({ description: "A consent decision obtained from the child or a person with parental responsibility." })
export class ConsentInput implements ConsentSubmission {
  @Field(() => ConsentGiver)
  givenBy: ConsentGiver;

  @Field(() => CompetenceAssessmentInput, {
    nullable: true,
    description: "For the child's own decision. Omit for a child of 16 or over (presumed competent) or to record a younger child's view.",
  })
  @IsOptional()
  @ValidateNested()
  competence?: CompetenceAssessmentInput | null;

  @Field(() => ParentInput, { nullable: true, description: "For a parent's decision: who decided." })
  @IsOptional()
  @ValidateNested()
  parent?: ParentInput | null;

  @Field(() => ConsentDecision)
  decision: ConsentDecision;

  @Field(() => [Purpose], { description: "The purposes the decision covers." })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  purposes: Purpose[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}
