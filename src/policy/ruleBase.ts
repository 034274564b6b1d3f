import { DEFAULT_DENY } from "./defaultDeny";
import { type PolicyRule } from "./PolicySet";
import { type YamlMap, type YamlNode } from "./YamlNode";

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The `id` and `description` every rule carries, and where it was written. */
export function ruleBase(node: YamlNode, map: YamlMap): PolicyRule {
  const idNode = map.required("id");
  const id = idNode.string();
  if (!RULE_ID.test(id)) idNode.fail(`rule id "${id}" must be lower-case words joined by hyphens`);
  if (id === DEFAULT_DENY) idNode.fail(`rule id "${DEFAULT_DENY}" is reserved for fields no rule granted`);
  return { id, description: map.required("description").string(), source: { file: node.file, line: node.line } };
}
