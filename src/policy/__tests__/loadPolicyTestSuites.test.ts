import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../loadPolicies";
import { loadPolicyTestSuites } from "../loadPolicyTestSuites";
import { PolicyError } from "../PolicyError";
import { isDeepStrictEqual } from "node:util";
import { runInvolvementTestCase, runPolicyTestCase } from "../runPolicyTestCase";
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

  // policySuites.test.ts runs the same suites, loaded as the file loads (to name a test per case); here
  // they load inside a test, so that what the loader makes of them is measured case by case.
  test("the hub's own suites load, and each of their cases decides as it expects", () => {
    const policiesDir = join(__dirname, "..", "..", "..", "policies");
    const real = loadPolicies(policiesDir);
    const suites = loadPolicyTestSuites(join(policiesDir, "tests"), real);
    expect(suites.filter((suite) => suite.cases.length > 0).length).toBeGreaterThan(10);
    const failing = suites.flatMap((suite) => [
      ...suite.cases.filter((testCase) => !isDeepStrictEqual(runPolicyTestCase(real, testCase), testCase.expected)),
      ...suite.involvementCases.filter((testCase) => !isDeepStrictEqual(runInvolvementTestCase(real, testCase), testCase.expected)),
    ].map((testCase) => `${suite.file}:${testCase.line}`));
    expect(failing).toEqual([]);
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

/** Every part a suite may state, and every part left to its default. */
const FULL = `description: Every part a suite may state.
at: 2026-06-15
principals:
  defaulted:
    roles: [SOCIAL_WORKER]
    agencyType: CHILDRENS_SOCIAL_CARE
  stated:
    roles: [POLICE_OFFICER, MASH_PRACTITIONER]
    agencyType: POLICE
    agency: POLICE-99
    localAuthority: E10000019
resources:
  bare: {}
  full:
    relationships: [AGENCY_INVOLVED, MASH_CASE]
    consent: GIVEN
    consentOverride: true
    openCaseReference: true
    child:
      labels: [LOCATION_WITHHELD]
      fieldLabels:
        addresses: [THIRD_PARTY]
    records:
      - recordType: POLICE
        key: incident
        agency: POLICE-98
        labels: [SEALED]
        fieldLabels:
          summary: [SPECIAL_CATEGORY]
        values:
          incidentType: DOMESTIC_ABUSE
          activeInvestigation: true
      - recordType: HEALTH
        providerAgencyType: CHILDRENS_SOCIAL_CARE
        labels: [SPECIAL_CATEGORY]
cases:
  - name: every default
    principal: defaulted
    resource: bare
    access:
      purpose: SECTION_47_ENQUIRY
      lawfulBasis: PUBLIC_TASK
    expect:
      withheld:
        "*": default-deny
  - name: everything stated
    principal: stated
    resource: full
    at: 2026-07-01
    access:
      purpose: STRATEGY_DISCUSSION
      lawfulBasis: LAW_ENFORCEMENT
      specialCategoryCondition: SAFEGUARDING_CHILDREN
      justification: ""
      caseReference: MASH-2026-1
      breakGlass: true
    expect:
      disclosed: [HEALTH.conditions]
      withheld:
        HEALTH.*: special-category-withheld
        CHILD.givenNames: no-relationship
        "*": default-deny
      sealed: [incident]
      grantingRules: [grant-health, default-deny]
  - name: refused, naming the rule
    principal: defaulted
    resource: bare
    access:
      purpose: SECTION_47_ENQUIRY
      lawfulBasis: PUBLIC_TASK
    expect:
      refused: JUSTIFICATION_REQUIRED
      rule: justification-required
  - name: refused, no rule named
    principal: defaulted
    resource: full
    access:
      purpose: SECTION_47_ENQUIRY
      lawfulBasis: PUBLIC_TASK
    expect:
      refused: CONSENT_REFUSED
      brokered_placeholder: x
involvementCases:
  - name: a GP registration that ended
    recordType: HEALTH
    details:
      deregisteredOn: 2026-05-01
    updatedOn: 2026-05-02
    at: 2026-06-01
    expect:
      involved: false
      rule: involvement-health
  - name: an investigation on the suite's day
    recordType: POLICE
    details:
      reportedOn: 2026-06-01
      activeInvestigation: true
    expect:
      involved: true
      rule: involvement-police
referralCases:
  - name: a referral on a Monday morning
    stage: STRATEGY_DISCUSSION
    receivedAt: 2026-06-15T09:00
    expect:
      researchUntil: 2026-06-16T23:59:59.999+01:00
`.replace("      brokered_placeholder: x\n", "");

function suitesIn(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "hub-policy-tests-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadPolicyTestSuites(dir, policy);
}

function fullError(from: string, to: string): { error: PolicyError; text: string } {
  if (!FULL.includes(from)) throw new Error(`the suite has no "${from}"`);
  const text = FULL.replace(from, to);
  try {
    suitesIn({ "full.test.yaml": text });
  } catch (error) {
    if (error instanceof PolicyError) return { error, text };
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("loadPolicyTestSuites reads every part of a suite", () => {
  // Read in each test, not as the file loads: a loader that fails must fail a test, not the file.
  const read = () => {
    const [suite] = suitesIn({ "full.test.yaml": FULL });
    const [defaults, stated, refusedWithRule, refusedWithoutRule] = suite?.cases ?? [];
    return { suite, defaults, stated, refusedWithRule, refusedWithoutRule };
  };

  test("only *.test.yaml files, in name order, each with its file name and description", () => {
    const suites = suitesIn({ "b.test.yaml": FULL, "a.test.yaml": SUITE, "notes.yaml": "not: a suite\n", "README.md": "# suites\n" });
    expect(suites.map((read) => [read.file, read.description])).toEqual([["a.test.yaml", "A suite against the fixture policy."], ["b.test.yaml", "Every part a suite may state."]]);
    expect(suitesIn({ "plain.test.yaml": SUITE.replace("description: A suite against the fixture policy.\n", "") })[0]?.description).toBeNull();
  });

  test("a principal: its roles and agency type, the agency and local authority if stated, otherwise defaults", () => {
    const { defaults, stated } = read();
    expect(defaults?.principal).toEqual({
      sub: "policy-test:defaulted", name: "Policy test principal defaulted", agency: "CHILDRENS_SOCIAL_CARE-CALLER", agencyType: "CHILDRENS_SOCIAL_CARE",
      roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
    });
    expect(stated?.principal).toEqual({
      sub: "policy-test:stated", name: "Policy test principal stated", agency: "POLICE-99", agencyType: "POLICE",
      roles: ["POLICE_OFFICER", "MASH_PRACTITIONER"], localAuthority: "E10000019", team: null, tokenId: null,
    });
    expect([defaults?.principalName, defaults?.resourceName, stated?.principalName, stated?.resourceName]).toEqual(["defaulted", "bare", "stated", "full"]);
  });

  test("a resource left bare: no relationship, consent not recorded, no override, no case reference, the child's details alone", () => {
    const { defaults } = read();
    const subject = defaults?.subject;
    expect({ ...subject, records: subject?.records.map((record) => record.path) }).toEqual({
      relationships: [], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, childNotYetBorn: false, records: ["CHILD"],
    });
    const child = subject?.records[0];
    expect(child).toMatchObject({ path: "CHILD", recordType: "CHILD", providerAgencyType: null, providerAgencyCode: null, labels: [], attributes: {} });
    expect(child?.fields.every((field) => field.labels.length === 0 && field.recordType === "CHILD" && field.path === `CHILD.${field.field}`)).toBe(true);
  });

  test("a resource stated in full: its relationships, consent, override, case reference, and each record with its key, provider, labels and values", () => {
    const { stated } = read();
    const subject = stated?.subject;
    expect([subject?.relationships, subject?.consent, subject?.consentOverride, subject?.openCaseReference]).toEqual([["AGENCY_INVOLVED", "MASH_CASE"], "GIVEN", true, true]);
    expect(subject?.records.map(({ path, recordType, providerAgencyType, providerAgencyCode, labels, attributes }) => ({ path, recordType, providerAgencyType, providerAgencyCode, labels, attributes }))).toEqual([
      { path: "CHILD", recordType: "CHILD", providerAgencyType: null, providerAgencyCode: null, labels: ["LOCATION_WITHHELD"], attributes: {} },
      { path: "incident", recordType: "POLICE", providerAgencyType: "POLICE", providerAgencyCode: "POLICE-98", labels: ["SEALED"], attributes: { incidentType: "DOMESTIC_ABUSE", activeInvestigation: true } },
      { path: "HEALTH", recordType: "HEALTH", providerAgencyType: "CHILDRENS_SOCIAL_CARE", providerAgencyCode: "CHILDRENS_SOCIAL_CARE-PROVIDER", labels: ["SPECIAL_CATEGORY"], attributes: {} },
    ]);
    const field = (path: string) => subject?.records.flatMap((record) => record.fields).find((candidate) => candidate.path === path);
    // The child's fields carry only what the suite adds (the catalogue labels agency records), and the child's own labels —
    // a protected location's only on the fields that say where the child is.
    expect(field("CHILD.addresses")).toEqual({ path: "CHILD.addresses", recordType: "CHILD", field: "addresses", labels: ["THIRD_PARTY", "LOCATION_WITHHELD"] });
    expect(field("CHILD.localAuthority")?.labels).toEqual(["LOCATION_WITHHELD"]);
    expect(field("CHILD.givenNames")?.labels).toEqual([]);
    // A record's fields: the catalogue's labels, the suite's, then the record's, each once.
    expect(field("incident.summary")).toEqual({ path: "incident.summary", recordType: "POLICE", field: "summary", labels: ["THIRD_PARTY", "SPECIAL_CATEGORY", "SEALED"] });
    expect(field("incident.officerName")?.labels).toEqual(["SEALED"]);
    expect(field("HEALTH.conditions")?.labels).toEqual(["SPECIAL_CATEGORY"]);
  });

  test("an access context: stated in full, or with the default justification and nothing else", () => {
    const { defaults, stated } = read();
    expect(defaults?.access).toEqual({
      purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
      justification: "Stated need for this policy test case, recorded verbatim in the audit trail.", caseReference: null, breakGlass: false,
    });
    expect(stated?.access).toEqual({
      purpose: "STRATEGY_DISCUSSION", lawfulBasis: "LAW_ENFORCEMENT", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
      justification: "", caseReference: "MASH-2026-1", breakGlass: true,
    });
  });

  test("the day: the case's own, else the suite's, at noon", () => {
    const { defaults, stated } = read();
    expect(defaults?.at).toEqual(new Date("2026-06-15T12:00:00Z"));
    expect(stated?.at).toEqual(new Date("2026-07-01T12:00:00Z"));
    expect(suitesIn({ "plain.test.yaml": SUITE })[0]?.cases[0]?.at).toEqual(new Date("2026-11-01T12:00:00Z"));
  });

  test("the expected fields: a field's own key over its record's over \"*\"; sealed and brokered records, and the granting rules sorted", () => {
    const { defaults, stated } = read();
    const expected = stated?.expected;
    if (expected === undefined || "refused" in expected) throw new Error("expected a decision");
    expect(expected.fields["HEALTH.conditions"]).toBe("disclosed");
    expect(expected.fields["HEALTH.gpPracticeName"]).toBe("special-category-withheld");
    expect(expected.fields["CHILD.givenNames"]).toBe("no-relationship");
    expect(expected.fields["CHILD.familyName"]).toBe("default-deny");
    expect(Object.keys(expected.fields).some((path) => path.startsWith("incident."))).toBe(false);
    expect(expected.sealed).toEqual(["incident"]);
    expect(expected.brokered).toEqual([]);
    expect(expected.grantingRules).toEqual(["default-deny", "grant-health"]);
    const plain = defaults?.expected;
    expect(plain && "fields" in plain ? plain.grantingRules : "refused").toBeNull();
  });

  test("a brokered record and a sealed field are left out of the fields expected", () => {
    const [read] = suitesIn({ "brokered.test.yaml": SUITE.replace("        HEALTH.*: withhold-from-family-withheld\n", "").replace("      withheld:\n", "      brokered: [HEALTH]\n      sealed: [CHILD.sex]\n      withheld:\n") });
    const expected = read?.cases[0]?.expected;
    if (expected === undefined || "refused" in expected) throw new Error("expected a decision");
    expect(expected.brokered).toEqual(["HEALTH"]);
    expect(expected.sealed).toEqual(["CHILD.sex"]);
    expect(Object.keys(expected.fields).filter((path) => path.startsWith("HEALTH.") || path === "CHILD.sex")).toEqual([]);
    expect(expected.fields["CHILD.givenNames"]).toBe("default-deny");
  });

  test("a refusal: its problem code, and its rule or none", () => {
    const { refusedWithRule, refusedWithoutRule } = read();
    expect(refusedWithRule?.expected).toEqual({ refused: "JUSTIFICATION_REQUIRED", rule: "justification-required" });
    expect(refusedWithoutRule?.expected).toEqual({ refused: "CONSENT_REFUSED", rule: null });
  });

  test("each case with its file and line", () => {
    const { suite } = read();
    expect(suite?.cases.map((testCase) => [testCase.name, testCase.file, testCase.line])).toEqual([
      ["every default", "full.test.yaml", lineOf(FULL, "- name: every default")],
      ["everything stated", "full.test.yaml", lineOf(FULL, "- name: everything stated")],
      ["refused, naming the rule", "full.test.yaml", lineOf(FULL, "- name: refused, naming the rule")],
      ["refused, no rule named", "full.test.yaml", lineOf(FULL, "- name: refused, no rule named")],
    ]);
  });

  test("involvement cases: the record's details, when the hub learnt of it and the day, defaulting to the suite's", () => {
    const { suite } = read();
    expect(suite?.involvementCases).toEqual([
      {
        name: "a GP registration that ended", file: "full.test.yaml", line: lineOf(FULL, "- name: a GP registration that ended"), recordType: "HEALTH",
        details: { deregisteredOn: "2026-05-01" }, updatedAt: new Date("2026-05-02T12:00:00Z"), at: new Date("2026-06-01T12:00:00Z"),
        expected: { involved: false, rule: "involvement-health" },
      },
      {
        name: "an investigation on the suite's day", file: "full.test.yaml", line: lineOf(FULL, "- name: an investigation on the suite's day"), recordType: "POLICE",
        details: { reportedOn: "2026-06-01", activeInvestigation: true }, updatedAt: new Date("2026-06-15T12:00:00Z"), at: new Date("2026-06-15T12:00:00Z"),
        expected: { involved: true, rule: "involvement-police" },
      },
    ]);
  });

  test("referral cases: the stage, when it was received (London time), and when research lapses", () => {
    const { suite } = read();
    expect(suite?.referralCases).toEqual([{
      name: "a referral on a Monday morning", file: "full.test.yaml", line: lineOf(FULL, "- name: a referral on a Monday morning"), stage: "STRATEGY_DISCUSSION",
      receivedAt: new Date("2026-06-15T08:00:00Z"), expected: { researchUntil: new Date("2026-06-16T22:59:59.999Z") },
    }]);
  });

  test("a suite of involvement or referral cases alone needs no principals or resources", () => {
    const involvementOnly = FULL.slice(0, FULL.indexOf("principals:")) + FULL.slice(FULL.indexOf("involvementCases:"), FULL.indexOf("referralCases:"));
    const referralOnly = FULL.slice(0, FULL.indexOf("principals:")) + FULL.slice(FULL.indexOf("referralCases:"));
    expect(suitesIn({ "i.test.yaml": involvementOnly })[0]).toMatchObject({ cases: [], referralCases: [], involvementCases: [expect.anything(), expect.anything()] });
    expect(suitesIn({ "r.test.yaml": referralOnly })[0]).toMatchObject({ cases: [], involvementCases: [], referralCases: [expect.anything()] });
  });

  /** [what, text in FULL, its replacement, the problem, the line it names (the replacement's last, unless given)]. */
  const mistakes: [string, string, string, string, string | null][] = [
    ["a case name used twice", "  - name: refused, no rule named", "  - name: every default", 'a case named "every default" already exists in this file', null],
    ["an involvement case named like a case", "  - name: a GP registration that ended", "  - name: every default", 'a case named "every default" already exists in this file', null],
    ["a referral case named like a case", "  - name: a referral on a Monday morning", "  - name: every default", 'a case named "every default" already exists in this file', null],
    ["a record key with a dot", "        key: incident", "        key: in.cident", 'a record key may not contain "." or be "*"', null],
    ["a record key that is a star", "        key: incident", "        key: \"*\"", 'a record key may not contain "." or be "*"', null],
    ["a value for a field that has none to test", "          incidentType: DOMESTIC_ABUSE", "          summary: DOMESTIC_ABUSE", 'unknown POLICE testable field "summary"', null],
    ["a value a field cannot have", "          incidentType: DOMESTIC_ABUSE", "          incidentType: BURGLARY_OF_A_CASTLE", "POLICE.incidentType cannot be BURGLARY_OF_A_CASTLE; expected one of: ", null],
    ["an unknown field label", "          summary: [SPECIAL_CATEGORY]", "          synopsis: [SPECIAL_CATEGORY]", 'unknown POLICE field "synopsis"', null],
    ["an unknown child field label", "        addresses: [THIRD_PARTY]", "        address: [THIRD_PARTY]", 'unknown CHILD field "address"', null],
    ["an unknown provider agency type", "        providerAgencyType: CHILDRENS_SOCIAL_CARE", "        providerAgencyType: CHARITY", 'unknown agency type "CHARITY"', null],
    ["an unknown consent state", "    consent: GIVEN", "    consent: MAYBE", 'unknown consent state "MAYBE"', null],
    ["an unknown relationship", "    relationships: [AGENCY_INVOLVED, MASH_CASE]", "    relationships: [FRIEND]", 'unknown relationship kind "FRIEND"', null],
    // Both at the case's "expect", whose line is its first key's.
    ["fields with a refusal", "      refused: CONSENT_REFUSED\n", "      refused: CONSENT_REFUSED\n      sealed: [incident]\n", 'a refused case expects no "sealed"', "refused: CONSENT_REFUSED"],
    ["a rule without a refusal", "      sealed: [incident]\n", "      sealed: [incident]\n      rule: grant-health\n", '"rule" goes with "refused"', "disclosed: [HEALTH.conditions]"],
    ["a sealed record the resource does not have", "      sealed: [incident]", "      sealed: [accident]", 'unknown record key "accident"; this resource has: CHILD, incident, HEALTH', null],
    ["a field expected twice", "        CHILD.givenNames: no-relationship", "        HEALTH.conditions: no-relationship", '"HEALTH.conditions" is expected twice', null],
    ["\"*\" as disclosed", "      disclosed: [HEALTH.conditions]", "      disclosed: [\"*\"]", '"*" may only be a "withheld" key', null],
    ["an unknown granting rule", "      grantingRules: [grant-health, default-deny]", "      grantingRules: [grant-everything]", 'unknown rule id "grant-everything"', null],
    ["an unknown principal, with those there are", "    principal: stated", "    principal: unstated", 'unknown principal "unstated"; this file names: defaulted, stated', null],
    ["an unknown resource, with those there are", "    resource: full", "    resource: empty", 'unknown resource "empty"; this file names: bare, full', null],
    ["an unknown involvement field", "      deregisteredOn: 2026-05-01", "      leftOn: 2026-05-01", 'unknown HEALTH field "leftOn"', null],
    ["an involvement detail that is a list", "      deregisteredOn: 2026-05-01", "      deregisteredOn: [2026-05-01]", "expected a single value", null],
    ["an involvement detail that is null", "      deregisteredOn: 2026-05-01", "      deregisteredOn: null", "expected a single value", null],
    ["an unknown involvement rule", "      rule: involvement-health", "      rule: involvement-gp", 'unknown rule id "involvement-gp"', null],
    ["an unknown referral stage", "    stage: STRATEGY_DISCUSSION", "    stage: TRIAGE", 'unknown referral stage "TRIAGE"', null],
    ["a received time that is not one", "    receivedAt: 2026-06-15T09:00", "    receivedAt: 2026-06-15", "expected a date and time", null],
    ["a lapse time London's clocks skip", "      researchUntil: 2026-06-16T23:59:59.999+01:00", "      researchUntil: 2026-03-29T01:30", "does not happen in Europe/London", null],
  ];
  test.each(mistakes)("%s is an error naming the file and line", (_what, from, to, problem, at) => {
    const { error, text } = fullError(from, to);
    expect(error.file.endsWith("full.test.yaml")).toBe(true);
    expect(error.problem).toContain(problem);
    const line = at ?? to.split("\n").filter((part) => part.trim() !== "").at(-1)?.trim() ?? "";
    // The last occurrence: a name used twice is named where it is used again.
    expect(error.line).toBe(text.slice(0, text.lastIndexOf(line)).split("\n").length);
  });

  test("principals alone, or resources alone, without cases are errors; so is an empty list of cases beside other cases", () => {
    const head = FULL.slice(0, FULL.indexOf("principals:"));
    const principals = FULL.slice(FULL.indexOf("principals:"), FULL.indexOf("resources:"));
    const resources = FULL.slice(FULL.indexOf("resources:"), FULL.indexOf("cases:"));
    const involvement = FULL.slice(FULL.indexOf("involvementCases:"), FULL.indexOf("referralCases:"));
    for (const text of [head + principals + involvement, head + resources + involvement]) {
      expect(() => suitesIn({ "p.test.yaml": text })).toThrow('"principals" and "resources" go with "cases"');
    }
    const emptyCases = `${head}${principals}${resources}cases: []\n${involvement}`;
    const error = fullError(FULL, emptyCases).error;
    expect(error.problem).toMatch(/^a suite has at least one case \(at /);
    expect(error.line).toBe(lineOf(emptyCases, "cases: []"));
  });

  test("an empty list of labels or relationships is allowed", () => {
    const text = FULL.replace("    relationships: [AGENCY_INVOLVED, MASH_CASE]", "    relationships: []").replace("        labels: [SEALED]", "        labels: []");
    const [read] = suitesIn({ "empty.test.yaml": text.replace("      sealed: [incident]\n", "") });
    const stated = read?.cases[1];
    expect(stated?.subject.relationships).toEqual([]);
    expect(stated?.subject.records.find((record) => record.path === "incident")?.labels).toEqual([]);
  });

  test.each(["disclosed: [HEALTH.conditions]", "withheld:\n        \"*\": default-deny", "brokered: [HEALTH]", "grantingRules: [grant-health]"])("a refused case expecting %s is an error", (part) => {
    const key = part.slice(0, part.indexOf(":"));
    const { error } = fullError("      refused: CONSENT_REFUSED\n", `      refused: CONSENT_REFUSED\n      ${part}\n`);
    expect(error.problem).toContain(`a refused case expects no "${key}"`);
  });

  test("brokered records are expected in sorted order, whatever order the suite lists them in", () => {
    const text = FULL.replace("      sealed: [incident]\n", "      brokered: [incident, HEALTH]\n").replace("        HEALTH.*: special-category-withheld\n", "").replace("      disclosed: [HEALTH.conditions]\n", "");
    const expected = suitesIn({ "b.test.yaml": text })[0]?.cases[1]?.expected;
    expect(expected && "brokered" in expected ? expected.brokered : null).toEqual(["HEALTH", "incident"]);
  });

  test("a suite that says nothing, an empty list of cases, and principals without cases are errors", () => {
    expect(fullError(FULL.slice(FULL.indexOf("principals:")), "").error.problem).toContain('a suite has at least one case ("cases", "involvementCases" or "referralCases")');
    const noCases = FULL.slice(0, FULL.indexOf("cases:")) + "cases: []\n";
    expect(() => suitesIn({ "none.test.yaml": noCases })).toThrow("a suite has at least one case");
    const principalsOnly = FULL.slice(0, FULL.indexOf("cases:")) + FULL.slice(FULL.indexOf("involvementCases:"));
    expect(() => suitesIn({ "p.test.yaml": principalsOnly })).toThrow('"principals" and "resources" go with "cases"');
  });
});
