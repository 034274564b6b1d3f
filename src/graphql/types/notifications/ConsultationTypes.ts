import { Field, ID, InputType, ObjectType } from "type-graphql";
import { MaxLength } from "class-validator";
import { DateTimeResolver } from "graphql-scalars";
import { type ConsultationRequest } from "../../../notifications/consultations/requestConsultation";
import { ADVICE_LENGTH, CONCERN_LENGTH } from "../../../notifications/consultations/consultationContent";

@InputType({ description: "A concern described without identifying the child, for a MASH's advice." })
export class ConsultationInput implements ConsultationRequest {
  @Field(() => String, { description: "ONS code of the local authority whose MASH you ask (where the child lives, as far as you can say)." }) @MaxLength(9) localAuthority: string;
  @Field(() => String, {
    description: `The concern, ${CONCERN_LENGTH.min} to ${CONCERN_LENGTH.max} characters, without identifying the child: no name, NHS number, date of birth, address or postcode (an age and an area say what advice needs). An NHS number (any ten digits), a full date or a postcode is refused; a name the hub cannot recognise, so leave it out.`,
  })
  @MaxLength(CONCERN_LENGTH.max + 100)
  concern: string;
}

@ObjectType({ description: "Your consultation reached the MASH: its advice comes to your agency's inbox (CONSULTATION_ADVICE). Nothing here says whether the hub knows the child." })
export class ConsultationReceiptNode {
  @Field(() => ID, { description: "Quote it; the advice names it (`consultationAdvice.consultationId`)." }) consultationId: string;
  @Field(() => [String], { description: "The children's social care agencies (directory codes) whose MASH it reached." }) deliveredTo: string[];
  @Field(() => DateTimeResolver) askedAt: Date;
}

@ObjectType({ description: "A practitioner asks your MASH's advice on a concern without naming the child: answer with `answerConsultation`." })
export class ConsultationContent {
  @Field(() => String) concern: string;
  @Field(() => String, { description: "The local authority asked about." }) localAuthority: string;
  @Field(() => String, { description: "The asking agency's directory code." }) askingAgency: string;
  @Field(() => String) askingAgencyType: string;
  @Field(() => String, { description: "The role the question was asked in: the advice reaches the asking agency's staff in it." }) askingRole: string;
  @Field(() => DateTimeResolver) askedAt: Date;
}

@ObjectType({ description: `A MASH's advice on your consultation (at most ${ADVICE_LENGTH.max} characters), from the named adviser.` })
export class ConsultationAdviceContent {
  @Field(() => ID, { description: "Your consultation, as `requestConsultation` answered it." }) consultationId: string;
  @Field(() => String) advice: string;
  @Field(() => String, { description: "The answering children's social care agency's directory code." }) respondingAgency: string;
  @Field(() => String, { description: "Who gave the advice." }) adviser: string;
  @Field(() => DateTimeResolver) respondedAt: Date;
}
