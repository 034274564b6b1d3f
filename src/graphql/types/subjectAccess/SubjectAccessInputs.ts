import { Field, ID, InputType } from "type-graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { IsOptional, MaxLength, ValidateNested } from "class-validator";
import { type SubjectAccessSubmission } from "../../../subjectAccess/openSubjectAccessRequest";
import { type ItemDecisionSubmission } from "../../../subjectAccess/decideSubjectAccessItem";
import { type Requester } from "../../../subjectAccess/checkRequesterStanding";
import { RequesterStanding } from "../../../subjectAccess/RequesterStanding";
import { ReviewDecision } from "../../../subjectAccess/SubjectAccessDecision";
import { CompetenceAssessmentInput } from "../consent/ConsentInput";
import { MAX } from "../limits";
import { InputFieldRule } from "../../input/ArgumentRules";
import { caseReference } from "../../input/caseReference";

@InputType({ description: "Who made the request, and in what right." })
export class SubjectAccessRequesterInput implements Requester {
  @Field(() => RequesterStanding) standing: RequesterStanding;

  @Field(() => String, { description: "Who asked, as the request names them. Kept with the request; never on the audit trail." })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true, description: "A parent: how their parental responsibility was confirmed. A representative: the child's written authority and how it was confirmed." })
  @IsOptional()
  @MaxLength(MAX.text)
  basis?: string | null;

  @Field(() => CompetenceAssessmentInput, {
    nullable: true,
    description: "The child's own request, or a representative's: your written assessment that the child understands their right of access. Required under 16 (or when the hub holds no date of birth); at 16 or over competence is presumed, and `assessedCompetent: false` records that they lack capacity.",
  })
  @IsOptional()
  @ValidateNested()
  competence?: CompetenceAssessmentInput | null;
}

@InputType({ description: "A subject access request about a child, as your IG office received it." })
export class SubjectAccessRequestInput implements SubjectAccessSubmission {
  @Field(() => ID, { description: "The child's SUI (NHS number)." }) sui: string;

  @Field(() => String, { description: "Your office's reference for the request (the caseReference your work on it states)." })
  @InputFieldRule(caseReference)
  @MaxLength(MAX.reference)
  reference: string;

  @Field(() => DateTimeResolver, { description: "When the request reached you (at most a year ago): the month runs from that day." }) receivedAt: Date;

  @Field(() => SubjectAccessRequesterInput)
  @ValidateNested()
  requester: SubjectAccessRequesterInput;
}

@InputType({ description: "The appropriate health professional's opinion on the serious harm test (DPA 2018 Sch.3 paras 5, 6)." })
export class HealthProfessionalOpinionInput {
  @Field(() => String, { description: "Who gave it: their role, and name as you record it." })
  @MaxLength(200)
  professional: string;

  @Field(() => LocalDateResolver, { description: "When it was given: within the months the policy allows relying on one." }) givenOn: string;

  @Field(() => Boolean, { description: "Releasing the item would be likely to cause serious harm to the physical or mental health of the child or another person." }) seriousHarm: boolean;
}

@InputType({ description: "Your decision on an item the report holds for review." })
export class SubjectAccessItemDecisionInput implements ItemDecisionSubmission {
  @Field(() => String, { description: "The item, as the review names it (`item`)." })
  @MaxLength(200)
  item: string;

  @Field(() => ReviewDecision) decision: ReviewDecision;

  @Field(() => String, { description: "Why; recorded with the decision and on the audit trail." })
  @MaxLength(MAX.text)
  reason: string;

  @Field(() => HealthProfessionalOpinionInput, { nullable: true, description: "Required when the item is health data awaiting an opinion (`healthOpinionRequired`)." })
  @IsOptional()
  @ValidateNested()
  healthOpinion?: HealthProfessionalOpinionInput | null;
}
