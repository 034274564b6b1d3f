import { ROLES, Role } from "../auth/Role";
import { type ConsultationAskersRule } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/** Reads `consultationAskers:` (policies/consultations.yaml): who may ask a MASH for advice without naming the child, once. */
export function readConsultationAskers(node: YamlNode): ConsultationAskersRule {
  const map = node.map(["id", "description", "roles"]);
  const rolesNode = map.required("roles");
  const roles = rolesNode.listOf(ROLES, "role");
  if (roles.includes(Role.AGENCY_SYSTEM)) rolesNode.fail(`${Role.AGENCY_SYSTEM} cannot ask: a consultation is a person's question, and the advice names the person who asked`);
  return { ...ruleBase(node, map), roles };
}
