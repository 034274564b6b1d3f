import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../loadPolicies";
import { loadRoleHolderSuites } from "../loadRoleHolderSuites";
import { PolicyError } from "../PolicyError";
import { rolesNotHeld } from "../rolesHeld";

const SUITE = `description: Roles at a school.
cases:
  - name: a school's DSL
    agencyType: EDUCATION
    roles: [SCHOOL_DSL]
    expect: held
  - name: a school's MASH practitioner
    agencyType: EDUCATION
    roles: [SCHOOL_DSL, MASH_PRACTITIONER]
    expect: { refused: [MASH_PRACTITIONER] }
`;

/** The suites of a directory holding `files`, read as policies/tests/roles/ is. */
function suitesIn(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "hub-role-suites-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadRoleHolderSuites(dir);
}

/** The problem with the suite above edited: `from` replaced by `to`. */
function problemOf(from: string, to: string): PolicyError {
  expect(SUITE).toContain(from);
  try {
    suitesIn({ "school.test.yaml": SUITE.replace(from, to) });
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("the suite loaded");
}

describe("loadRoleHolderSuites", () => {
  test("every *.test.yaml file in name order, each case with its line, agency type, roles and expectation", () => {
    const school = [
      { name: "a school's DSL", line: 3, agencyType: "EDUCATION", roles: ["SCHOOL_DSL"], expected: "held" },
      { name: "a school's MASH practitioner", line: 7, agencyType: "EDUCATION", roles: ["SCHOOL_DSL", "MASH_PRACTITIONER"], expected: { refused: ["MASH_PRACTITIONER"] } },
    ];
    const undescribed = SUITE.replace("description: Roles at a school.\n", "");
    expect(suitesIn({ "school.test.yaml": SUITE, "academy.test.yaml": undescribed, "notes.yaml": "not: a suite\n" })).toEqual([
      { file: "academy.test.yaml", cases: school.map((testCase) => ({ ...testCase, line: testCase.line - 1 })) },
      { file: "school.test.yaml", cases: school },
    ]);
  });

  test.each([
    ["a case name used twice", "  - name: a school's MASH practitioner", "  - name: a school's DSL", 'a case named "a school\'s DSL" already exists in this file'],
    ["a key a case does not have", "    expect: held\n", "    expect: held\n    because: policy\n", 'unknown key "because"'],
    ["an unknown role", "    roles: [SCHOOL_DSL]\n", "    roles: [TEACHER]\n", 'unknown role "TEACHER"'],
    ["an unknown agency type", "    agencyType: EDUCATION\n    roles: [SCHOOL_DSL]\n", "    agencyType: ACADEMY\n    roles: [SCHOOL_DSL]\n", 'unknown agency type "ACADEMY"'],
    ["an expectation neither held nor refused", "expect: held", "expect: allowed", 'unknown expectation (held, or { refused: [roles] }) "allowed"'],
    ["a refusal of an unknown role", "refused: [MASH_PRACTITIONER]", "refused: [HEADTEACHER]", 'unknown role "HEADTEACHER"'],
    ["a refusal under another key", "{ refused: [MASH_PRACTITIONER] }", "{ denied: [MASH_PRACTITIONER] }", 'unknown key "denied"'],
  ])("refuses %s", (_, from, to, problem) => {
    const error = problemOf(from, to);
    expect(error.file.endsWith("school.test.yaml")).toBe(true);
    expect(error.problem).toContain(problem);
  });

  test("refuses a suite with no case, at its list", () => {
    const error = problemOf(SUITE.slice(SUITE.indexOf("cases:")), "cases: []\n");
    expect({ line: error.line, problem: error.problem }).toEqual({ line: 2, problem: expect.stringContaining("a suite has at least one case") });
  });

  // roleHolderSuites.test.ts runs the same suites, loaded as the file loads (to name a test per case);
  // here they load inside a test, so that what the loader makes of them is measured.
  test("the hub's own role-holder suites load, and each case is as it expects", () => {
    const policiesDir = join(__dirname, "..", "..", "..", "policies");
    const real = loadPolicies(policiesDir);
    const cases = loadRoleHolderSuites(join(policiesDir, "tests", "roles")).flatMap((suite) => suite.cases);
    expect(cases.length).toBeGreaterThan(10);
    expect(cases.some((testCase) => testCase.expected === "held") && cases.some((testCase) => testCase.expected !== "held")).toBe(true);
    const failing = cases.filter((testCase) => {
      const refused = rolesNotHeld(real, testCase);
      return JSON.stringify(refused.length === 0 ? "held" : { refused }) !== JSON.stringify(testCase.expected);
    });
    expect(failing.map((testCase) => testCase.name)).toEqual([]);
  });
});
