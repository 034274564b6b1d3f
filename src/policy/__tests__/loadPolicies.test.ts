import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../loadPolicies";
import { editFixture, expectAt, FIXTURE_FILES, lineOf, loadError, writePolicyDir } from "./policyFixture";

describe("loadPolicies", () => {
  test("loads the fixture: rules by id, every label restricted, a version", () => {
    const policy = loadPolicies(writePolicyDir());
    expect(policy.files).toEqual(["access.yaml", "consent.yaml", "data-subject-rights.yaml", "involvement.yaml", "retention.yaml", "roles.yaml", "rules.yaml", "subject-access.yaml", "timescales.yaml"]);
    expect(policy.grants.map((grant) => grant.id)).toEqual(["grant-health"]);
    expect(policy.grants[0]?.fields.get("HEALTH")).toEqual(["gpPracticeName", "conditions"]);
    expect(policy.grants[0]?.source).toEqual({ file: expect.stringMatching(/rules\.yaml$/), line: 2 });
    expect(policy.restrictions).toHaveLength(8);
    expect(policy.version).toMatch(/^[0-9a-f]{64}$/);
  });

  test("ALL expands to every field of the record type in the catalogue", () => {
    const policy = loadPolicies(writePolicyDir(editFixture("rules.yaml", "HEALTH: [gpPracticeName, conditions]", "EDUCATION: ALL")));
    expect(policy.grants[0]?.fields.get("EDUCATION")).toEqual([
      "rollStatus", "onRollFrom", "leftOn", "attendancePercent", "exclusions", "senStatus", "dslName", "dslContact", "safeguardingConcerns",
    ]);
  });

  test("an unknown role names the file and the line", () => {
    const changes = editFixture("rules.yaml", "roles: [SOCIAL_WORKER]", "roles: [SOCIAL_WORKERS]");
    const error = loadError(changes);
    expectAt(error, changes, "rules.yaml", "SOCIAL_WORKERS");
    expect(error.problem).toContain('unknown role "SOCIAL_WORKERS"');
  });

  test("an unknown field names the file and the line", () => {
    const changes = editFixture("rules.yaml", "HEALTH: [gpPracticeName, conditions]", "HEALTH: [gpPracticeName, diagnoses]");
    const error = loadError(changes);
    expectAt(error, changes, "rules.yaml", "diagnoses");
    expect(error.problem).toContain('unknown HEALTH field "diagnoses"');
  });

  test("an unknown label names the file and the line", () => {
    const changes = editFixture("rules.yaml", "label: THIRD_PARTY", "label: THIRD_PARTIES");
    const error = loadError(changes);
    expectAt(error, changes, "rules.yaml", "THIRD_PARTIES");
    expect(error.problem).toContain('unknown label "THIRD_PARTIES"');
  });

  test("an unknown key names the file and the line", () => {
    const changes = editFixture("rules.yaml", "    relationships: [AGENCY_INVOLVED]", "    relationship: [AGENCY_INVOLVED]");
    const error = loadError(changes);
    expectAt(error, changes, "rules.yaml", "relationship:");
    expect(error.problem).toContain('unknown key "relationship"');
  });

  test("unknown purposes, lawful bases, conditions, relationship kinds, record types and agency types", () => {
    const cases: [string, string, string, string][] = [
      ["access.yaml", "purpose: SECTION_47_ENQUIRY", "purpose: SECTION_47", 'unknown purpose "SECTION_47"'],
      ["access.yaml", "lawfulBases: [PUBLIC_TASK]", "lawfulBases: [PUBLIC_INTEREST]", 'unknown lawful basis "PUBLIC_INTEREST"'],
      ["access.yaml", "specialCategoryConditions: [SAFEGUARDING_CHILDREN]", "specialCategoryConditions: [SAFEGUARDING]", 'unknown special-category condition "SAFEGUARDING"'],
      ["rules.yaml", "relationships: [AGENCY_INVOLVED]", "relationships: [INVOLVED]", 'unknown relationship kind "INVOLVED"'],
      ["rules.yaml", "recordTypes: [HEALTH]", "recordTypes: [GP]", 'unknown record type "GP"'],
      ["access.yaml", "agencyTypes: [POLICE]", "agencyTypes: [CONSTABULARY]", 'unknown agency type "CONSTABULARY"'],
    ];
    for (const [file, from, to, problem] of cases) {
      const changes = editFixture(file, from, to);
      const error = loadError(changes);
      expectAt(error, changes, file, to);
      expect(error.problem).toContain(problem);
    }
  });

  test("a YAML syntax error names the file and the line", () => {
    const changes = editFixture("rules.yaml", "    purposes: [SECTION_47_ENQUIRY]", "    purposes: [SECTION_47_ENQUIRY");
    const error = loadError(changes);
    expect(error.file.endsWith("rules.yaml")).toBe(true);
    expect(error.problem).toMatch(/^YAML syntax/);
    expect(error.line).toBeGreaterThanOrEqual(lineOf(changes["rules.yaml"] ?? "", "[SECTION_47_ENQUIRY"));
  });

  test("a duplicate key is a syntax error, not a silent overwrite", () => {
    const changes = editFixture("rules.yaml", "    relationships: [AGENCY_INVOLVED]", "    relationships: [AGENCY_INVOLVED]\n    roles: [CSC_MANAGER]");
    const error = loadError(changes);
    expect(error.problem).toMatch(/unique/i);
    expect(error.line).toBe(lineOf(changes["rules.yaml"] ?? "", "[CSC_MANAGER]"));
  });

  test("a rule id used twice, across files, names both places", () => {
    const changes = editFixture("rules.yaml", "id: grant-health", "id: purpose-s47");
    const error = loadError(changes);
    expectAt(error, changes, "rules.yaml", "id: purpose-s47");
    expect(error.problem).toContain(`rule id "purpose-s47" is already used at `);
    expect(error.problem).toContain(`access.yaml:${lineOf(FIXTURE_FILES["access.yaml"] ?? "", "- id: purpose-s47")}`);
  });

  test("default-deny is reserved", () => {
    const error = loadError(editFixture("rules.yaml", "id: grant-health", "id: default-deny"));
    expect(error.problem).toContain("reserved");
  });

  test("a label without a restriction is refused: default deny for labels", () => {
    const changes = editFixture("rules.yaml", "label: SEALED", "label: BROKERED");
    const error = loadError(changes);
    expect(error.problem).toContain("already has a restriction");
    const missing = loadError({ "rules.yaml": (changes["rules.yaml"] ?? "").replace(/ {2}- id: sealed-withheld[\s\S]*$/, "") });
    expect(missing.line).toBe(0);
    expect(missing.message).toContain("no restriction for label(s) SEALED");
  });

  test("a missing or repeated section", () => {
    const missing = loadError(editFixture("access.yaml", "consentBasis:\n  id: consent-basis\n  description: Consent must be given.\n", ""));
    expect(missing.message).toContain('no policy file defines "consentBasis"');
    const repeated = loadError({ "extra.yaml": "consentBasis:\n  id: consent-again\n  description: Again.\n" });
    expect(repeated.file.endsWith("extra.yaml")).toBe(true);
    expect(repeated.line).toBe(2);
    expect(repeated.problem).toContain(`"consentBasis" is already defined at `);
    expect(repeated.problem).toContain(`access.yaml:${lineOf(FIXTURE_FILES["access.yaml"] ?? "", "  id: consent-basis")}`);
  });

  test("a grant no role may ever use is a mistake", () => {
    const changes = editFixture("rules.yaml", "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships", "    roles: [SCHOOL_DSL]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships");
    const error = loadError(changes);
    expectAt(error, changes, "rules.yaml", "- id: grant-health");
    expect(error.problem).toContain("can never apply");
  });

  test("a grant says which relationships it needs, or that it needs none", () => {
    const error = loadError(editFixture("rules.yaml", "    relationships: [AGENCY_INVOLVED]\n", ""));
    expect(error.problem).toContain("relationshipRequired");
  });

  test("an agreement ending before it starts, and a date that is not one", () => {
    expect(loadError(editFixture("rules.yaml", "activeFrom: 2024-01-01", "activeFrom: 2024-01-01\n    activeTo: 2023-12-31")).problem).toContain("ends (2023-12-31) before it starts");
    expect(loadError(editFixture("rules.yaml", "activeFrom: 2024-01-01", "activeFrom: 2024-02-30")).problem).toContain("YYYY-MM-DD");
  });

  test("reads only *.yaml files at the top of the directory, not tests/", () => {
    const policy = loadPolicies(writePolicyDir({ "tests/broken.test.yaml": "not: [valid", "notes.md": "# notes" }));
    expect(policy.files).toEqual(["access.yaml", "consent.yaml", "data-subject-rights.yaml", "involvement.yaml", "retention.yaml", "roles.yaml", "rules.yaml", "subject-access.yaml", "timescales.yaml"]);
  });

  test("a directory without policies is refused: nothing could ever be disclosed", () => {
    expect(() => loadPolicies(mkdtempSync(join(tmpdir(), "hub-no-policies-")))).toThrow(/no policy files/);
  });
});
