import { subject } from "@casl/ability";
import { type Principal } from "../../auth/Principal";
import { type AccessContext } from "../AccessContext";
import { abilityContextOf } from "../AbilityContext";
import { decideDisclosure } from "../decideDisclosure";
import { compileDisclosureAbility, disclosureAbility, type FieldFacts } from "../disclosureAbility";
import { type DisclosureSubject, type RecordSubject } from "../DisclosureSubject";
import { loadPolicies } from "../loadPolicies";
import { type PolicySet } from "../PolicySet";
import { writePolicyDir } from "./policyFixture";

const policy: PolicySet = loadPolicies(writePolicyDir());
const principal: Principal = {
  sub: "sw-1", name: "A Social Worker", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
  roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
};
const access: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
  justification: "Section 47 enquiry after a referral from school", caseReference: null, breakGlass: false,
};
const child: DisclosureSubject = { relationships: ["AGENCY_INVOLVED"], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records: [] };
const at = new Date("2026-11-01T12:00:00Z");

function field(name: string, labels: FieldFacts["labels"] = [], providerAgencyType: FieldFacts["providerAgencyType"] = "HEALTH"): FieldFacts {
  return { recordType: "HEALTH", field: name, labels, providerAgencyType, providerAgencyCode: "GP-K99002", attributes: {} };
}

describe("the CASL ability compiled for a request", () => {
  const ability = compileDisclosureAbility(policy, abilityContextOf(principal, access, child, at));

  test("a grant is a can rule whose reason is the grant's id", () => {
    const rule = ability.relevantRuleFor("read", subject("Field", field("gpPracticeName")));
    expect(rule?.inverted).toBe(false);
    expect(rule?.reason).toBe("grant-health");
  });

  test("default deny: a field no rule names has no relevant rule", () => {
    expect(ability.relevantRuleFor("read", subject("Field", field("registeredOn")))).toBeNull();
    expect(ability.can("read", subject("Field", field("registeredOn")))).toBe(false);
  });

  test("a later cannot overrides an earlier can: a granted field with a restricted label is withheld", () => {
    const rule = ability.relevantRuleFor("read", subject("Field", field("conditions", ["SPECIAL_CATEGORY"])));
    expect(rule?.inverted).toBe(true);
    expect(rule?.reason).toBe("special-category-withheld");
  });

  test("a permit lifts the restriction: with an Art 9 condition the label no longer withholds", () => {
    const permitted = loadPolicies(writePolicyDir({
      "permits.yaml": `permits:
  - id: health-data-for-s47
    description: Sch.1 para 18.
    labels: [SPECIAL_CATEGORY]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    specialCategoryConditions: [SAFEGUARDING_CHILDREN]
`,
    }));
    const withCondition = compileDisclosureAbility(permitted, abilityContextOf(principal, { ...access, specialCategoryCondition: "SAFEGUARDING_CHILDREN" }, child, at));
    const withoutCondition = compileDisclosureAbility(permitted, abilityContextOf(principal, access, child, at));
    const conditions = subject("Field", field("conditions", ["SPECIAL_CATEGORY"]));
    expect(withCondition.relevantRuleFor("read", conditions)?.reason).toBe("grant-health");
    expect(withoutCondition.relevantRuleFor("read", conditions)?.reason).toBe("special-category-withheld");
  });

  test("a record outside every agreement in force is withheld even where a grant names it", () => {
    const before = compileDisclosureAbility(policy, abilityContextOf(principal, access, child, new Date("2023-12-31T12:00:00Z")));
    expect(before.relevantRuleFor("read", subject("Field", field("gpPracticeName")))?.reason).toBe("no-agreement");
  });

  test("without a relationship the relationship rule outranks every grant", () => {
    const stranger = compileDisclosureAbility(policy, abilityContextOf(principal, access, { ...child, relationships: [] }, at));
    const rule = stranger.relevantRuleFor("read", subject("Field", field("gpPracticeName")));
    expect(rule?.inverted).toBe(true);
    expect(rule?.reason).toBe("no-relationship");
  });

  test("SEALED outranks everything, for the record and for a field", () => {
    const sealed = { ...field("gpPracticeName", ["SEALED", "SPECIAL_CATEGORY"]) };
    expect(ability.relevantRuleFor("read", subject("Field", sealed))?.reason).toBe("sealed-withheld");
    const { field: _field, ...record } = sealed;
    expect(ability.relevantRuleFor("open", subject("Record", record))?.reason).toBe("sealed-withheld");
  });

  test("abilities are cached by everything they depend on", () => {
    const context = abilityContextOf(principal, access, child, at);
    expect(disclosureAbility(policy, context)).toBe(disclosureAbility(policy, abilityContextOf(principal, { ...access }, { ...child }, at)));
    expect(disclosureAbility(policy, context)).not.toBe(disclosureAbility(policy, abilityContextOf(principal, access, { ...child, openCaseReference: true }, at)));
    expect(disclosureAbility(policy, context)).not.toBe(disclosureAbility(policy, abilityContextOf({ ...principal, agency: "LA-E10000019" }, access, child, at)));
  });
});

describe("decideDisclosure with the fixture policy", () => {
  const record: RecordSubject = {
    path: "health[0]", recordType: "HEALTH", providerAgencyType: "HEALTH", providerAgencyCode: "GP-K99002", labels: [], attributes: {},
    fields: [
      { path: "health[0].gpPracticeName", recordType: "HEALTH", field: "gpPracticeName", labels: [] },
      { path: "health[0].conditions", recordType: "HEALTH", field: "conditions", labels: ["SPECIAL_CATEGORY"] },
      { path: "health[0].registeredOn", recordType: "HEALTH", field: "registeredOn", labels: [] },
    ],
  };

  test("discloses what CASL grants and withholds the rest with rule ids and plain reasons", () => {
    const decision = decideDisclosure(policy, principal, access, { ...child, records: [record] }, at);
    expect(decision).toEqual({
      outcome: "DECIDED",
      disclosed: ["health[0].gpPracticeName"],
      withheld: [
        { path: "health[0].conditions", rule: "special-category-withheld", reason: "SPECIAL_CATEGORY withheld" },
        { path: "health[0].registeredOn", rule: "default-deny", reason: expect.stringContaining("no policy rule") },
      ],
      brokered: [],
      sealed: [],
      grantingRules: ["grant-health"],
    });
  });

  test("record labels apply to every field of the record", () => {
    const decision = decideDisclosure(policy, principal, access, { ...child, records: [{ ...record, labels: ["THIRD_PARTY"] }] }, at);
    expect(decision.outcome === "DECIDED" && decision.withheld.map(({ rule }) => rule)).toEqual(["third-party-withheld", "third-party-withheld", "third-party-withheld"]);
  });

  test("a sealed record is listed only as sealed, a brokered one only as brokered", () => {
    const decision = decideDisclosure(policy, principal, access, {
      ...child,
      records: [{ ...record, path: "health[0]", labels: ["SEALED"] }, { ...record, path: "health[1]", labels: ["BROKERED"] }],
    }, at);
    expect(decision).toMatchObject({ disclosed: [], withheld: [], sealed: ["health[0]"], brokered: [{ path: "health[1]", rule: "brokered-withheld" }] });
  });

  test("an incoherent access context is refused before anything is decided", () => {
    expect(decideDisclosure(policy, principal, { ...access, justification: "because" }, child, at)).toMatchObject({
      outcome: "REFUSED", problem: "JUSTIFICATION_REQUIRED", rule: "justification-required",
    });
  });
});
