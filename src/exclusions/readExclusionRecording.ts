import { ROLES, Role } from "../auth/Role";
import { AGENCY_TYPES } from "../directory/AgencyType";
import { ruleBase } from "../policy/ruleBase";
import { type YamlNode } from "../policy/YamlNode";
import { EXCLUSION_KINDS, ExclusionKind } from "./ChildExclusion";
import { type ExclusionRecordingRule } from "./ExclusionRecordingRule";

const ANY = "ANY";

/**
 * Reads `exclusionRecording:` (policies/exclusions.yaml), strictly: an unknown role, agency type or kind
 * is a start-up error, as is an agency's system recording, or an agency allowed to exclude itself.
 */
export function readExclusionRecording(node: YamlNode): ExclusionRecordingRule {
  const map = node.map(["id", "description", "recorders", "ownAgency", "leadAgency"]);
  const recorders = map.required("recorders").list().map((item) => {
    const recorder = item.map(["role", "agencyTypes"]);
    const roleNode = recorder.required("role");
    const role = roleNode.oneOf(ROLES, "role");
    if (role === Role.AGENCY_SYSTEM) roleNode.fail(`${Role.AGENCY_SYSTEM} cannot record an exclusion: it is a person's decision, audited under their name`);
    const types = recorder.required("agencyTypes");
    const agencyTypes = types.isScalarValue() ? (types.oneOf([ANY], "agency types (ANY, or a list)"), AGENCY_TYPES) : types.listOf(AGENCY_TYPES, "agency type");
    return { role, agencyTypes };
  });
  if (recorders.length === 0) map.required("recorders").fail("expected at least one recorder");
  const ownNode = map.required("ownAgency");
  const ownAgency = ownNode.listOf(EXCLUSION_KINDS, "exclusion kind", { allowEmpty: true });
  if (ownAgency.includes(ExclusionKind.AGENCY)) ownNode.fail(`${ExclusionKind.AGENCY} cannot be an agency's own: no agency shuts itself out of a child's file`);
  const lead = map.required("leadAgency").map(["agencyType", "kinds"]);
  return {
    ...ruleBase(node, map), recorders, ownAgency,
    leadAgency: { agencyType: lead.required("agencyType").oneOf(AGENCY_TYPES, "agency type"), kinds: lead.required("kinds").listOf(EXCLUSION_KINDS, "exclusion kind") },
  };
}
