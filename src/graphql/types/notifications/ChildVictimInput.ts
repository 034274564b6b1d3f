import { Field, InputType } from "type-graphql";
import { type ChildVictimSubmission } from "../../../notifications/childVictims/ChildVictimSubmission";
import { PoliceIncidentType } from "../../../records/details/PoliceRecord";
import { PoliceIncidentInput } from "./PoliceIncidentInput";

@InputType({ description: "A victim under 18 of a crime or incident your force recorded: referred to children's social care where the child lives. The child's date of birth is required." })
export class ChildVictimInput extends PoliceIncidentInput implements ChildVictimSubmission {
  @Field(() => PoliceIncidentType) incidentType: PoliceIncidentType;
}
