import { type Principal } from "../../auth/Principal";
import { type AgencyType } from "../../directory/AgencyType";
import { type AccessContext } from "../AccessContext";
import { abilityContextOf } from "../AbilityContext";
import { decideDisclosure } from "../decideDisclosure";
import { disclosureAbility, labelPermitted, type DisclosureRules } from "../disclosureAbility";
import { type DisclosureSubject, type FieldSubject, type RecordSubject } from "../DisclosureSubject";
import { loadPolicies } from "../loadPolicies";
import { FIXTURE_FILES, writePolicyDir } from "./policyFixture";

// The fixture's access rules and restrictions, with grants, permits and agreements that each turn on
// one condition, so that every condition the ability compiles can be seen to matter.
const GRANTS = `grants:
  - id: grant-health
    description: Two health fields.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [AGENCY_INVOLVED]
    fields:
      HEALTH: [gpPracticeName, conditions]
  - id: grant-health-for-police
    description: Only to the police.
    roles: [SOCIAL_WORKER]
    agencyTypes: [POLICE]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [AGENCY_INVOLVED]
    fields:
      HEALTH: [namedProfessionalName]
  - id: grant-health-vital
    description: Only on vital interests.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    lawfulBases: [VITAL_INTERESTS]
    relationships: [AGENCY_INVOLVED]
    fields:
      HEALTH: [registeredOn]
  - id: grant-health-mash
    description: Only against an open referral.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [MASH_CASE]
    fields:
      HEALTH: [gpPracticeCode]
  - id: grant-police-own
    description: The caller's own records.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [AGENCY_INVOLVED]
    provider: OWN_AGENCY
    fields:
      POLICE: [officerName]
  - id: grant-police-abuse
    description: Domestic abuse incidents only.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [AGENCY_INVOLVED]
    fields:
      POLICE: [incidentType]
    where:
      POLICE: { field: incidentType, values: [DOMESTIC_ABUSE] }
  - id: grant-child-names
    description: Without a relationship.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationshipRequired: false
    fields:
      CHILD: [givenNames]
agreements:
  - id: dsa-health
    description: Health to CSC and police.
    providers: [HEALTH]
    recipients: [CHILDRENS_SOCIAL_CARE, POLICE]
    purposes: [SECTION_47_ENQUIRY]
    recordTypes: [HEALTH]
    activeFrom: 2024-01-01
    activeTo: 2026-12-31
  - id: dsa-police
    description: Police to CSC.
    providers: [POLICE]
    recipients: [CHILDRENS_SOCIAL_CARE]
    purposes: [SECTION_47_ENQUIRY]
    recordTypes: [POLICE]
    activeFrom: 2026-11-01
`;
const PERMITS = `permits:
  - id: permit-special-own
    description: The caller's own health data.
    labels: [SPECIAL_CATEGORY]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    provider: OWN_AGENCY
  - id: permit-third-party-case
    description: Against a checked case reference.
    labels: [THIRD_PARTY]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    caseReferenceRequired: true
  - id: permit-law-enforcement
    description: With an Art 9 condition.
    labels: [LAW_ENFORCEMENT]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    specialCategoryConditions: [SAFEGUARDING_CHILDREN]
  - id: permit-family-mash
    description: With a MASH case.
    labels: [WITHHOLD_FROM_FAMILY]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [MASH_CASE]
  - id: permit-brokered-own
    description: The caller's own brokered records.
    labels: [BROKERED]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    provider: OWN_AGENCY
`;
const restrictions = (FIXTURE_FILES["rules.yaml"] ?? "").slice((FIXTURE_FILES["rules.yaml"] ?? "").indexOf("restrictions:"));
const policy = loadPolicies(writePolicyDir({ "rules.yaml": `${GRANTS}${restrictions}`, "permits.yaml": PERMITS }));

const OWN = "LA-E06000060";
const socialWorker: Principal = {
  sub: "sw-1", name: "A Social Worker", agency: OWN, agencyType: "CHILDRENS_SOCIAL_CARE",
  roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
};
const access: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
  justification: "Section 47 enquiry after a referral from school", caseReference: null, breakGlass: false,
};
const child: DisclosureSubject = { relationships: ["AGENCY_INVOLVED"], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records: [] };
const at = new Date("2026-11-15T12:00:00Z");

function record(recordType: RecordSubject["recordType"], fieldNames: string[], parts: Partial<RecordSubject> = {}, fieldLabels: FieldSubject["labels"] = []): RecordSubject {
  const path = parts.path ?? `${recordType.toLowerCase()}[r1]`;
  return {
    path, recordType, providerAgencyType: recordType === "CHILD" ? null : (recordType as AgencyType), providerAgencyCode: recordType === "CHILD" ? null : `${recordType}-1`,
    labels: [], attributes: {}, ...parts,
    fields: fieldNames.map((field) => ({ path: `${path}.${field}`, recordType, field, labels: fieldLabels })),
  };
}

function rules(parts: { principal?: Partial<Principal>; access?: Partial<AccessContext>; child?: Partial<DisclosureSubject>; at?: Date } = {}): DisclosureRules {
  return disclosureAbility(policy, abilityContextOf({ ...socialWorker, ...parts.principal }, { ...access, ...parts.access }, { ...child, ...parts.child }, parts.at ?? at));
}

/** "granted by X", "withheld by X" or "default deny", for one field of a record. */
function outcome(of: DisclosureRules, subject: RecordSubject, field: FieldSubject | undefined = subject.fields[0]): string {
  if (!field) throw new Error("no field");
  const rule = of.fieldRule(subject, field);
  if (rule === null) return "default deny";
  return `${rule.inverted ? "withheld" : "granted"} by ${rule.reason}`;
}

describe("grants apply only in their context", () => {
  const health = (field: string) => record("HEALTH", [field]);

  test("to the roles they name", () => {
    expect(outcome(rules(), health("gpPracticeName"))).toBe("granted by grant-health");
    expect(outcome(rules({ principal: { roles: ["CSC_MANAGER"] } }), health("gpPracticeName"))).toBe("default deny");
    expect(outcome(rules({ principal: { roles: ["CSC_MANAGER", "SOCIAL_WORKER"] } }), health("gpPracticeName"))).toBe("granted by grant-health");
  });

  test("to the agency types they name", () => {
    expect(outcome(rules(), health("namedProfessionalName"))).toBe("default deny");
    expect(outcome(rules({ principal: { agencyType: "POLICE", agency: "POL-44" } }), health("namedProfessionalName"))).toBe("granted by grant-health-for-police");
  });

  test("for the purposes they name", () => {
    expect(outcome(rules({ access: { purpose: "STRATEGY_DISCUSSION" } }), health("gpPracticeName"))).not.toBe("granted by grant-health");
  });

  test("on the lawful bases they name", () => {
    expect(outcome(rules(), health("registeredOn"))).toBe("default deny");
    expect(outcome(rules({ access: { lawfulBasis: "VITAL_INTERESTS" } }), health("registeredOn"))).toBe("granted by grant-health-vital");
  });

  test("with one of the relationships they need", () => {
    expect(outcome(rules(), health("gpPracticeCode"))).toBe("default deny");
    expect(outcome(rules({ child: { relationships: ["AGENCY_INVOLVED", "MASH_CASE"] } }), health("gpPracticeCode"))).toBe("granted by grant-health-mash");
    expect(outcome(rules({ child: { relationships: ["MASH_CASE"] } }), health("gpPracticeName"))).toBe("default deny");
  });

  test("for the caller's own agency's records only, when OWN_AGENCY", () => {
    const own = record("POLICE", ["officerName"], { providerAgencyCode: OWN });
    const other = record("POLICE", ["officerName"], { path: "police[r2]" });
    const asked = rules();
    expect(outcome(asked, own)).toBe("granted by grant-police-own");
    expect(outcome(asked, other)).toBe("default deny");
  });

  test("to records whose values match the grant's where", () => {
    const asked = rules();
    const abuse = record("POLICE", ["incidentType"], { attributes: { incidentType: "DOMESTIC_ABUSE" } });
    const crime = record("POLICE", ["incidentType"], { path: "police[r2]", attributes: { incidentType: "CRIME" } });
    const unknown = record("POLICE", ["incidentType"], { path: "police[r3]" });
    expect(outcome(asked, abuse)).toBe("granted by grant-police-abuse");
    expect(outcome(asked, crime)).toBe("default deny");
    expect(outcome(asked, unknown)).toBe("default deny");
    expect(outcome(asked, { ...abuse, path: "police[r4]" })).toBe("granted by grant-police-abuse");
  });
});

describe("the relationship rule", () => {
  test("without any relationship, every field and record is withheld by it", () => {
    const asked = rules({ principal: { roles: ["CSC_MANAGER", "SOCIAL_WORKER"] }, child: { relationships: [] }, access: { purpose: "STRATEGY_DISCUSSION" } });
    expect(outcome(asked, record("HEALTH", ["gpPracticeName"]))).toBe("withheld by no-relationship");
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"]))).toEqual({ inverted: true, reason: "no-relationship" });
  });

  test("a grant that needs no relationship lifts it, for what it grants; the rest is default deny", () => {
    const asked = rules({ child: { relationships: [] } });
    expect(outcome(asked, record("CHILD", ["givenNames"], { path: "demographics" }))).toBe("granted by grant-child-names");
    expect(outcome(asked, record("HEALTH", ["gpPracticeName"]))).toBe("default deny");
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"]))).toBeNull();
  });
});

describe("permits lift a label's restriction only in their context", () => {
  test("OWN_AGENCY: the caller's own records only", () => {
    const asked = rules();
    const own = record("HEALTH", ["conditions"], { providerAgencyCode: OWN }, ["SPECIAL_CATEGORY"]);
    const other = record("HEALTH", ["conditions"], {}, ["SPECIAL_CATEGORY"]);
    expect(outcome(asked, own)).toBe("granted by grant-health");
    expect(outcome(asked, other)).toBe("withheld by special-category-withheld");
  });

  test("a permit needing a case reference applies only with an open one checked", () => {
    const thirdParty = record("HEALTH", ["gpPracticeName"], {}, ["THIRD_PARTY"]);
    expect(outcome(rules(), thirdParty)).toBe("withheld by third-party-withheld");
    expect(outcome(rules({ child: { openCaseReference: true } }), thirdParty)).toBe("granted by grant-health");
  });

  test("a permit needing an Art 9 condition applies only with one it names", () => {
    const lawEnforcement = record("HEALTH", ["gpPracticeName"], {}, ["LAW_ENFORCEMENT"]);
    expect(outcome(rules(), lawEnforcement)).toBe("withheld by law-enforcement-withheld");
    expect(outcome(rules({ access: { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" } }), lawEnforcement)).toBe("withheld by law-enforcement-withheld");
    expect(outcome(rules({ access: { specialCategoryCondition: "SAFEGUARDING_CHILDREN" } }), lawEnforcement)).toBe("granted by grant-health");
  });

  test("a permit needing a relationship applies only with it", () => {
    const family = record("HEALTH", ["gpPracticeName"], {}, ["WITHHOLD_FROM_FAMILY"]);
    expect(outcome(rules(), family)).toBe("withheld by withhold-from-family-withheld");
    expect(outcome(rules({ child: { relationships: ["AGENCY_INVOLVED", "MASH_CASE"] } }), family)).toBe("granted by grant-health");
  });

  test("BROKERED withholds the record itself, but not the caller's own when an OWN_AGENCY permit applies", () => {
    const asked = rules();
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"], { labels: ["BROKERED"] }))).toEqual({ inverted: true, reason: "brokered-withheld" });
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"], { path: "health[r2]", labels: ["BROKERED"], providerAgencyCode: OWN }))).toBeNull();
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"], { path: "health[r3]" }))).toBeNull();
  });

  test("a label is permitted outright (labelPermitted, a notification's protected location) only by a permit for any agency's records that applies", () => {
    const context = (parts: Partial<AccessContext> = {}) => abilityContextOf(socialWorker, { ...access, ...parts }, child, at);
    expect([
      labelPermitted(policy, "LAW_ENFORCEMENT", context({ specialCategoryCondition: "SAFEGUARDING_CHILDREN" })),
      labelPermitted(policy, "LAW_ENFORCEMENT", context()),
      labelPermitted(policy, "SPECIAL_CATEGORY", context()),
    ]).toEqual([true, false, false]);
  });
});

describe("answers are remembered only for fields that cannot differ", () => {
  test("a field's labels and its record's count, however many", () => {
    const asked = rules({ child: { openCaseReference: true } });
    const own = (labels: FieldSubject["labels"], recordLabels: RecordSubject["labels"] = []) =>
      outcome(asked, record("HEALTH", ["conditions"], { providerAgencyCode: OWN, labels: recordLabels }, labels));
    expect(own(["SPECIAL_CATEGORY"])).toBe("granted by grant-health");
    expect(own(["SPECIAL_CATEGORY", "LOCATION_WITHHELD"])).toBe("withheld by location-withheld-withheld");
    expect(own(["SPECIAL_CATEGORY", "THIRD_PARTY"])).toBe("granted by grant-health");
    expect(own(["SPECIAL_CATEGORY"], ["LAW_ENFORCEMENT"])).toBe("withheld by law-enforcement-withheld");
    expect(own([], ["SPECIAL_CATEGORY"])).toBe("granted by grant-health");
    expect(own([])).toBe("granted by grant-health");
  });

  test("the record type, its provider type and the field name count", () => {
    const asked = rules();
    expect(outcome(asked, record("HEALTH", ["gpPracticeName"]))).toBe("granted by grant-health");
    expect(outcome(asked, record("HEALTH", ["gpPracticeName"], { providerAgencyType: "EDUCATION" }))).toBe("withheld by no-agreement");
    expect(outcome(asked, record("HEALTH", ["registeredOn"]))).toBe("default deny");
    expect(outcome(asked, record("EDUCATION", ["gpPracticeName"]))).toBe("withheld by no-agreement");
  });

  test("a record's labels count for whether it is opened", () => {
    const asked = rules();
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"]))).toBeNull();
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"], { labels: ["SEALED"] }))).toEqual({ inverted: true, reason: "sealed-withheld" });
  });

  test("more answers than it keeps: it starts again, answering as before", () => {
    const asked = rules();
    const incident = (incidentType: string) => record("POLICE", ["incidentType"], { attributes: { incidentType } });
    expect(outcome(asked, incident("DOMESTIC_ABUSE"))).toBe("granted by grant-police-abuse");
    for (let index = 0; index <= 20_000; index++) outcome(asked, incident(`OTHER_${index}`));
    expect(outcome(asked, incident("OTHER_0"))).toBe("default deny");
    expect(outcome(asked, incident("DOMESTIC_ABUSE"))).toBe("granted by grant-police-abuse");
  });

  test("a compiled ability stays cached while others are compiled", () => {
    const first = rules();
    rules({ access: { lawfulBasis: "VITAL_INTERESTS" } });
    expect(rules()).toBe(first);
  });
});

describe("the cache of compiled abilities", () => {
  test("keeps the first ability compiled for a policy set while a second is compiled", () => {
    const fresh = loadPolicies(writePolicyDir());
    const context = (day: string) => abilityContextOf(socialWorker, access, child, new Date(`${day}T12:00:00Z`));
    const first = disclosureAbility(fresh, context("2026-11-20"));
    expect(disclosureAbility(fresh, context("2026-11-21"))).not.toBe(first);
    expect(disclosureAbility(fresh, context("2026-11-20"))).toBe(first);
  });
});

describe("data sharing agreements", () => {
  const health = record("HEALTH", ["gpPracticeName"]);

  test("are in force from their first day through their last", () => {
    expect(outcome(rules({ at: new Date("2024-01-01T00:00:00Z") }), health)).toBe("granted by grant-health");
    expect(outcome(rules({ at: new Date("2023-12-31T23:59:59Z") }), health)).toBe("withheld by no-agreement");
    expect(outcome(rules({ at: new Date("2026-12-31T23:59:59Z") }), health)).toBe("granted by grant-health");
    expect(outcome(rules({ at: new Date("2027-01-01T00:00:00Z") }), health)).toBe("withheld by no-agreement");
  });

  test("cover their providers' records, for their recipients and purposes, and no others", () => {
    expect(outcome(rules(), record("HEALTH", ["gpPracticeName"], { providerAgencyType: "EDUCATION" }))).toBe("withheld by no-agreement");
    expect(outcome(rules({ principal: { agencyType: "EDUCATION" } }), health)).toBe("withheld by no-agreement");
    expect(outcome(rules({ principal: { agencyType: "POLICE", agency: "POL-44" } }), health)).toBe("granted by grant-health");
    expect(outcome(rules({ access: { purpose: "STRATEGY_DISCUSSION" } }), health)).toBe("withheld by no-agreement");
  });

  test("cover only the record types they name, though they cover others of the same provider", () => {
    const abuseAtHealth = record("POLICE", ["incidentType"], { providerAgencyType: "HEALTH", attributes: { incidentType: "DOMESTIC_ABUSE" } });
    expect(outcome(rules(), abuseAtHealth)).toBe("withheld by no-agreement");
    expect(outcome(rules(), health)).toBe("granted by grant-health");
  });

  test("are not needed for the caller's own agency's records", () => {
    const own = record("POLICE", ["officerName"], { providerAgencyCode: OWN });
    expect(outcome(rules({ at: new Date("2026-10-31T12:00:00Z") }), own)).toBe("granted by grant-police-own");
    expect(outcome(rules({ at: new Date("2026-10-31T12:00:00Z") }), record("POLICE", ["incidentType"], { attributes: { incidentType: "DOMESTIC_ABUSE" } }))).toBe("withheld by no-agreement");
  });
});

describe("decideDisclosure", () => {
  test("without a relationship, every field is withheld by the relationship rule with its reason; nothing is brokered", () => {
    // The fixture's own rules: no grant there does without a relationship.
    const decision = decideDisclosure(loadPolicies(writePolicyDir()), socialWorker, access, { ...child, relationships: [], records: [record("HEALTH", ["gpPracticeName"], { labels: ["THIRD_PARTY"] })] }, at);
    expect(decision).toEqual({
      outcome: "DECIDED", disclosed: [], brokered: [], sealed: [], grantingRules: [],
      withheld: [{ path: "health[r1].gpPracticeName", rule: "no-relationship", reason: "no relationship" }],
    });
  });

  test("a field outside every agreement is withheld with the agreement rule's reason", () => {
    const decision = decideDisclosure(policy, socialWorker, access, { ...child, records: [record("HEALTH", ["gpPracticeName"])] }, new Date("2027-06-01T12:00:00Z"));
    expect(decision.outcome === "DECIDED" && decision.withheld).toEqual([{ path: "health[r1].gpPracticeName", rule: "no-agreement", reason: "no agreement" }]);
  });

  test("a sealed field of an unsealed record is listed as sealed, not withheld", () => {
    const health = record("HEALTH", ["gpPracticeName"]);
    const sealedField = { ...health, fields: [...health.fields, { path: "health[r1].conditions", recordType: "HEALTH" as const, field: "conditions", labels: ["SEALED" as const] }] };
    expect(decideDisclosure(policy, socialWorker, access, { ...child, records: [sealedField] }, at)).toEqual({
      outcome: "DECIDED", disclosed: ["health[r1].gpPracticeName"], withheld: [], brokered: [], sealed: ["health[r1].conditions"], grantingRules: ["grant-health"],
    });
  });

  test("the granting rules are listed once each, in order of id", () => {
    const records = [
      record("POLICE", ["incidentType"], { attributes: { incidentType: "DOMESTIC_ABUSE" } }),
      record("HEALTH", ["gpPracticeName", "conditions"], { providerAgencyCode: OWN }),
      record("HEALTH", ["gpPracticeName"], { path: "health[r2]" }),
    ];
    const decision = decideDisclosure(policy, socialWorker, access, { ...child, records }, at);
    expect(decision.outcome === "DECIDED" && decision.grantingRules).toEqual(["grant-health", "grant-police-abuse"]);
    expect(decision.outcome === "DECIDED" && decision.disclosed).toEqual(["police[r1].incidentType", "health[r1].gpPracticeName", "health[r1].conditions", "health[r2].gpPracticeName"]);
  });

  test("a record brokered by its label names the brokering rule; the caller's own is opened", () => {
    const records = [
      record("HEALTH", ["gpPracticeName"], { labels: ["BROKERED"] }),
      record("HEALTH", ["gpPracticeName"], { path: "health[r2]", labels: ["BROKERED"], providerAgencyCode: OWN }),
    ];
    expect(decideDisclosure(policy, socialWorker, access, { ...child, records }, at)).toEqual({
      outcome: "DECIDED", disclosed: ["health[r2].gpPracticeName"], withheld: [], sealed: [], grantingRules: ["grant-health"],
      brokered: [{ path: "health[r1]", rule: "brokered-withheld" }],
    });
  });
});

describe("a permit that lifts SEALED or BROKERED for any agency", () => {
  const lifted = loadPolicies(writePolicyDir({
    "rules.yaml": `${GRANTS}${restrictions}`,
    "permits.yaml": `permits:
  - id: permit-sealed-and-brokered
    description: Everything, with a MASH case.
    labels: [SEALED, BROKERED]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [MASH_CASE]
`,
  }));
  const ask = (relationships: DisclosureSubject["relationships"]) =>
    disclosureAbility(lifted, abilityContextOf(socialWorker, access, { ...child, relationships }, at));

  test("opens sealed and brokered records and leaves the others as they were", () => {
    const asked = ask(["AGENCY_INVOLVED", "MASH_CASE"]);
    const sealed = record("HEALTH", ["gpPracticeName"], { labels: ["SEALED"] });
    const brokered = record("HEALTH", ["gpPracticeName"], { path: "health[r2]", labels: ["BROKERED"] });
    const plain = record("HEALTH", ["gpPracticeName"], { path: "health[r3]" });
    expect([sealed, brokered, plain].map((subject) => asked.recordRule(subject))).toEqual([null, null, null]);
    expect([sealed, brokered, plain].map((subject) => outcome(asked, subject))).toEqual(["granted by grant-health", "granted by grant-health", "granted by grant-health"]);
  });

  test("only where it applies", () => {
    const asked = ask(["AGENCY_INVOLVED"]);
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"], { labels: ["SEALED"] }))).toEqual({ inverted: true, reason: "sealed-withheld" });
    expect(asked.recordRule(record("HEALTH", ["gpPracticeName"], { path: "health[r2]", labels: ["BROKERED"] }))).toEqual({ inverted: true, reason: "brokered-withheld" });
  });
});
