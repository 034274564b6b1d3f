import { ROLES, Role } from "../auth/Role";
import { type ConsultationAskersRule } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/**
 * Reads `consultationAskers:` (policies/consultations.yaml): who may ask a MASH for advice without naming
 * the child, and who at the MASH advises, once.
 */
export function readConsultationAskers(node: YamlNode): ConsultationAskersRule {
  const map = node.map(["id", "description", "roles", "advisingRole"]);
  const rolesNode = map.required("roles");
  const roles = rolesNode.listOf(ROLES, "role");
  if (roles.includes(Role.AGENCY_SYSTEM)) rolesNode.fail(`${Role.AGENCY_SYSTEM} cannot ask: a consultation is a person's question, and the advice names the person who asked`);
  const advisingNode = map.required("advisingRole");
  const advisingRole = advisingNode.oneOf(ROLES, "role");
  if (advisingRole === Role.AGENCY_SYSTEM) advisingNode.fail(`${Role.AGENCY_SYSTEM} cannot advise: advice is a person's, and names the person who gave it`);
  // Asked in one role and answered in the other, a person holding both would answer their own question.
  if (roles.includes(advisingRole)) advisingNode.fail(`${advisingRole} cannot both ask and advise: the MASH does not consult itself`);
  return { ...ruleBase(node, map), roles, advisingRole };
}
