import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from "class-validator";
import { ConsentDecision, ConsentGiver } from "../../../consent/ConsentRecord";
import { Purpose } from "../../../policy/Purpose";
import { type ConsentSubmission } from "../../../consent/recordConsent";

@InputType({ description: "A consent decision obtained from the child or a person with parental responsibility." })
export class ConsentInput implements ConsentSubmission {
  @Field(() => ConsentGiver)
  givenBy: ConsentGiver;

  @Field(() => Boolean, { nullable: true, description: "For the child's own decision: assessed competent (Gillick under 16; Mental Capacity Act 16+)." })
  childCompetent?: boolean | null;

  @Field(() => String, { nullable: true, description: "For a parent's decision: who (e.g. mother, father, special guardian)." })
  @IsOptional()
  @MaxLength(120)
  giverDescription?: string | null;

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
