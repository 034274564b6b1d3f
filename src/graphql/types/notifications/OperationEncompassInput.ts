import { Field, InputType } from "type-graphql";
import { type OperationEncompassSubmission } from "../../../notifications/operationEncompass/OperationEncompassSubmission";
import { ChildRoleInIncident } from "../../../records/details/PoliceRecord";
import { PoliceIncidentInput } from "./PoliceIncidentInput";

@InputType({ description: "Operation Encompass: a domestic abuse incident involving a child, one notification per child. The school the hub holds the child on the roll of is told before the next school day; it reads the incident's type, dates and the child's role only." })
export class OperationEncompassInput extends PoliceIncidentInput implements OperationEncompassSubmission {
  @Field(() => ChildRoleInIncident) childRole: ChildRoleInIncident;
}
