import { ROLES, type Role } from "../auth/Role";
import { AGENCY_TYPES, type AgencyType } from "../directory/AgencyType";
import { type YamlNode } from "./YamlNode";
import { namedOnce, readTestSuiteFiles } from "./testSuiteFiles";

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
  return readTestSuiteFiles(dir).map(({ file, root }) => {
      const map = root.map(["cases"], ["description"]);
      const unique = namedOnce();
      const cases = map.required("cases").list().map((node) => unique(node, readCase(node)));
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
