import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { answerConsultation } from "../../notifications/consultations/answerConsultation";
import { requestConsultation, type ConsultationReceipt } from "../../notifications/consultations/requestConsultation";
import { NotificationType } from "../../notifications/NotificationType";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { ConsultationInput, ConsultationReceiptNode } from "../types/notifications/ConsultationTypes";
import { NotificationNode } from "../types/notifications/NotificationNode";
import { notificationNodeOf } from "../types/notifications/notificationNodeOf";

/** Consultation without naming the child (issue 11 item 4): thin over `notifications/consultations/`. */
@Resolver()
export class ConsultationResolver {
  @Mutation(() => ConsultationReceiptNode, {
    description:
      "Practitioners of partner agencies (a school's DSL, health, police, probation, youth justice, a prison's OMU, a social worker): ask the MASH of a local authority for advice on a concern without naming the child. It reaches that MASH's inbox; the advice, from a person there, comes back to your agency's inbox. The hub looks up no child for it and never says whether it knows one. An NHS number, a full date or a postcode in the concern is refused. Audited.",
  })
  async requestConsultation(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("consultation", () => ConsultationInput) consultation: ConsultationInput): Promise<ConsultationReceipt> {
    return requestConsultation({ dataSource, policy }, principal, requestId, consultation);
  }

  @Mutation(() => NotificationNode, { description: "MASH practitioners: answer a consultation delivered to your agency (its `id` in your inbox) with advice, once; it reaches the asking agency's inbox. Audited." })
  @ArgumentRules({ id: uuid })
  async answerConsultation(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("id", () => ID) id: string, @Arg("advice", () => String) advice: string): Promise<NotificationNode> {
    return notificationNodeOf(await answerConsultation({ dataSource, policy }, principal, requestId, id, advice), NotificationType.CONSULTATION_REQUEST);
  }
}
