import { type Principal } from "../../auth/Principal";
import { type AccessContext } from "../../policy/AccessContext";
import { decideDisclosure } from "../../policy/decideDisclosure";
import { type Disclosure } from "../../policy/DisclosureDecision";
import { type DisclosureSubject, type RecordSubject } from "../../policy/DisclosureSubject";
import { loadPolicies } from "../../policy/loadPolicies";
import { editFixture, writePolicyDir } from "../../policy/__tests__/policyFixture";
import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { concealFromFamily } from "../concealFromFamily";
import { identitySources } from "../identitySources";

// The policy fixture (one grant of two HEALTH fields, a restriction per label), with the child's names
// and addresses granted too, and THIRD_PARTY permitted for the purpose.
const grants = editFixture("rules.yaml", "      HEALTH: [gpPracticeName, conditions]", "      HEALTH: [gpPracticeName, conditions]\n      CHILD: [givenNames, addresses]");
const policy = loadPolicies(writePolicyDir({
  ...grants,
  "permits.yaml": `permits:
  - id: third-party-for-s47
    description: Third parties in an enquiry.
    labels: [THIRD_PARTY]
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
`,
}));
const socialWorker: Principal = {
  sub: "sw-1", name: "A Social Worker", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
  roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
};
const access: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
  justification: "Section 47 enquiry after a referral from school", caseReference: null, breakGlass: false,
};
const now = new Date("2026-11-15T12:00:00Z");

function health(id: string, labels: SensitivityLabel[] = [], fieldLabels: Record<string, SensitivityLabel[]> = {}): RecordSubject {
  const path = `health[${id}]`;
  return {
    path, recordType: "HEALTH", providerAgencyType: "HEALTH", providerAgencyCode: "GP-1", labels, attributes: {},
    fields: ["gpPracticeName", "registeredOn"].map((field) => ({ path: `${path}.${field}`, recordType: "HEALTH" as const, field, labels: [...labels, ...(fieldLabels[field] ?? [])] })),
  };
}

function subject(...records: RecordSubject[]): DisclosureSubject {
  return { relationships: ["AGENCY_INVOLVED"], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records };
}

function decided(of: DisclosureSubject): Disclosure {
  const decision = decideDisclosure(policy, socialWorker, access, of, now);
  if (decision.outcome !== "DECIDED") throw new Error(decision.message);
  return decision;
}

describe("concealFromFamily", () => {
  test("without the label anywhere, the decision stands as it is", () => {
    const of = subject(health("h1"));
    const decision = decided(of);
    const result = concealFromFamily(policy, socialWorker, access, of, decision);
    expect(result.decision).toBe(decision);
    expect(result.concealed).toEqual([]);
  });

  test("a record the label keeps from the caller is concealed like a sealed one; its refusals go to the audit only", () => {
    const of = subject(health("h1", ["WITHHOLD_FROM_FAMILY"]), health("h10"));
    const result = concealFromFamily(policy, socialWorker, access, of, decided(of));
    expect(result.decision).toEqual({
      outcome: "DECIDED", disclosed: ["health[h10].gpPracticeName"], brokered: [], grantingRules: ["grant-health"], sealed: ["health[h1]"],
      withheld: [{ path: "health[h10].registeredOn", rule: "default-deny", reason: expect.any(String) }],
    });
    expect(result.concealed.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: "health[h1].gpPracticeName", rule: "withhold-from-family-withheld" },
      { path: "health[h1].registeredOn", rule: "withhold-from-family-withheld" },
    ]);
  });

  test("a label on one field is enough", () => {
    const of = subject(health("h1", [], { gpPracticeName: ["WITHHOLD_FROM_FAMILY"] }));
    const result = concealFromFamily(policy, socialWorker, access, of, decided(of));
    expect(result.decision).toMatchObject({ disclosed: [], withheld: [], sealed: ["health[h1]"] });
    expect(result.concealed.map(({ path }) => path)).toEqual(["health[h1].gpPracticeName", "health[h1].registeredOn"]);
  });

  test("the label named for one field conceals the whole record, though another rule withholds another of its fields", () => {
    const of = subject(health("h1", [], { gpPracticeName: ["WITHHOLD_FROM_FAMILY", "LOCATION_WITHHELD"], registeredOn: ["WITHHOLD_FROM_FAMILY"] }));
    const decision = decided(of);
    expect(decision.withheld.map(({ rule }) => rule)).toEqual(["location-withheld-withheld", "withhold-from-family-withheld"]);
    expect(concealFromFamily(policy, socialWorker, access, of, decision).decision.sealed).toEqual(["health[h1]"]);
  });

  test("where another label withholds the field anyway and names itself, the label changes nothing: the redaction stays", () => {
    const of = subject(health("h1", [], { gpPracticeName: ["WITHHOLD_FROM_FAMILY", "LOCATION_WITHHELD"] }));
    const decision = decided(of);
    expect(decision.withheld.map(({ path, rule }) => `${path} ${rule}`)).toEqual(["health[h1].gpPracticeName location-withheld-withheld", "health[h1].registeredOn default-deny"]);
    const result = concealFromFamily(policy, socialWorker, access, of, decision);
    expect(result.decision).toBe(decision);
    expect(result.concealed).toEqual([]);
  });

  test("what was disclosed from a concealed record is taken back, for every concealed record", () => {
    const of = subject(health("h1", [], { registeredOn: ["WITHHOLD_FROM_FAMILY"] }), health("h2", ["WITHHOLD_FROM_FAMILY"]), health("h3"));
    const decision = decided(of);
    expect(decision.disclosed).toEqual(["health[h1].gpPracticeName", "health[h3].gpPracticeName"]);
    const result = concealFromFamily(policy, socialWorker, access, of, decision);
    expect(result.decision).toMatchObject({ disclosed: ["health[h3].gpPracticeName"], sealed: ["health[h1]", "health[h2]"] });
    expect(result.decision.withheld.map(({ path }) => path)).toEqual(["health[h3].registeredOn"]);
    expect(result.concealed.map(({ path }) => path)).toEqual(["health[h1].registeredOn", "health[h2].gpPracticeName", "health[h2].registeredOn"]);
  });

  test("the child's own details are never concealed this way", () => {
    const demographics: RecordSubject = {
      path: "demographics", recordType: "CHILD", providerAgencyType: null, providerAgencyCode: null, labels: ["WITHHOLD_FROM_FAMILY"], attributes: {},
      fields: [{ path: "demographics.givenNames", recordType: "CHILD", field: "givenNames", labels: ["WITHHOLD_FROM_FAMILY"] }],
    };
    const of = subject(demographics);
    const decision = decided(of);
    expect(decision.withheld.map(({ rule }) => rule)).toEqual(["withhold-from-family-withheld"]);
    expect(concealFromFamily(policy, socialWorker, access, of, decision)).toEqual({ decision, concealed: [] });
  });
});

describe("identitySources", () => {
  const sources = (shown: [string, SensitivityLabel[]][]) => {
    const result = identitySources(policy, socialWorker, access, subject(), new Map(shown), now);
    return { names: [...result.names].sort(), dateOfBirth: [...result.dateOfBirth].sort(), sex: [...result.sex].sort(), addresses: [...result.addresses].sort() };
  };

  test("a record without labels is a source of every detail; none shown, none", () => {
    expect(sources([["r1", []]])).toEqual({ names: ["r1"], dateOfBirth: ["r1"], sex: ["r1"], addresses: ["r1"] });
    expect(sources([])).toEqual({ names: [], dateOfBirth: [], sex: [], addresses: [] });
  });

  test("labels decided elsewhere (sealed, brokered, a withheld location) do not keep a record from being a source", () => {
    expect(sources([["r1", ["SEALED"]], ["r2", ["BROKERED", "LOCATION_WITHHELD"]]])).toEqual({ names: ["r1", "r2"], dateOfBirth: ["r1", "r2"], sex: ["r1", "r2"], addresses: ["r1", "r2"] });
  });

  test("a labelled record is a source of exactly the details the policy lets through with its labels", () => {
    expect(sources([["r1", []], ["r2", ["THIRD_PARTY"]], ["r3", ["LAW_ENFORCEMENT"]], ["r4", ["THIRD_PARTY", "SEALED", "THIRD_PARTY"]]])).toEqual({
      names: ["r1", "r2", "r4"], dateOfBirth: ["r1"], sex: ["r1"], addresses: ["r1", "r2", "r4"],
    });
  });

  test("every label of a record counts", () => {
    expect(sources([["r1", ["THIRD_PARTY", "LAW_ENFORCEMENT"]]])).toEqual({ names: [], dateOfBirth: [], sex: [], addresses: [] });
  });
});
