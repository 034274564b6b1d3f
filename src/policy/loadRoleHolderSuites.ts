import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLES, type Role } from "../auth/Role";
import { AGENCY_TYPES, type AgencyType } from "../directory/AgencyType";
import { YamlNode } from "./YamlNode";

/** What a case expects: every role held, or the roles the agency type cannot hold (the gate then refuses the token). */
export type RoleHolderExpectation = "held" | { refused: Role[] };

export interface RoleHolderTestCase {
  name: string;
  line: number;
  agencyType: AgencyType;
  roles: Role[];
  expected: RoleHolderExpectation;
}

export interface RoleHolderTestSuite {
  file: string;
  cases: RoleHolderTestCase[];
}

/**
 * Reads every `*.test.yaml` in `dir` (`policies/tests/roles/`): per case an agency type, the roles a
 * token names and whether they are all held. Strict like the policies: an unknown key, role or agency
 * type is a PolicyError naming the file and line.
 */
export function loadRoleHolderSuites(dir: string): RoleHolderTestSuite[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((file) => {
      const map = YamlNode.parse(join(dir, file), readFileSync(join(dir, file), "utf8")).root.map(["cases"], ["description"]);
      const names = new Set<string>();
      const cases = map.required("cases").list().map((node) => {
        const testCase = readCase(node);
        if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
        names.add(testCase.name);
        return testCase;
      });
      if (cases.length === 0) map.required("cases").fail("a suite has at least one case");
      return { file, cases };
    });
}

function readCase(node: YamlNode): RoleHolderTestCase {
  const map = node.map(["name", "agencyType", "roles", "expect"]);
  const expectNode = map.required("expect");
  const expected: RoleHolderExpectation = expectNode.isScalarValue()
    ? expectNode.oneOf(["held"] as const, "expectation (held, or { refused: [roles] })")
    : { refused: expectNode.map(["refused"]).required("refused").listOf(ROLES, "role") };
  return { name: map.required("name").string(), line: node.line, agencyType: map.required("agencyType").oneOf(AGENCY_TYPES, "agency type"), roles: map.required("roles").listOf(ROLES, "role"), expected };
}
