import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import canonicalize from "canonicalize";
import { parse } from "yaml";
import { AGENCY_TYPES } from "../../directory/AgencyType";
import { loadPolicies } from "../loadPolicies";
import { PolicyError } from "../PolicyError";
import { YamlNode } from "../YamlNode";
import { editFixture, FIXTURE_FILES, lineOf, loadError, writePolicyDir } from "./policyFixture";

/**
 * What whoever edits a policy is told, word for word: the problem, the file and the line. A policy the
 * hub cannot read refuses to start it, so the message is the only guide to the fix.
 */
describe("a policy problem names its place", () => {
  test("a problem at a line reads file:line:column, and is a PolicyError", () => {
    const changes = editFixture("rules.yaml", "id: grant-health", "id: Grant_Health");
    const error = loadError(changes);
    const line = lineOf(changes["rules.yaml"] ?? "", "Grant_Health");
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.name).toBe("PolicyError");
    expect(error.line).toBe(line);
    expect(error.column).toBe(9);
    expect(error.problem).toBe('rule id "Grant_Health" must be lower-case words joined by hyphens (at (document).grants[0].id)');
    expect(error.message).toBe(`${error.file}:${line}:9: ${error.problem}`);
  });

  test("a problem with the whole directory names the directory alone", () => {
    const involvement = (FIXTURE_FILES["involvement.yaml"] ?? "").replace(/ {2}- id: involvement-health\n(?: {4}.*\n)+/, "");
    const error = loadError({ "involvement.yaml": involvement });
    expect(error.line).toBe(0);
    expect(error.column).toBe(0);
    expect(error.problem).toBe("no involvement rule for record type(s) HEALTH: every record type must say when the involvement it founds lapses");
    expect(error.message).toBe(`${error.file}: ${error.problem}`);
    const two = loadError({ "involvement.yaml": involvement.replace(/ {2}- id: involvement-police\n(?: {4}.*\n)+/, "") });
    expect(two.problem).toBe("no involvement rule for record type(s) POLICE, HEALTH: every record type must say when the involvement it founds lapses");
  });

  test("a section no file defines is named", () => {
    const error = loadError(editFixture("access.yaml", "consentBasis:\n  id: consent-basis\n  description: Consent must be given.\n", ""));
    expect(error.message).toBe(`${error.file}: no policy file defines "consentBasis"; it is required`);
  });
});

describe("loadPolicies refuses", () => {
  test("an empty file", () => {
    const error = loadError({ "empty.yaml": "" });
    expect(error.file.endsWith("empty.yaml")).toBe(true);
    expect(error.problem).toBe("the file is empty (at (document))");
  });

  test("a second involvement rule for a record type", () => {
    const error = loadError({ "zz-extra.yaml": "involvement:\n  - id: involvement-health-again\n    description: Again.\n    recordType: HEALTH\n    endsOn: deregisteredOn\n    lapsesAfterDays: 30\n" });
    expect(error.file.endsWith("zz-extra.yaml")).toBe(true);
    expect(error.line).toBe(2);
    expect(error.problem).toBe("HEALTH already has an involvement rule (at (document).involvement[0])");
  });

  test("a household link through a relationship the hub does not know, or with no bound on how many children", () => {
    const unknown = loadError(editFixture("involvement.yaml", "adultRelationships: [MOTHER, FATHER]", "adultRelationships: [MOTHER, NEIGHBOUR]"));
    expect(unknown.problem).toContain('unknown relationship "NEIGHBOUR"');
    const unbounded = loadError(editFixture("involvement.yaml", "  maxChildrenPerAdult: 5\n", ""));
    expect(unbounded.problem).toContain("maxChildrenPerAdult");
    const link = loadError(editFixture("involvement.yaml", "opensMemberFiles: [SAME_ADDRESS, LINKED_ADULT]", "opensMemberFiles: [SAME_ADDRESS, SAME_SCHOOL]"));
    expect(link.problem).toContain('unknown household link "SAME_SCHOOL"');
  });

  test("a search candidate's comparison the hub does not make, a detail that is no child's, or a coarser level where levels do not nest", () => {
    const unknown = loadError(editFixture("involvement.yaml", "    givenNames: { detail: givenNames }", "    nickname: { detail: givenNames }"));
    expect(unknown.problem).toContain('unknown comparison "nickname"');
    const detail = loadError(editFixture("involvement.yaml", "    givenNames: { detail: givenNames }", "    givenNames: { detail: gpPracticeName }"));
    expect(detail.problem).toContain('unknown CHILD field "gpPracticeName"');
    const level = loadError(editFixture("involvement.yaml", "finestLevel: DISTRICT", "finestLevel: DIFFERENT"));
    expect(level.problem).toContain('unknown nested postcode level "DIFFERENT"');
    const unnested = loadError(editFixture("involvement.yaml", "    givenNames: { detail: givenNames }", "    givenNames: { detail: givenNames, finestLevel: PHONETIC }"));
    expect(unnested.problem).toContain("the levels of givenNames do not nest");
  });

  test("a consultation asker the hub does not know, or an agency's system asking", () => {
    const unknown = loadError(editFixture("involvement.yaml", "roles: [SCHOOL_DSL, SOCIAL_WORKER]", "roles: [SCHOOL_DSL, TEACHER]"));
    expect(unknown.problem).toContain('unknown role "TEACHER"');
    const system = loadError(editFixture("involvement.yaml", "roles: [SCHOOL_DSL, SOCIAL_WORKER]", "roles: [SCHOOL_DSL, AGENCY_SYSTEM]"));
    expect(system.problem).toContain("AGENCY_SYSTEM cannot ask: a consultation is a person's question");
  });

  test("a consultation adviser the hub does not know, an agency's system advising, or a role that asks advising", () => {
    const unknown = loadError(editFixture("involvement.yaml", "advisingRole: MASH_PRACTITIONER", "advisingRole: TRIAGE_LEAD"));
    expect(unknown.problem).toContain('unknown role "TRIAGE_LEAD"');
    const system = loadError(editFixture("involvement.yaml", "advisingRole: MASH_PRACTITIONER", "advisingRole: AGENCY_SYSTEM"));
    expect(system.problem).toContain("AGENCY_SYSTEM cannot advise: advice is a person's");
    const asker = loadError(editFixture("involvement.yaml", "advisingRole: MASH_PRACTITIONER", "advisingRole: SOCIAL_WORKER"));
    expect(asker.problem).toContain("SOCIAL_WORKER cannot both ask and advise");
    const missing = loadError(editFixture("involvement.yaml", "  advisingRole: MASH_PRACTITIONER\n", ""));
    expect(missing).toBeInstanceOf(PolicyError);
  });

  test("a role held by no agency type the hub knows, a role left out, or a holder that is neither ANY nor a list", () => {
    const unknown = loadError(editFixture("roles.yaml", "MASH_PRACTITIONER: ANY", "MASH_PRACTITIONER: [CHILDRENS_SOCIAL_CARE, COUNCIL]"));
    expect({ file: unknown.file.endsWith("roles.yaml"), problem: unknown.problem }).toEqual({ file: true, problem: expect.stringContaining('unknown agency type "COUNCIL"') });
    expect(loadError(editFixture("roles.yaml", "MASH_PRACTITIONER: ANY", "MASH_PRACTITIONER: []")).problem).toContain("MASH_PRACTITIONER");
    expect(loadError(editFixture("roles.yaml", "    MASH_PRACTITIONER: ANY\n", "")).problem).toContain('missing required key "MASH_PRACTITIONER"');
    expect(loadError(editFixture("roles.yaml", "MASH_PRACTITIONER: ANY", "MASH_PRACTITIONER: ALL")).problem).toContain('unknown holder (ANY, or a list of agency types) "ALL"');
    expect(loadError(editFixture("roles.yaml", "    MASH_PRACTITIONER: ANY\n", "    MASH_PRACTITIONER: ANY\n    TEACHER: ANY\n")).problem).toContain('unknown key "TEACHER"');
  });

  test("who records exclusions: an unknown role or kind, an agency's system, or an agency allowed to shut itself out", () => {
    expect(loadError(editFixture("roles.yaml", "role: CSC_MANAGER,", "role: TEAM_MANAGER,")).problem).toContain('unknown role "TEAM_MANAGER"');
    expect(loadError(editFixture("roles.yaml", "role: CSC_MANAGER,", "role: AGENCY_SYSTEM,")).problem).toContain("AGENCY_SYSTEM cannot record an exclusion");
    expect(loadError(editFixture("roles.yaml", "ownAgency: [STAFF, TEAM]", "ownAgency: [STAFF, TEAM, AGENCY]")).problem).toContain("no agency shuts itself out");
    expect(loadError(editFixture("roles.yaml", "kinds: [STAFF, TEAM, AGENCY]", "kinds: [STAFF, HOUSEHOLD]")).problem).toContain('unknown exclusion kind "HOUSEHOLD"');
  });

  test("a grant or permit naming a role none of its agency types can hold, by id", () => {
    const changes = editFixture("roles.yaml", "SOCIAL_WORKER: ANY", "SOCIAL_WORKER: [CHILDRENS_SOCIAL_CARE]");
    const grant = loadError({ ...changes, ...editFixture("rules.yaml", "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships: [AGENCY_INVOLVED]", "    roles: [SOCIAL_WORKER]\n    agencyTypes: [EDUCATION]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships: [AGENCY_INVOLVED]") });
    expect(grant.problem).toContain('rule "grant-health" names role(s) SOCIAL_WORKER that none of its agency types (EDUCATION) can hold');
    const held = writePolicyDir({ ...changes, ...editFixture("rules.yaml", "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships: [AGENCY_INVOLVED]", "    roles: [SOCIAL_WORKER]\n    agencyTypes: [EDUCATION, CHILDRENS_SOCIAL_CARE]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships: [AGENCY_INVOLVED]") });
    const holders = loadPolicies(held).roleHolders.holders;
    expect({ listed: holders.get("SOCIAL_WORKER"), any: holders.get("MASH_PRACTITIONER") }).toEqual({ listed: ["CHILDRENS_SOCIAL_CARE"], any: AGENCY_TYPES });
  });

  test("a purpose defined twice", () => {
    const error = loadError({
      "extra.yaml": "purposes:\n  - id: purpose-s47-again\n    purpose: SECTION_47_ENQUIRY\n    description: Again.\n    roles: [SOCIAL_WORKER]\n    lawfulBases: [PUBLIC_TASK]\n    specialCategoryConditions: []\n    consent: NOT_REQUIRED\n",
    });
    expect(error.line).toBe(2);
    expect(error.problem).toBe("purpose SECTION_47_ENQUIRY is defined twice (at (document).purposes[0])");
  });

  test("a label restricted twice", () => {
    const error = loadError({ "zz-extra.yaml": "restrictions:\n  - id: sealed-again\n    label: SEALED\n    description: Again.\n    reason: sealed\n" });
    expect(error.problem).toBe("label SEALED already has a restriction (at (document).restrictions[0])");
  });

  test("a label nobody restricts, naming each", () => {
    const rules = (FIXTURE_FILES["rules.yaml"] ?? "").replace(/ {2}- id: sealed-withheld\n(?: {4}.*\n?)+/, "").replace(/ {2}- id: brokered-withheld\n(?: {4}.*\n?)+/, "");
    const error = loadError({ "rules.yaml": rules });
    expect(error.message).toBe(`${error.file}: no restriction for label(s) SEALED, BROKERED: every label must say what withholds it`);
  });

  test("a rule id used twice names where it was first used", () => {
    const error = loadError({ "extra.yaml": "consentBasis:\n  id: justification-required\n  description: Again.\n" });
    expect(error.problem).toMatch(/^rule id "justification-required" is already used at .*access\.yaml:3 \(at \(document\)\.consentBasis\)$/);
  });

  test("the reserved rule id", () => {
    expect(loadError(editFixture("rules.yaml", "id: grant-health", "id: default-deny")).problem).toBe('rule id "default-deny" is reserved for fields no rule granted (at (document).grants[0].id)');
  });

  test("a break-glass rule or a permit no role may use, by id", () => {
    const breakGlass = loadError(editFixture("access.yaml", "  roles: [SOCIAL_WORKER]\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason", "  roles: [SCHOOL_DSL]\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason"));
    expect(breakGlass.problem).toBe('rule "break-glass-roles" can never apply: none of its roles may state any of its purposes (at (document).breakGlass)');
    const permit = loadError({ "permits.yaml": "permits:\n  - id: permit-dsl\n    description: A DSL.\n    labels: [THIRD_PARTY]\n    roles: [SCHOOL_DSL]\n    purposes: [SECTION_47_ENQUIRY]\n" });
    expect(permit.problem).toBe('rule "permit-dsl" can never apply: none of its roles may state any of its purposes (at (document).permits[0])');
  });
});

describe("loadPolicies accepts", () => {
  test("a rule some of whose roles and purposes go together, though not all", () => {
    const policy = loadPolicies(writePolicyDir(editFixture(
      "rules.yaml",
      "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships",
      "    roles: [SCHOOL_DSL, SOCIAL_WORKER]\n    purposes: [CHILD_IN_NEED_ASSESSMENT, SECTION_47_ENQUIRY]\n    relationships",
    )));
    expect(policy.grants[0]?.roles).toEqual(["SCHOOL_DSL", "SOCIAL_WORKER"]);
  });

  test("every rule of every list section, in the order the files give them", () => {
    const policy = loadPolicies(writePolicyDir({
      "zz-more.yaml": `permits:
  - id: third-party-for-s47
    description: Third parties in an enquiry.
    labels: [THIRD_PARTY]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
derivedLabels:
  - id: active-investigation-withheld
    description: Active investigations.
    label: WITHHOLD_FROM_FAMILY
    recordType: POLICE
    when: { field: activeInvestigation, values: [true] }
`,
    }));
    expect(policy.restrictions.map((rule) => rule.label)).toEqual(["SPECIAL_CATEGORY", "CRIMINAL_OFFENCE", "LAW_ENFORCEMENT", "THIRD_PARTY", "WITHHOLD_FROM_FAMILY", "LOCATION_WITHHELD", "SEALED", "BROKERED"]);
    expect(policy.agreements.map((rule) => rule.id)).toEqual(["dsa-health"]);
    expect(policy.permits.map((rule) => rule.id)).toEqual(["third-party-for-s47"]);
    expect(policy.derivedLabels).toEqual([expect.objectContaining({ id: "active-investigation-withheld", label: "WITHHOLD_FROM_FAMILY", recordType: "POLICE" })]);
    expect(policy.grants.map((rule) => rule.id)).toEqual(["grant-health"]);
    expect([...policy.involvement.keys()].sort()).toEqual(["EDUCATION", "HEALTH", "POLICE", "PRISON", "PROBATION", "SOCIAL_CARE", "YOUTH_JUSTICE"]);
  });

  test("the version is the SHA-256 of the files' canonical JSON (RFC 8785), by name, so anyone can recompute it", () => {
    const dir = writePolicyDir();
    const names = Object.keys(FIXTURE_FILES).sort();
    const contents = names.map((file) => ({ file, content: parse(FIXTURE_FILES[file] ?? "") as unknown }));
    expect(loadPolicies(dir).version).toBe(createHash("sha256").update(canonicalize(contents) ?? "").digest("hex"));
  });

  test("a household whose links open no member's file: the links still place children, nothing more", () => {
    const policy = loadPolicies(writePolicyDir(editFixture("involvement.yaml", "opensMemberFiles: [SAME_ADDRESS, LINKED_ADULT]", "opensMemberFiles: []")));
    expect(policy.householdLinks).toMatchObject({ id: "household-links", adultRelationships: ["MOTHER", "FATHER"], opensMemberFiles: [] });
  });

  test("only files: a directory named like a policy file is not read", () => {
    const dir = writePolicyDir();
    mkdirSync(join(dir, "archive.yaml"));
    expect(loadPolicies(dir).files).not.toContain("archive.yaml");
  });
});

/** The grant in the fixture's rules.yaml with `from` replaced by `to`: the problem loading it. */
const grantProblem = (from: string, to: string): string => loadError(editFixture("rules.yaml", from, to)).problem;
const HEALTH_FIELDS = "      HEALTH: [gpPracticeName, conditions]";

describe("readPolicyFile: a grant", () => {
  test("needs no relationship only when it says so, and then names none", () => {
    const free = loadPolicies(writePolicyDir(editFixture("rules.yaml", "    relationships: [AGENCY_INVOLVED]\n", "    relationshipRequired: false\n")));
    expect(free.grants[0]?.relationships).toBeNull();
    expect(grantProblem("    relationships: [AGENCY_INVOLVED]\n", "    relationships: [AGENCY_INVOLVED]\n    relationshipRequired: false\n"))
      .toBe('"relationships" contradicts "relationshipRequired: false" (at (document).grants[0].relationships)');
    expect(grantProblem("    relationships: [AGENCY_INVOLVED]\n", ""))
      .toBe('a grant names the relationships it needs ("relationships"), or says "relationshipRequired: false" (at (document).grants[0])');
    const stated = loadPolicies(writePolicyDir(editFixture("rules.yaml", "    relationships: [AGENCY_INVOLVED]\n", "    relationships: [AGENCY_INVOLVED]\n    relationshipRequired: true\n")));
    expect(stated.grants[0]?.relationships).toEqual(["AGENCY_INVOLVED"]);
  });

  test("of the caller's own agency's records, or of any agency's", () => {
    const own = loadPolicies(writePolicyDir(editFixture("rules.yaml", HEALTH_FIELDS, `${HEALTH_FIELDS}\n    provider: OWN_AGENCY`)));
    expect(own.grants[0]?.provider).toBe("OWN_AGENCY");
    expect(loadPolicies(writePolicyDir()).grants[0]?.provider).toBe("ANY");
    expect(grantProblem(HEALTH_FIELDS, `${HEALTH_FIELDS}\n      CHILD: [givenNames]\n    provider: OWN_AGENCY`))
      .toBe("CHILD is the hub's own index, never an agency's own record: a grant for OWN_AGENCY records cannot name it (at (document).grants[0].fields)");
    expect(loadPolicies(writePolicyDir(editFixture("rules.yaml", HEALTH_FIELDS, `${HEALTH_FIELDS}\n      CHILD: [givenNames]`)))
      .grants[0]?.fields.get("CHILD")).toEqual(["givenNames"]);
  });

  test("fields: a list of the catalogue's, or ALL, and at least one record type", () => {
    expect(grantProblem(HEALTH_FIELDS, "      HEALTH: SOME")).toBe("expected a list of HEALTH fields or ALL (at (document).grants[0].fields.HEALTH)");
    const empty = editFixture("rules.yaml", HEALTH_FIELDS, "      HEALTH:");
    const emptyError = loadError(empty);
    expect(emptyError.problem).toBe("expected a list (at (document).grants[0].fields.HEALTH)");
    expect([emptyError.line, emptyError.column]).toEqual([lineOf(empty["rules.yaml"] ?? "", "HEALTH:"), 14]);
    expect(grantProblem(`    fields:\n${HEALTH_FIELDS}`, "    fields: {}")).toBe("a grant names at least one record type (at (document).grants[0].fields)");
    expect(grantProblem(HEALTH_FIELDS, "      HEALTH: [gpPracticeName, gpPracticeName]")).toBe('HEALTH field "gpPracticeName" is listed twice (at (document).grants[0].fields.HEALTH[1])');
    expect(grantProblem(HEALTH_FIELDS, "      HEALTH: []")).toBe("expected at least one HEALTH field (at (document).grants[0].fields.HEALTH)");
  });

  test("where: a condition on a record type the grant names", () => {
    const where = loadPolicies(writePolicyDir(editFixture("rules.yaml", HEALTH_FIELDS, "      EDUCATION: [rollStatus]\n    where:\n      EDUCATION: { field: rollStatus, values: [ON_ROLL, ON_ROLL] }")));
    expect(where.grants[0]?.where.get("EDUCATION")).toEqual({ field: "rollStatus", values: ["ON_ROLL"] });
    expect(grantProblem(HEALTH_FIELDS, `${HEALTH_FIELDS}\n    where:\n      EDUCATION: { field: rollStatus, values: [ON_ROLL] }`))
      .toBe('"where" names EDUCATION, which the grant\'s "fields" do not (at (document).grants[0].where)');
    expect(grantProblem(HEALTH_FIELDS, "      EDUCATION: [rollStatus]\n    where:\n      EDUCATION: { field: rollStatus, values: [] }"))
      .toBe("expected at least one value (at (document).grants[0].where.EDUCATION.values)");
    expect(grantProblem(HEALTH_FIELDS, "      EDUCATION: [rollStatus]\n    where:\n      EDUCATION: { field: rollStatus, values: [GONE] }"))
      .toMatch(/^EDUCATION\.rollStatus cannot be GONE; expected one of: ON_ROLL, .* \(at \(document\)\.grants\[0\]\.where\.EDUCATION\.values\[0\]\)$/);
    expect(grantProblem(HEALTH_FIELDS, "      EDUCATION: [rollStatus]\n    where:\n      EDUCATION: { field: rollStatus, values: [[ON_ROLL]] }"))
      .toBe("expected a single value (at (document).grants[0].where.EDUCATION.values[0])");
    expect(grantProblem(HEALTH_FIELDS, "      EDUCATION: [rollStatus]\n    where:\n      EDUCATION: { field: dslName, values: [X] }"))
      .toBe("EDUCATION.dslName is not a field policies may test; testable: rollStatus (at (document).grants[0].where.EDUCATION.field)");
    expect(grantProblem(HEALTH_FIELDS, "      EDUCATION: [rollStatus]\n    where:\n      EDUCATION: { field: shoeSize, values: [X] }"))
      .toBe('unknown EDUCATION field "shoeSize" (at (document).grants[0].where.EDUCATION.field)');
    expect(grantProblem(HEALTH_FIELDS, `${HEALTH_FIELDS}\n    where:\n      HEALTH: { field: gpPracticeName, values: [X] }`))
      .toBe("HEALTH.gpPracticeName is not a field policies may test; testable: none (at (document).grants[0].where.HEALTH.field)");
  });
});

describe("readPolicyFile: conditions a rule may leave out", () => {
  const PERMIT = "permits:\n  - id: permit-s47\n    description: A permit.\n    labels: [THIRD_PARTY]\n    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n";

  test("a grant or permit left without them applies to any agency type, lawful basis, condition, relationship and provider", () => {
    const policy = loadPolicies(writePolicyDir({ "zz-permits.yaml": PERMIT }));
    expect(policy.grants[0]).toMatchObject({ agencyTypes: null, lawfulBases: null });
    expect(policy.permits[0]).toMatchObject({ agencyTypes: null, lawfulBases: null, specialCategoryConditions: null, relationships: null, caseReferenceRequired: false, provider: "ANY" });
  });

  test("each, when stated, is read", () => {
    const permit = `${PERMIT}    agencyTypes: [CHILDRENS_SOCIAL_CARE]\n    lawfulBases: [PUBLIC_TASK]\n    specialCategoryConditions: [SAFEGUARDING_CHILDREN]\n    relationships: [AGENCY_INVOLVED]\n    caseReferenceRequired: true\n    provider: OWN_AGENCY\n`;
    const grant = editFixture("rules.yaml", "    relationships: [AGENCY_INVOLVED]\n", "    relationships: [AGENCY_INVOLVED]\n    agencyTypes: [CHILDRENS_SOCIAL_CARE]\n    lawfulBases: [PUBLIC_TASK]\n");
    const policy = loadPolicies(writePolicyDir({ ...grant, "zz-permits.yaml": permit }));
    expect(policy.grants[0]).toMatchObject({ agencyTypes: ["CHILDRENS_SOCIAL_CARE"], lawfulBases: ["PUBLIC_TASK"] });
    expect(policy.permits[0]).toMatchObject({
      labels: ["THIRD_PARTY"], agencyTypes: ["CHILDRENS_SOCIAL_CARE"], lawfulBases: ["PUBLIC_TASK"], specialCategoryConditions: ["SAFEGUARDING_CHILDREN"],
      relationships: ["AGENCY_INVOLVED"], caseReferenceRequired: true, provider: "OWN_AGENCY",
    });
  });

  test("a purpose no role may state yet is a purpose all the same", () => {
    const purpose = "purposes:\n  - id: purpose-cin\n    purpose: CHILD_IN_NEED_ASSESSMENT\n    description: Nobody yet.\n    roles: []\n    lawfulBases: [PUBLIC_TASK]\n    specialCategoryConditions: []\n    consent: REQUIRED\n";
    expect(loadPolicies(writePolicyDir({ "zz-purposes.yaml": purpose })).purposes.get("CHILD_IN_NEED_ASSESSMENT")).toMatchObject({ roles: [], consent: "REQUIRED" });
  });
});

describe("readPolicyFile: the other sections", () => {
  test("a purpose may require a case reference only of a role that may state it", () => {
    const purpose = "    consent: NOT_REQUIRED\n";
    const policy = loadPolicies(writePolicyDir(editFixture("access.yaml", purpose, `${purpose}    caseReferenceRequiredFor: [SOCIAL_WORKER]\n`)));
    expect(policy.purposes.get("SECTION_47_ENQUIRY")?.caseReferenceRequiredFor).toEqual(["SOCIAL_WORKER"]);
    expect(loadPolicies(writePolicyDir()).purposes.get("SECTION_47_ENQUIRY")?.caseReferenceRequiredFor).toEqual([]);
    expect(loadError(editFixture("access.yaml", purpose, `${purpose}    caseReferenceRequiredFor: [SOCIAL_WORKER, SCHOOL_DSL]\n`)).problem)
      .toBe('role "SCHOOL_DSL" needs a case reference for a purpose it may not state (at (document).purposes[0].caseReferenceRequiredFor)');
  });

  test("an agreement may end the day it starts, or not at all", () => {
    const sameDay = loadPolicies(writePolicyDir(editFixture("rules.yaml", "activeFrom: 2024-01-01", "activeFrom: 2024-01-01\n    activeTo: 2024-01-01")));
    expect(sameDay.agreements[0]?.activeTo).toBe("2024-01-01");
    const open = loadPolicies(writePolicyDir(editFixture("rules.yaml", "activeFrom: 2024-01-01", "activeFrom: 2024-01-01\n    activeTo:")));
    expect(open.agreements[0]?.activeTo).toBeNull();
    expect(loadError(editFixture("rules.yaml", "activeFrom: 2024-01-01", "activeFrom: 2024-01-01\n    activeTo: 2023-12-31")).problem)
      .toBe("agreement ends (2023-12-31) before it starts (2024-01-01) (at (document).agreements[0].activeTo)");
  });

  test("competence ages: up to adulthood, the confirmation age at most the presumption age", () => {
    const edge = loadPolicies(writePolicyDir(editFixture("consent.yaml", "presumedCompetentFromAge: 16\n  managerConfirmationBelowAge: 12", "presumedCompetentFromAge: 18\n  managerConfirmationBelowAge: 18")));
    expect(edge.childCompetence).toMatchObject({ presumedCompetentFromAge: 18, managerConfirmationBelowAge: 18 });
    expect(loadError(editFixture("consent.yaml", "presumedCompetentFromAge: 16", "presumedCompetentFromAge: 19")).problem)
      .toBe("a child is under 18: presumedCompetentFromAge cannot be 19 (at (document).childCompetence.presumedCompetentFromAge)");
    expect(loadError(editFixture("consent.yaml", "managerConfirmationBelowAge: 12", "managerConfirmationBelowAge: 17")).problem)
      .toBe("managerConfirmationBelowAge (17) is above presumedCompetentFromAge (16): a presumed-competent child needs no confirmation (at (document).childCompetence.managerConfirmationBelowAge)");
  });

  test("a break-glass reason's measures of substance are required whole numbers", () => {
    expect(loadPolicies(writePolicyDir()).breakGlassReason).toMatchObject({ minimumLength: 40, minimumDistinctWords: 6, minimumDistinctLetters: 10 });
    expect(loadError(editFixture("access.yaml", "  minimumDistinctWords: 6\n", "")).problem).toBe('missing required key "minimumDistinctWords" (at (document).breakGlassReason)');
    expect(loadError(editFixture("access.yaml", "  minimumDistinctLetters: 10\n", "")).problem).toBe('missing required key "minimumDistinctLetters" (at (document).breakGlassReason)');
    expect(loadError(editFixture("access.yaml", "minimumDistinctWords: 6", "minimumDistinctWords: 0")).problem).toBe("expected a whole number of at least 1 (at (document).breakGlassReason.minimumDistinctWords)");
    expect(loadError(editFixture("access.yaml", "minimumDistinctLetters: 10", "minimumDistinctLetters: many")).problem).toBe("expected a whole number of at least 1 (at (document).breakGlassReason.minimumDistinctLetters)");
  });

  test("a file's description is text, and an unknown section is named with the ones there are", () => {
    expect(loadError({ "extra.yaml": "description: [not, text]\n" }).problem).toBe("expected a single value (at (document).description)");
    expect(loadError({ "extra.yaml": "grant:\n  - id: x\n" }).problem).toMatch(/^unknown key "grant"; expected one of: description, justification, breakGlass, .*, subjectAccessExemptions, notificationRouting, notificationTypes, dataSubjectRights, retention, retentionMinima, retentionHolds, roleHolders, exclusionRecording \(at \(document\)\)$/);
  });
});

describe("YamlNode: strict reading", () => {
  const access = (from: string, to: string): string => loadError(editFixture("access.yaml", from, to)).problem;

  test("mappings, lists and single values where each belongs", () => {
    expect(access("justification:\n  id: justification-required\n  description: A reason for every read.\n  minimumLength: 10\n", "justification: [a]\n"))
      .toBe("expected a mapping (at (document).justification)");
    expect(access("roles: [SOCIAL_WORKER]\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason", "roles: SOCIAL_WORKER\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason"))
      .toBe("expected a list (at (document).breakGlass.roles)");
    expect(access("  description: A reason for every read.", "  description: '  '")).toBe("expected a non-blank string (at (document).justification.description)");
    expect(access("  description: A reason for every read.", "  description: 12")).toBe("expected a non-blank string (at (document).justification.description)");
    expect(access("minimumLength: 10", "minimumLength: 0")).toBe("expected a whole number of at least 1 (at (document).justification.minimumLength)");
    expect(access("minimumLength: 10", "minimumLength: 1.5")).toBe("expected a whole number of at least 1 (at (document).justification.minimumLength)");
    expect(access("minimumLength: 10", "minimumLength: ten")).toBe("expected a whole number of at least 1 (at (document).justification.minimumLength)");
    expect(loadPolicies(writePolicyDir(editFixture("access.yaml", "minimumLength: 10", "minimumLength: 1"))).justification.minimumLength).toBe(1);
  });

  test("a key missing, or one not allowed, named with those that are", () => {
    expect(access("  minimumLength: 10\n", "")).toBe('missing required key "minimumLength" (at (document).justification)');
    expect(access("  minimumLength: 10\n", "  minimumLength: 10\n  maximumLength: 20\n"))
      .toBe('unknown key "maximumLength"; expected one of: id, description, minimumLength (at (document).justification)');
  });

  test("a list of a vocabulary: each named once, and not empty unless allowed", () => {
    expect(access("  agencyTypes: [POLICE]", "  agencyTypes: []")).toBe("expected at least one agency type (at (document).competentAuthorities.agencyTypes)");
    expect(access("  agencyTypes: [POLICE]", "  agencyTypes: [POLICE, POLICE]")).toBe('agency type "POLICE" is listed twice (at (document).competentAuthorities.agencyTypes[1])');
    expect(access("  agencyTypes: [POLICE]", "  agencyTypes: [MI5]")).toMatch(/^unknown agency type "MI5"; expected one of: CHILDRENS_SOCIAL_CARE, POLICE, .* \(at \(document\)\.competentAuthorities\.agencyTypes\[0\]\)$/);
    const none = loadPolicies(writePolicyDir(editFixture("access.yaml", "specialCategoryConditions: [SAFEGUARDING_CHILDREN]", "specialCategoryConditions: []")));
    expect(none.purposes.get("SECTION_47_ENQUIRY")?.specialCategoryConditions).toEqual([]);
  });

  test("true or false, and dates that are days of the calendar", () => {
    expect(grantProblem("    relationships: [AGENCY_INVOLVED]\n", "    relationshipRequired: no\n")).toBe("expected true or false (at (document).grants[0].relationshipRequired)");
    expect(grantProblem("activeFrom: 2024-01-01", "activeFrom: 2024-1-1")).toBe('expected a date written YYYY-MM-DD, got "2024-1-1" (at (document).agreements[0].activeFrom)');
    expect(grantProblem("activeFrom: 2024-01-01", "activeFrom: 2023-02-29")).toBe('expected a date written YYYY-MM-DD, got "2023-02-29" (at (document).agreements[0].activeFrom)');
    expect(grantProblem("activeFrom: 2024-01-01", "activeFrom: 2024-13-01")).toBe('expected a date written YYYY-MM-DD, got "2024-13-01" (at (document).agreements[0].activeFrom)');
    expect(loadPolicies(writePolicyDir(editFixture("rules.yaml", "activeFrom: 2024-01-01", "activeFrom: 2024-02-29"))).agreements[0]?.activeFrom).toBe("2024-02-29");
  });

  test("an alias reads as the value it names, at its own place", () => {
    const text = (FIXTURE_FILES["access.yaml"] ?? "").replace("  roles: [SOCIAL_WORKER]\n  purposes", "  roles: &workers [SOCIAL_WORKER, CSC_MANAGER]\n  purposes").replace("    roles: [SOCIAL_WORKER]", "    roles: *workers");
    const policy = loadPolicies(writePolicyDir({ "access.yaml": text }));
    expect(policy.purposes.get("SECTION_47_ENQUIRY")?.roles).toEqual(["SOCIAL_WORKER", "CSC_MANAGER"]);
    expect(loadError({ "access.yaml": text.replace("  minimumLength: 40", "  minimumLength: *workers") }).problem).toBe("expected a single value (at (document).breakGlassReason.minimumLength)");
  });

  test("a syntax error names the line and column where it is", () => {
    const error = loadError({ "extra.yaml": "description: fine\npurposes: [unclosed\n" });
    expect(error.file.endsWith("extra.yaml")).toBe(true);
    expect(error.problem).toMatch(/^YAML syntax: /);
    expect(error.problem).not.toContain("\n");
    expect([error.line, error.column]).toEqual([3, 1]);
  });
});

describe("readInvolvementRule", () => {
  /** The fixture with its HEALTH involvement rule replaced by `lines` (each indented under the list item). */
  const withHealthRule = (...lines: string[]): Record<string, string> => ({
    "involvement.yaml": (FIXTURE_FILES["involvement.yaml"] ?? "").replace(
      / {2}- id: involvement-health\n(?: {4}.*\n)+/,
      `  - id: involvement-health\n    description: Health.\n    recordType: HEALTH\n${lines.map((line) => `    ${line}\n`).join("")}`,
    ),
  });
  const health = (...lines: string[]) => loadPolicies(writePolicyDir(withHealthRule(...lines))).involvement.get("HEALTH");
  const problem = (...lines: string[]) => loadError(withHealthRule(...lines)).problem;

  test("reads when involvement ends, what continues it and the lapses, the activity lapse defaulting to the other", () => {
    expect(health("endsOn: deregisteredOn", "lapsesAfterDays: 0")).toMatchObject({
      endsOn: "deregisteredOn", endedWhen: null, endedOn: null, lastActivityOn: null, continuesWhile: null, lapsesAfterDays: 0, activityLapsesAfterDays: 0,
    });
    expect(health("lastActivityOn: LAST_UPDATE", "continuesWhile: { field: registeredOn, present: true }", "lapsesAfterDays: 30", "activityLapsesAfterDays: 180")).toMatchObject({
      lastActivityOn: "LAST_UPDATE", continuesWhile: { field: "registeredOn", present: true }, lapsesAfterDays: 30, activityLapsesAfterDays: 180,
    });
    const police = loadPolicies(writePolicyDir({
      "involvement.yaml": (FIXTURE_FILES["involvement.yaml"] ?? "").replace("lastActivityOn: reportedOn", "lastActivityOn: reportedOn\n    continuesWhile: { field: activeInvestigation, values: [true] }"),
    })).involvement.get("POLICE");
    expect(police?.continuesWhile).toEqual({ field: "activeInvestigation", values: [true] });
  });

  test("ended when a field takes a value, on a date of its own", () => {
    const education = loadPolicies(writePolicyDir({
      "involvement.yaml": (FIXTURE_FILES["involvement.yaml"] ?? "").replace("endsOn: leftOn", "endedWhen: { field: rollStatus, values: [LEFT] }\n    endedOn: leftOn"),
    })).involvement.get("EDUCATION");
    expect(education).toMatchObject({ endsOn: null, endedWhen: { field: "rollStatus", values: ["LEFT"] }, endedOn: "leftOn" });
  });

  test("says when involvement ends, and each qualifier only with what it qualifies", () => {
    expect(problem("lapsesAfterDays: 30")).toBe("an involvement rule says when involvement ends: endsOn, endedWhen or lastActivityOn (at (document).involvement[2])");
    expect(problem("endsOn: deregisteredOn", "endedOn: deregisteredOn", "lapsesAfterDays: 30")).toBe('"endedOn" goes with "endedWhen" (at (document).involvement[2].endedOn)');
    expect(problem("endsOn: deregisteredOn", "continuesWhile: { field: registeredOn, present: true }", "lapsesAfterDays: 30"))
      .toBe('"continuesWhile" qualifies "lastActivityOn" (at (document).involvement[2].continuesWhile)');
    expect(problem("endsOn: deregisteredOn", "lapsesAfterDays: 30", "activityLapsesAfterDays: 60"))
      .toBe('"activityLapsesAfterDays" goes with "lastActivityOn" (at (document).involvement[2].activityLapsesAfterDays)');
    expect(problem("lastActivityOn: LAST_UPDATE", "continuesWhile: { field: registeredOn, present: false }", "lapsesAfterDays: 30"))
      .toBe('"present" can only be true: leave the condition out instead (at (document).involvement[2].continuesWhile.present)');
  });

  test("dates are the record type's date fields; LAST_UPDATE only for the last activity", () => {
    expect(problem("endsOn: LAST_UPDATE", "lapsesAfterDays: 30")).toBe('unknown HEALTH date field "LAST_UPDATE"; expected one of: registeredOn, deregisteredOn (at (document).involvement[2].endsOn)');
    expect(problem("lastActivityOn: seenOn", "lapsesAfterDays: 30"))
      .toBe('unknown HEALTH date field "seenOn"; expected one of: registeredOn, deregisteredOn, LAST_UPDATE (at (document).involvement[2].lastActivityOn)');
    expect(problem("lastActivityOn: LAST_UPDATE", "continuesWhile: { field: gpPracticeName, present: true }", "lapsesAfterDays: 30"))
      .toBe('unknown HEALTH date field "gpPracticeName"; expected one of: registeredOn, deregisteredOn (at (document).involvement[2].continuesWhile.field)');
    expect(problem("endsOn: deregisteredOn", "lapsesAfterDays: -1")).toBe("expected a whole number of at least 0 (at (document).involvement[2].lapsesAfterDays)");
  });

  test("a condition's values are of the field's kind", () => {
    const police = (condition: string) => loadError({
      "involvement.yaml": (FIXTURE_FILES["involvement.yaml"] ?? "").replace("lastActivityOn: reportedOn", `lastActivityOn: reportedOn\n    continuesWhile: ${condition}`),
    }).problem;
    expect(police("{ field: activeInvestigation, values: [yes] }")).toBe("expected true or false (at (document).involvement[1].continuesWhile.values[0])");
    expect(police("{ field: incidentType, values: [true] }")).toBe("expected a non-blank string (at (document).involvement[1].continuesWhile.values[0])");
  });
});

describe("YamlNode, read directly", () => {
  const root = (text: string): YamlNode => YamlNode.parse("test.yaml", text).root;
  const problem = (read: () => unknown): string => {
    try {
      read();
    } catch (error) {
      if (error instanceof PolicyError) return error.problem;
      throw error;
    }
    throw new Error("expected a PolicyError");
  };

  test("text may be blank or empty, but is text", () => {
    const map = root("blank: ''\nempty:\nword: hello\nnumber: 3\n").map(["blank", "empty", "word", "number"]);
    expect(map.required("blank").text()).toBe("");
    expect(map.required("empty").text()).toBe("");
    expect(map.required("word").text()).toBe("hello");
    expect(problem(() => map.required("number").text())).toBe("expected a string (at (document).number)");
  });

  test("true or false is told from text that looks like it", () => {
    const map = root("yes: true\nno: 'false'\nlist: [true]\n").map(["yes", "no", "list"]);
    expect([map.required("yes").isBoolean(), map.required("no").isBoolean(), map.required("list").isBoolean()]).toEqual([true, false, false]);
    expect(map.required("yes").boolean()).toBe(true);
  });

  test("a key that is not a single value is named ? in paths; an empty list item is placed at the list", () => {
    const [[key, value]] = root("? [a, b]\n: c\n").entries() as [[YamlNode, YamlNode]];
    expect(value.path).toBe("(document).?");
    expect(problem(() => key.string())).toBe("expected a single value (at (document))");
    const items = root("list:\n  -\n  - x\n").map(["list"]).required("list").list();
    expect(items.map((item) => [item.path, item.isNull()])).toEqual([["(document).list[0]", true], ["(document).list[1]", false]]);
    expect(items[0]?.line).toBe(2);
  });

  test("an empty document is null at its first line", () => {
    const empty = root("");
    expect([empty.isNull(), empty.line, empty.file]).toEqual([true, 1, "test.yaml"]);
  });

  test("asking a declared-optional key as required is a mistake in the reader, not the policy", () => {
    expect(() => root("a: 1\n").map([], ["a", "b"]).required("b")).toThrow('YamlMap.required("b") on a key not declared required');
    expect(root("a: 1\n").map([], ["a", "b"]).has("b")).toBe(false);
  });
});

describe("each name a policy uses is checked against its own vocabulary, and the refusal says which", () => {
  const PERMIT = "permits:\n  - id: permit-s47\n    description: A permit.\n    labels: [THIRD_PARTY]\n    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    specialCategoryConditions: [SAFEGUARDING_CHILDREN]\n    relationships: [AGENCY_INVOLVED]\n    provider: ANY\n";
  const DERIVED = "derivedLabels:\n  - id: derived\n    description: Derived.\n    label: WITHHOLD_FROM_FAMILY\n    recordType: POLICE\n    when: { field: activeInvestigation, values: [true] }\n";
  const PURPOSE = "    consent: NOT_REQUIRED\n";
  const GRANT = "    relationships: [AGENCY_INVOLVED]\n";
  const cases: [string, Record<string, string>, string][] = [
    ["role", editFixture("access.yaml", "  roles: [SOCIAL_WORKER]\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason", "  roles: [NOBODY]\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason"), "breakGlass.roles[0]"],
    ["purpose", editFixture("access.yaml", "  roles: [SOCIAL_WORKER]\n  purposes: [SECTION_47_ENQUIRY]\nbreakGlassReason", "  roles: [SOCIAL_WORKER]\n  purposes: [NOBODY]\nbreakGlassReason"), "breakGlass.purposes[0]"],
    ["label", editFixture("rules.yaml", "label: THIRD_PARTY", "label: NOBODY"), "restrictions[3].label"],
    ["role", editFixture("access.yaml", "    roles: [SOCIAL_WORKER]\n    lawfulBases", "    roles: [NOBODY]\n    lawfulBases"), "purposes[0].roles[0]"],
    ["role", editFixture("access.yaml", PURPOSE, `${PURPOSE}    caseReferenceRequiredFor: [NOBODY]\n`), "purposes[0].caseReferenceRequiredFor[0]"],
    ["purpose", editFixture("access.yaml", "    purpose: SECTION_47_ENQUIRY", "    purpose: NOBODY"), "purposes[0].purpose"],
    ["lawful basis", editFixture("access.yaml", "lawfulBases: [PUBLIC_TASK]", "lawfulBases: [NOBODY]"), "purposes[0].lawfulBases[0]"],
    ["special-category condition", editFixture("access.yaml", "specialCategoryConditions: [SAFEGUARDING_CHILDREN]", "specialCategoryConditions: [NOBODY]"), "purposes[0].specialCategoryConditions[0]"],
    ["consent requirement", editFixture("access.yaml", PURPOSE, "    consent: NOBODY\n"), "purposes[0].consent"],
    ["role", editFixture("rules.yaml", "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships", "    roles: [NOBODY]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships"), "grants[0].roles[0]"],
    ["purpose", editFixture("rules.yaml", "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n    relationships", "    roles: [SOCIAL_WORKER]\n    purposes: [NOBODY]\n    relationships"), "grants[0].purposes[0]"],
    ["agency type", editFixture("rules.yaml", GRANT, `${GRANT}    agencyTypes: [NOBODY]\n`), "grants[0].agencyTypes[0]"],
    ["lawful basis", editFixture("rules.yaml", GRANT, `${GRANT}    lawfulBases: [NOBODY]\n`), "grants[0].lawfulBases[0]"],
    ["relationship kind", editFixture("rules.yaml", GRANT, "    relationships: [NOBODY]\n"), "grants[0].relationships[0]"],
    ["provider scope", editFixture("rules.yaml", GRANT, `${GRANT}    provider: NOBODY\n`), "grants[0].provider"],
    ["record type", editFixture("rules.yaml", HEALTH_FIELDS, "      NOBODY: [gpPracticeName]"), "grants[0].fields"],
    ["record type", editFixture("rules.yaml", HEALTH_FIELDS, `${HEALTH_FIELDS}\n    where:\n      NOBODY: { field: x, values: [y] }`), "grants[0].where"],
    ["label", { "zz.yaml": PERMIT.replace("labels: [THIRD_PARTY]", "labels: [NOBODY]") }, "permits[0].labels[0]"],
    ["special-category condition", { "zz.yaml": PERMIT.replace("specialCategoryConditions: [SAFEGUARDING_CHILDREN]", "specialCategoryConditions: [NOBODY]") }, "permits[0].specialCategoryConditions[0]"],
    ["relationship kind", { "zz.yaml": PERMIT.replace("relationships: [AGENCY_INVOLVED]", "relationships: [NOBODY]") }, "permits[0].relationships[0]"],
    ["provider scope", { "zz.yaml": PERMIT.replace("provider: ANY", "provider: NOBODY") }, "permits[0].provider"],
    ["record type", { "zz.yaml": DERIVED.replace("recordType: POLICE", "recordType: NOBODY") }, "derivedLabels[0].recordType"],
    ["label", { "zz.yaml": DERIVED.replace("label: WITHHOLD_FROM_FAMILY", "label: NOBODY") }, "derivedLabels[0].label"],
    ["agency type", editFixture("rules.yaml", "providers: [HEALTH]", "providers: [NOBODY]"), "agreements[0].providers[0]"],
    ["agency type", editFixture("rules.yaml", "recipients: [CHILDRENS_SOCIAL_CARE]", "recipients: [NOBODY]"), "agreements[0].recipients[0]"],
    ["purpose", editFixture("rules.yaml", "    purposes: [SECTION_47_ENQUIRY]\n    recordTypes", "    purposes: [NOBODY]\n    recordTypes"), "agreements[0].purposes[0]"],
    ["record type", editFixture("rules.yaml", "recordTypes: [HEALTH]", "recordTypes: [NOBODY]"), "agreements[0].recordTypes[0]"],
    ["role", editFixture("consent.yaml", "confirmingRoles: [CSC_MANAGER]", "confirmingRoles: [NOBODY]"), "childCompetence.confirmingRoles[0]"],
    ["record type", editFixture("consent.yaml", "recordTypes: [SOCIAL_CARE, HEALTH]", "recordTypes: [NOBODY]"), "consentRecorders.recordTypes[0]"],
    ["record type", editFixture("involvement.yaml", "recordType: HEALTH", "recordType: NOBODY"), "involvement[2].recordType"],
  ];

  test.each(cases)("unknown %s at %#", (what, changes, path) => {
    expect(loadError(changes).problem).toMatch(new RegExp(`^unknown ${what} "NOBODY"; expected one of: [A-Z0-9_, ]+ \\(at \\(document\\)\\.${path.replace(/[[\].]/g, "\\$&")}\\)$`));
  });
});

describe("what the remaining sections read as", () => {
  test("a search candidate's comparisons, each with its detail and finest level; who asks a MASH for advice and who advises", () => {
    const policy = loadPolicies(writePolicyDir(FIXTURE_FILES));
    expect(policy.candidateComparisons).toMatchObject({ id: "candidate-comparisons" });
    expect([...policy.candidateComparisons.comparisons]).toEqual([
      ["givenNames", { detail: "givenNames", finestLevel: null }],
      ["postcode", { detail: "addresses", finestLevel: "DISTRICT" }],
    ]);
    expect(policy.consultationAskers).toMatchObject({ id: "consultation-askers", roles: ["SCHOOL_DSL", "SOCIAL_WORKER"], advisingRole: "MASH_PRACTITIONER" });
  });

  test("ALL is every field of the catalogue; the consent recorders their record types", () => {
    const policy = loadPolicies(writePolicyDir(editFixture("rules.yaml", HEALTH_FIELDS, "      HEALTH: ALL")));
    expect(policy.grants[0]?.fields.get("HEALTH")).toEqual(expect.arrayContaining(["gpPracticeName", "conditions"]));
    expect(policy.consentRecorders).toMatchObject({ id: "parental-consent-recorders", recordTypes: ["SOCIAL_CARE", "HEALTH"] });
  });

  test("a record type with several testable fields names them all", () => {
    const problem = loadError({
      "involvement.yaml": (FIXTURE_FILES["involvement.yaml"] ?? "").replace("lastActivityOn: reportedOn", "lastActivityOn: reportedOn\n    continuesWhile: { field: occurredOn, values: [x] }"),
    }).problem;
    expect(problem).toBe("POLICE.occurredOn is not a field policies may test; testable: incidentType, activeInvestigation (at (document).involvement[1].continuesWhile.field)");
  });

  test("a key written twice is a syntax error; the syntax error is the parser's first line", () => {
    expect(loadError({ "extra.yaml": "description: one\ndescription: two\n" }).problem).toBe("YAML syntax: Map keys must be unique");
    expect(loadError({ "extra.yaml": "description: fine\npurposes: [unclosed\n" }).problem)
      .toBe("YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]");
  });

  test("a key's or an item's problem is placed at that key or item, not at its parent", () => {
    const key = editFixture("access.yaml", "  minimumLength: 10\n", "  minimumLength: 10\n  maximumLength: 20\n");
    expect(loadError(key).line).toBe(lineOf(key["access.yaml"] ?? "", "maximumLength"));
    const item = editFixture("access.yaml", "  agencyTypes: [POLICE]", "  agencyTypes:\n    - POLICE\n    - POLICE");
    expect(loadError(item).line).toBe(lineOf(item["access.yaml"] ?? "", "agencyTypes:") + 2);
  });

  test("an empty key in a flow mapping is refused, and an empty value read as null at its key, not a crash", () => {
    const problem = (text: string): string => {
      try {
        YamlNode.parse("test.yaml", text).root.map(["a"]);
      } catch (error) {
        if (error instanceof PolicyError) return error.problem;
        throw error;
      }
      throw new Error("expected a PolicyError");
    };
    expect(problem("{ : c }")).toBe("expected a non-blank string (at (document))");
    expect(YamlNode.parse("test.yaml", "{ a }").root.map(["a"]).required("a").isNull()).toBe(true);
    expect(YamlNode.parse("test.yaml", "{ a }").root.map(["a"]).required("a").line).toBe(1);
  });
});
