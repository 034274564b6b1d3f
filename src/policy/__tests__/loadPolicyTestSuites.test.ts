import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../loadPolicies";
import { loadPolicyTestSuites } from "../loadPolicyTestSuites";
import { PolicyError } from "../PolicyError";
import { runPolicyTestCase } from "../runPolicyTestCase";
import { lineOf, writePolicyDir } from "./policyFixture";

const policy = loadPolicies(writePolicyDir());

const SUITE = `description: A suite against the fixture policy.
principals:
  social-worker:
    roles: [SOCIAL_WORKER]
    agencyType: CHILDRENS_SOCIAL_CARE
resources:
  child-with-gp:
    relationships: [AGENCY_INVOLVED]
    records:
      - recordType: HEALTH
        agency: GP-K99002
        labels: [WITHHOLD_FROM_FAMILY]
cases:
  - name: the grant discloses two fields, the label withholds them
    principal: social-worker
    resource: child-with-gp
    access:
      purpose: SECTION_47_ENQUIRY
      lawfulBasis: PUBLIC_TASK
    expect:
      withheld:
        HEALTH.*: withhold-from-family-withheld
        CHILD.*: default-deny
`;

function suiteDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hub-policy-tests-"));
  writeFileSync(join(dir, "fixture.test.yaml"), text);
  return dir;
}

function suiteError(from: string, to: string): { error: PolicyError; text: string } {
  if (!SUITE.includes(from)) throw new Error(`the suite has no "${from}"`);
  const text = SUITE.replace(from, to);
  try {
    loadPolicyTestSuites(suiteDir(text), policy);
  } catch (error) {
    if (error instanceof PolicyError) return { error, text };
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("loadPolicyTestSuites", () => {
  test("expands records from the field catalogue, with the record's labels on every field", () => {
    const [suite] = loadPolicyTestSuites(suiteDir(SUITE), policy);
    const testCase = suite?.cases[0];
    const health = testCase?.subject.records.find((record) => record.path === "HEALTH");
    expect(health?.providerAgencyType).toBe("HEALTH");
    expect(health?.fields.find((field) => field.field === "conditions")?.labels).toEqual(["SPECIAL_CATEGORY", "WITHHOLD_FROM_FAMILY"]);
    expect(testCase?.subject.records[0]?.path).toBe("CHILD");
    expect(testCase && runPolicyTestCase(policy, testCase)).toEqual(testCase?.expected);
  });

  const invalid: [string, string, string, string][] = [
    ["an unknown principal", "principal: social-worker", "principal: social-workr", 'unknown principal "social-workr"'],
    ["an unknown resource", "resource: child-with-gp", "resource: child-with-school", 'unknown resource "child-with-school"'],
    ["an unknown field", "HEALTH.*: withhold", "HEALTH.diagnosis: withhold", 'unknown HEALTH field "diagnosis"'],
    ["an unknown record key", "HEALTH.*: withhold", "SCHOOL.*: withhold", 'unknown record key "SCHOOL"'],
    ["an unknown rule id", "HEALTH.*: withhold-from-family-withheld", "HEALTH.*: withheld-from-family", 'unknown rule id "withheld-from-family"'],
    ["an unknown label", "labels: [WITHHOLD_FROM_FAMILY]", "labels: [FAMILY]", 'unknown label "FAMILY"'],
    ["an unknown key", "    access:", "    acess:", 'unknown key "acess"'],
    ["an unknown problem code", "      withheld:\n        HEALTH.*: withhold-from-family-withheld\n        CHILD.*: default-deny\n", "      refused: NOT_ALLOWED\n", 'unknown problem code "NOT_ALLOWED"'],
    ["an unknown role", "roles: [SOCIAL_WORKER]", "roles: [SOCIAL_WORKR]", 'unknown role "SOCIAL_WORKR"'],
  ];
  test.each(invalid)("%s is an error naming the file and line", (_what, from, to, problem) => {
    const { error, text } = suiteError(from, to);
    expect(error.file.endsWith("fixture.test.yaml")).toBe(true);
    expect(error.line).toBe(lineOf(text, to.trim()));
    expect(error.problem).toContain(problem);
  });

  test("a field no expectation covers is an error, so a case cannot pass by saying nothing", () => {
    const { error } = suiteError("        CHILD.*: default-deny\n", "");
    expect(error.problem).toContain("no expectation for CHILD.givenNames");
  });

  test("two records of one type need keys of their own", () => {
    const { error, text } = suiteError("        labels: [WITHHOLD_FROM_FAMILY]\n", "        labels: [WITHHOLD_FROM_FAMILY]\n      - recordType: HEALTH\n");
    expect(error.problem).toContain('record key "HEALTH" is already used');
    expect(error.line).toBe(text.slice(0, text.lastIndexOf("- recordType: HEALTH")).split("\n").length);
  });
});
