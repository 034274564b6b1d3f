import { join } from "node:path";
import { SENSITIVITY_LABELS } from "../../records/SensitivityLabel";
import { loadPolicies } from "../loadPolicies";
import { PURPOSES } from "../Purpose";
import { editFixture, expectAt, FIXTURE_FILES, loadError, writePolicyDir } from "./policyFixture";

const FILE = "subject-access.yaml";
const LABELLED = "      - labels: [" + SENSITIVITY_LABELS.join(", ") + "]";

/** The fixture's subject-access.yaml with one more exemption appended. */
const withExemption = (lines: string): Record<string, string> => ({ [FILE]: `${FIXTURE_FILES[FILE] ?? ""}  - id: sar-extra\n    title: Extra\n    citation: DPA 2018\n    description: An extra exemption.\n${lines}` });

describe("subject access in policies/", () => {
  test("loads: the statements, and each exemption with its decisions per standing, review and reach", () => {
    const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
    expect(policy.subjectAccess.purposes.byPurpose.size).toBe(PURPOSES.length);
    const byId = new Map(policy.subjectAccessExemptions.map((exemption) => [exemption.id, exemption]));
    expect(Object.fromEntries(byId.get("sar-withheld-from-family")?.decisions ?? [])).toEqual({ CHILD: "REVIEW_REQUIRED", PERSON_WITH_PARENTAL_RESPONSIBILITY: "WITHHELD", REPRESENTATIVE: "WITHHELD" });
    expect(Object.fromEntries(byId.get("sar-child-abuse-data")?.decisions ?? [])).toEqual({ PERSON_WITH_PARENTAL_RESPONSIBILITY: "REVIEW_REQUIRED" });
    expect(byId.get("sar-health-serious-harm")).toMatchObject({ review: "HEALTH_PROFESSIONAL_OPINION", reachesDisclosures: "NONE", citation: "DPA 2018 Sch.3 Pt 2 paras 5 and 6" });
    expect(byId.get("sar-restricted-record")?.reachesDisclosures).toBe("SOLELY_CARRYING_OR_TO_HOLDER");
    expect(byId.get("sar-protected-location")).toMatchObject({ reachesDisclosures: "SOLELY_CARRYING_OR_TO_HOLDER", wholeWhen: [] });
    expect(byId.get("sar-active-investigation")).toMatchObject({
      reachesDisclosures: "SOLELY_CARRYING",
      wholeWhen: [{ lawfulBases: ["LAW_ENFORCEMENT"], purposes: null, unattributed: false }, { lawfulBases: null, purposes: ["STRATEGY_DISCUSSION"], unattributed: false }],
    });
    expect(byId.get("sar-third-party")?.source.file).toMatch(/subject-access\.yaml$/);
  });

  test("every label must be named by an exemption", () => {
    const changes = editFixture(FILE, LABELLED, "      - labels: [SEALED]");
    expect(loadError(changes).message).toContain("no subject access exemption names label(s) SPECIAL_CATEGORY, CRIMINAL_OFFENCE, LAW_ENFORCEMENT, THIRD_PARTY, WITHHOLD_FROM_FAMILY, LOCATION_WITHHELD, BROKERED");
  });

  test("a disclosure the hub cannot attribute must be held by some exemption", () => {
    const changes = editFixture(FILE, "      - disclosures: { unattributed: true }", "      - disclosures: { lawfulBases: [LAW_ENFORCEMENT] }");
    expect(loadError(changes).message).toContain("no subject access exemption applies to a disclosure the hub cannot attribute");
  });

  test("the statement of purposes covers every purpose a disclosure can state", () => {
    const changes = editFixture(FILE, "    CHILD_DEATH_REVIEW: Why CHILD_DEATH_REVIEW.\n", "");
    expect(loadError(changes).problem).toContain('missing required key "CHILD_DEATH_REVIEW"');
  });

  test("a health professional's opinion is relied on for six months at most", () => {
    const changes = editFixture(FILE, "healthOpinionValidForMonths: 6", "healthOpinionValidForMonths: 7");
    expectAt(loadError(changes), changes, FILE, "healthOpinionValidForMonths: 7");
    expect(loadError(changes).problem).toContain("DPA 2018 Sch.3 para 6(2)(b)");
  });

  test("mistakes in an exemption name the file and the line", () => {
    const cases: [string, string, string][] = [
      ["    decision: WITHHELD\n    when:\n      - labels: [SECRET]\n", "SECRET", 'unknown label "SECRET"'],
      ["    decision: HIDDEN\n    when:\n      - labels: [SEALED]\n", "HIDDEN", 'unknown exemption decision "HIDDEN"'],
      ["    decisions: { GRANDPARENT: WITHHELD }\n    when:\n      - labels: [SEALED]\n", "GRANDPARENT", 'unknown requester standing "GRANDPARENT"'],
      ["    decision: WITHHELD\n    decisions: { CHILD: WITHHELD }\n    when:\n      - labels: [SEALED]\n", "- id: sar-extra", 'states "decision" (for every requester) or "decisions" (per standing), not both'],
      ["    when:\n      - labels: [SEALED]\n", "- id: sar-extra", 'states "decision" (for every requester) or "decisions"'],
      ["    decision: WITHHELD\n    review: HEALTH_PROFESSIONAL_OPINION\n    when:\n      - labels: [SEALED]\n", "review: HEALTH", "holds none (no REVIEW_REQUIRED decision)"],
      ["    decision: WITHHELD\n    when: []\n", "when: []", "applies in at least one case"],
      ["    decision: WITHHELD\n    when:\n      - {}\n", "{}", "a clause names at least one of"],
      ["    decision: WITHHELD\n    when:\n      - labels: [SEALED]\n        disclosures: { unattributed: true }\n", "- labels: [SEALED]\n        disclosures", "not both"],
      ["    decision: REVIEW_REQUIRED\n    reachesDisclosures: CARRYING\n    when:\n      - disclosures: { purposes: [EARLY_HELP] }\n", "reachesDisclosures: CARRYING", "applies to no fact"],
      ["    decision: WITHHELD\n    when:\n      - fields: { HEALTH: [diagnosis] }\n", "diagnosis", 'unknown HEALTH field "diagnosis"'],
      ["    decision: WITHHELD\n    when:\n      - recordTypes: [POLICE]\n        fields: { HEALTH: [conditions] }\n", "fields: { HEALTH", "which the clause's \"recordTypes\" leave out"],
      ["    decision: WITHHELD\n    when:\n      - where: { POLICE: { field: incidentType, values: [BURGLARY] } }\n", "BURGLARY", "POLICE.incidentType cannot be BURGLARY"],
      ["    decision: WITHHELD\n    when:\n      - disclosures: { unattributed: false }\n", "unattributed: false", '"unattributed: false" tests nothing'],
      ["    decision: WITHHELD\n    when:\n      - disclosures: {}\n", "disclosures: {}", 'a disclosure clause names "lawfulBases", "purposes" or "unattributed: true"'],
      ["    decision: WITHHELD\n    when:\n      - label: [SEALED]\n", "label:", 'unknown key "label"'],
    ];
    for (const [lines, marker, problem] of cases) {
      const changes = withExemption(lines);
      const error = loadError(changes);
      expect([lines, error.problem]).toEqual([lines, expect.stringContaining(problem)]);
      expect([lines, error.line]).toEqual([lines, (changes[FILE] ?? "").slice(0, (changes[FILE] ?? "").lastIndexOf(marker)).split("\n").length]);
    }
  });

  test("exemption ids are rule ids: unique across every file", () => {
    const changes = editFixture(FILE, "  - id: sar-labelled", "  - id: grant-health");
    expect(loadError(changes).problem).toContain('rule id "grant-health" is already used at ');
  });

  test("subjectAccess is required, once", () => {
    const text = FIXTURE_FILES[FILE] ?? "";
    expect(loadError({ [FILE]: text.slice(text.indexOf("subjectAccessExemptions:")) }).message).toContain('no policy file defines "subjectAccess"');
  });

  test("counts in the policy version", () => {
    const version = (changes: Record<string, string> = {}): string => loadPolicies(writePolicyDir(changes)).version;
    expect(version(editFixture(FILE, "decisionReasonMinimumLength: 20", "decisionReasonMinimumLength: 30"))).not.toBe(version());
  });
});

describe("subject access exemptions, read word for word", () => {
  const problem = (lines: string): string => loadError(withExemption(lines)).problem;
  const exemption = (lines: string) => loadPolicies(writePolicyDir(withExemption(lines))).subjectAccessExemptions.find((rule) => rule.id === "sar-extra");
  const AT = "(at (document).subjectAccessExemptions[2]";

  test.each([
    ["review", "    decision: REVIEW_REQUIRED\n    review: NOBODY\n    when:\n      - labels: [SEALED]\n", ".review)"],
    ["disclosure reach", "    decision: WITHHELD\n    reachesDisclosures: NOBODY\n    when:\n      - labels: [SEALED]\n", ".reachesDisclosures)"],
    ["exemption decision", "    decisions: { CHILD: NOBODY }\n    when:\n      - labels: [SEALED]\n", ".decisions.CHILD)"],
    ["record type", "    decision: WITHHELD\n    when:\n      - recordTypes: [NOBODY]\n", ".when[0].recordTypes[0])"],
    ["record type", "    decision: WITHHELD\n    when:\n      - fields: { NOBODY: [x] }\n", ".when[0].fields)"],
    ["record type", "    decision: WITHHELD\n    when:\n      - where: { NOBODY: { field: x, values: [y] } }\n", ".when[0].where)"],
    ["label", "    decision: WITHHELD\n    when:\n      - recordLabels: [NOBODY]\n", ".when[0].recordLabels[0])"],
    ["lawful basis", "    decision: WITHHELD\n    when:\n      - disclosures: { lawfulBases: [NOBODY] }\n", ".when[0].disclosures.lawfulBases[0])"],
    ["purpose", "    decision: WITHHELD\n    when:\n      - disclosures: { purposes: [NOBODY] }\n", ".when[0].disclosures.purposes[0])"],
    ["lawful basis", "    decision: WITHHELD\n    reachesDisclosures: SOLELY_CARRYING\n    wholeWhen:\n      - lawfulBases: [NOBODY]\n    when:\n      - labels: [SEALED]\n", ".wholeWhen[0].lawfulBases[0])"],
    ["purpose", "    decision: WITHHELD\n    reachesDisclosures: SOLELY_CARRYING\n    wholeWhen:\n      - purposes: [NOBODY]\n    when:\n      - labels: [SEALED]\n", ".wholeWhen[0].purposes[0])"],
  ])("an unknown %s is named", (what, lines, path) => {
    expect(problem(lines)).toMatch(new RegExp(`^unknown ${what} "NOBODY"; expected one of: [A-Z0-9_, ]+ ${AT.replace(/[()[\].]/g, "\\$&")}${path.replace(/[()[\].]/g, "\\$&")}$`));
  });

  test("the messages for an empty map of standings, fields or conditions, and for a clause of both kinds or neither", () => {
    expect(problem("    decisions: {}\n    when:\n      - labels: [SEALED]\n")).toBe(`expected at least one requester standing ${AT}.decisions)`);
    expect(problem("    decision: WITHHELD\n    when:\n      - fields: {}\n")).toBe(`expected at least one record type ${AT}.when[0].fields)`);
    expect(problem("    decision: WITHHELD\n    when:\n      - where: {}\n")).toBe(`expected at least one record type ${AT}.when[0].where)`);
    expect(problem("    decision: WITHHELD\n    when:\n      - labels: [SEALED]\n        disclosures: { unattributed: true }\n"))
      .toBe(`a clause tests a disclosure ("disclosures") or facts held (labels, recordLabels, recordTypes, fields, where), not both ${AT}.when[0])`);
    expect(problem("    decision: WITHHELD\n    when:\n      - {}\n")).toBe(`a clause names at least one of: labels, recordLabels, recordTypes, fields, where, disclosures ${AT}.when[0])`);
    expect(problem("    decision: WITHHELD\n    when:\n      - recordTypes: [POLICE]\n        fields: { HEALTH: [conditions], EDUCATION: [dslName] }\n"))
      .toBe(`"fields" names HEALTH, EDUCATION, which the clause's "recordTypes" leave out: it could never apply ${AT}.when[0].fields)`);
  });

  test("a review or a reach stated as its default needs nothing more", () => {
    expect(exemption("    decision: WITHHELD\n    review: IG_LEAD\n    when:\n      - labels: [SEALED]\n")?.review).toBe("IG_LEAD");
    expect(exemption("    decision: REVIEW_REQUIRED\n    review: HEALTH_PROFESSIONAL_OPINION\n    when:\n      - labels: [SEALED]\n")?.review).toBe("HEALTH_PROFESSIONAL_OPINION");
    expect(exemption("    decision: WITHHELD\n    reachesDisclosures: NONE\n    when:\n      - disclosures: { purposes: [EARLY_HELP] }\n")?.reachesDisclosures).toBe("NONE");
  });

  test("the disclosures withheld whole go only with a reach that leaves out a part, and name a basis or a purpose", () => {
    const reach = (value: string) => `    decision: WITHHELD\n    reachesDisclosures: ${value}\n    wholeWhen:\n      - purposes: [STRATEGY_DISCUSSION]\n    when:\n      - labels: [SEALED]\n`;
    const onlyWith = `"wholeWhen" names the disclosures withheld whole though only their part carried the fact: it goes with reachesDisclosures SOLELY_CARRYING or SOLELY_CARRYING_OR_TO_HOLDER ${AT}.wholeWhen)`;
    expect(problem(reach("CARRYING"))).toBe(onlyWith);
    expect(problem("    decision: WITHHELD\n    wholeWhen:\n      - purposes: [STRATEGY_DISCUSSION]\n    when:\n      - labels: [SEALED]\n")).toBe(onlyWith);
    expect(exemption(reach("SOLELY_CARRYING_OR_TO_HOLDER"))?.wholeWhen).toEqual([{ lawfulBases: null, purposes: ["STRATEGY_DISCUSSION"], unattributed: false }]);
    expect(problem("    decision: WITHHELD\n    reachesDisclosures: SOLELY_CARRYING\n    wholeWhen:\n      - {}\n    when:\n      - labels: [SEALED]\n")).toBe(`a disclosure clause names "lawfulBases" or "purposes" ${AT}.wholeWhen[0])`);
    // A disclosure asked about is one known to have carried the fact: it is never unattributed.
    expect(problem("    decision: WITHHELD\n    reachesDisclosures: SOLELY_CARRYING\n    wholeWhen:\n      - unattributed: true\n    when:\n      - labels: [SEALED]\n")).toMatch(/^unknown key "unattributed"/);
    expect(problem("    decision: WITHHELD\n    reachesDisclosures: SOLELY_CARRYING\n    wholeWhen: []\n    when:\n      - labels: [SEALED]\n")).toBe(`expected at least one disclosure clause, or leave "wholeWhen" out ${AT}.wholeWhen)`);
    expect(exemption("    decision: WITHHELD\n    reachesDisclosures: SOLELY_CARRYING\n    when:\n      - labels: [SEALED]\n")?.wholeWhen).toEqual([]);
  });

  test("a reach applies if any clause is about a fact, whatever the others are about", () => {
    const mixed = exemption("    decision: WITHHELD\n    reachesDisclosures: CARRYING\n    when:\n      - disclosures: { purposes: [EARLY_HELP] }\n      - labels: [SEALED]\n");
    expect(mixed?.reachesDisclosures).toBe("CARRYING");
  });
});
