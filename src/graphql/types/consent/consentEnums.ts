import { registerEnumType } from "type-graphql";
import { ChildCompetence } from "../../../consent/ChildCompetence";

registerEnumType(ChildCompetence, {
  name: "ChildCompetence",
  description: "What the hub found about a child's capacity to decide, from their age and the recorder's assessment (policies/consent.yaml).",
});
