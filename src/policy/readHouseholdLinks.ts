import { Relationship } from "../people/Relationship";
import { HOUSEHOLD_LINK_KINDS, type HouseholdLinksRule } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/** Reads `householdLinks:` (policies/household.yaml): what places a child in another's household, once. */
export function readHouseholdLinks(node: YamlNode): HouseholdLinksRule {
  const map = node.map(["id", "description", "adultRelationships", "recordWithinDays", "maxChildrenPerAdult", "opensMemberFiles"]);
  return {
    ...ruleBase(node, map),
    adultRelationships: map.required("adultRelationships").listOf(Object.values(Relationship), "relationship"),
    recordWithinDays: map.required("recordWithinDays").integer(1),
    maxChildrenPerAdult: map.required("maxChildrenPerAdult").integer(1),
    opensMemberFiles: map.required("opensMemberFiles").listOf(HOUSEHOLD_LINK_KINDS, "household link", { allowEmpty: true }),
  };
}
