import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLES, type Role } from "../../auth/Role";
import { YamlNode } from "../../policy/YamlNode";
import { CONSULTATION_NOT_PERMITTED } from "./askingRole";

/** What a case expects: the role the person asks in, or the refusal; or whether they answer a consultation. */
export type ConsultationCaseExpectation = { asksAs: Role } | { refused: typeof CONSULTATION_NOT_PERMITTED } | { advises: boolean };

export interface ConsultationPolicyTestCase {
  name: string;
  file: string;
  line: number;
  roles: Role[];
  expected: ConsultationCaseExpectation;
}

export interface ConsultationPolicyTestSuite {
  file: string;
  description: string | null;
  cases: ConsultationPolicyTestCase[];
}

/**
 * Reads every `*.test.yaml` in `dir` (the consultation suites, `policies/tests/consultations/`). Strict
 * like the policies: an unknown key or role, or an expectation that is not exactly one of `asksAs`,
 * `refused` and `advises`, is a PolicyError naming the file and line.
 */
export function loadConsultationPolicySuites(dir: string): ConsultationPolicyTestSuite[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((name) => readSuite(name, YamlNode.parse(join(dir, name), readFileSync(join(dir, name), "utf8")).root));
}

function readSuite(file: string, root: YamlNode): ConsultationPolicyTestSuite {
  const map = root.map(["cases"], ["description"]);
  const names = new Set<string>();
  const cases = map.required("cases").list().map((node) => {
    const testCase = readCase(file, node);
    if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
    names.add(testCase.name);
    return testCase;
  });
  if (cases.length === 0) map.required("cases").fail("a suite has at least one case");
  return { file, description: map.optional("description")?.string() ?? null, cases };
}

function readCase(file: string, node: YamlNode): ConsultationPolicyTestCase {
  const map = node.map(["name", "roles", "expect"]);
  return { name: map.required("name").string(), file, line: node.line, roles: map.required("roles").listOf(ROLES, "role"), expected: readExpectation(map.required("expect")) };
}

function readExpectation(node: YamlNode): ConsultationCaseExpectation {
  const map = node.map([], ["asksAs", "refused", "advises"]);
  const asksAs = map.optional("asksAs");
  const refused = map.optional("refused");
  const advises = map.optional("advises");
  const one = 'expect exactly one of "asksAs" (the role asked in), "refused" or "advises" (true or false)';
  if ([asksAs, refused, advises].filter((given) => given !== undefined).length !== 1) return node.fail(one);
  if (refused !== undefined) return { refused: refused.oneOf([CONSULTATION_NOT_PERMITTED], "problem code") };
  if (advises !== undefined) return { advises: advises.boolean() };
  return { asksAs: (asksAs as YamlNode).oneOf(ROLES, "role") };
}
