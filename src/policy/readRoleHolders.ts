import { ROLES, type Role } from "../auth/Role";
import { AGENCY_TYPES, type AgencyType } from "../directory/AgencyType";
import { type RoleHoldersRule } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/** `ANY`: every agency type holds the role. */
const ANY = "ANY";

/**
 * Reads `roleHolders:` (policies/roles.yaml): for every role, the agency types that hold it, or ANY.
 * Every role must be named — a role left out would be held by nobody, or silently by everybody.
 */
export function readRoleHolders(node: YamlNode): RoleHoldersRule {
  const map = node.map(["id", "description", "roles"]);
  const roles = map.required("roles").map(ROLES);
  const holders = new Map<Role, readonly AgencyType[]>();
  for (const role of ROLES) {
    const value = roles.required(role);
    if (!value.isScalarValue()) holders.set(role, value.listOf(AGENCY_TYPES, "agency type"));
    else if (value.oneOf([ANY], "holder (ANY, or a list of agency types)") === ANY) holders.set(role, AGENCY_TYPES);
  }
  return { ...ruleBase(node, map), holders };
}
