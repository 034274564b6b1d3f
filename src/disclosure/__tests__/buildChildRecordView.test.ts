import { RECORD_FIELDS } from "../../records/recordFields";
import { type Disclosure } from "../../policy/DisclosureDecision";
import { type AccessContext } from "../../policy/AccessContext";
import { type VisibleIdentity } from "../../people/identityFacts";
import { buildChildRecordView, disclosedPointers } from "../buildChildRecordView";
import { disclosedRecordIds } from "../disclosedRecordIds";
import { addressPath, recordOfField, recordPath, RESPONSE_KEY } from "../recordPaths";
import { address, agency, childFile, loaded, NO_IDENTITY } from "./childFileFixture";

const access: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
  justification: "Section 47 enquiry after a referral from school", caseReference: null, breakGlass: false,
};
const decided = (parts: Partial<Disclosure>): Disclosure => ({ outcome: "DECIDED", disclosed: [], withheld: [], brokered: [], sealed: [], grantingRules: [], ...parts });

describe("record paths", () => {
  test("name a record by its type's response key and its identity", () => {
    expect(recordPath("POLICE", "r-1")).toBe("police[r-1]");
    expect(recordPath("YOUTH_JUSTICE", "r-2")).toBe("youthJustice[r-2]");
    expect(RESPONSE_KEY).toEqual({
      SOCIAL_CARE: "socialCare", POLICE: "police", HEALTH: "health", EDUCATION: "education", PROBATION: "probation", PRISON: "prison", YOUTH_JUSTICE: "youthJustice",
    });
  });

  test("name an address of the child by its identity", () => {
    expect(addressPath("a-1")).toBe("demographics.addresses[a-1]");
  });

  test("a field's record is everything before its last dot", () => {
    expect(recordOfField("police[r-1].intelligence")).toBe("police[r-1]");
    expect(recordOfField("demographics.addresses[a-1]")).toBe("demographics");
  });
});

describe("disclosedRecordIds", () => {
  const file = childFile([loaded("POLICE", "p1"), loaded("HEALTH", "h1"), loaded("EDUCATION", "e1"), loaded("HEALTH", "h2")]);
  const identity: VisibleIdentity = {
    givenNames: { value: "Amy", sources: ["n1"] }, familyName: { value: "Smith", sources: ["f1"] },
    aliases: [{ value: "Aimee", sources: ["al1"] }, { value: "Ames", sources: ["al2"] }],
    dateOfBirth: { value: "2015-03-01", sources: ["d1"] }, sex: { value: "FEMALE", sources: ["s1"] },
    addresses: [address("a1", ["ad1"]), address("a2", ["ad2"])], residence: address("a1", ["res1"]),
  };

  test("a record any field of which went out, and a brokered one", () => {
    expect(disclosedRecordIds(file, NO_IDENTITY, { disclosed: ["police[p1].summary", "police[p1].incidentType"], brokered: [{ path: "health[h2]", rule: "brokered-withheld" }] }).sort()).toEqual(["h2", "p1"]);
    expect(disclosedRecordIds(file, NO_IDENTITY, { disclosed: [], brokered: [] })).toEqual([]);
  });

  test("a record is matched by its type and identity, not only its identity", () => {
    expect(disclosedRecordIds(file, NO_IDENTITY, { disclosed: ["health[p1].conditions"], brokered: [] })).toEqual([]);
  });

  test("the records an identity fact came from, for each fact that went out", () => {
    const only = (field: string) => disclosedRecordIds(childFile([]), identity, { disclosed: [field], brokered: [] }).sort();
    expect(only("demographics.givenNames")).toEqual(["n1"]);
    expect(only("demographics.familyName")).toEqual(["f1"]);
    expect(only("demographics.aliases")).toEqual(["al1", "al2"]);
    expect(only("demographics.dateOfBirth")).toEqual(["d1"]);
    expect(only("demographics.sex")).toEqual(["s1"]);
    expect(only("demographics.localAuthority")).toEqual(["res1"]);
    expect(only("demographics.addresses[a2]")).toEqual(["ad2"]);
    expect(only("demographics.addresses[a3]")).toEqual([]);
  });

  test("a fact the caller sees none of contributes nothing, and ids are listed once", () => {
    const partial: VisibleIdentity = { ...NO_IDENTITY, givenNames: { value: "Amy", sources: ["p1", "n1"] } };
    const ids = disclosedRecordIds(file, partial, { disclosed: ["police[p1].summary", "demographics.givenNames", "demographics.sex", "demographics.localAuthority"], brokered: [] });
    expect(ids.sort()).toEqual(["n1", "p1"]);
  });
});

describe("buildChildRecordView", () => {
  const csc = agency("CHILDRENS_SOCIAL_CARE", "LA-1", { contactEmail: "mash@la.example", contactPhone: "01392 000000" });
  const police = loaded("POLICE", "p1", { incidentType: "CRIME", summary: "An incident", officerName: "PC Jones" });
  const health = loaded("HEALTH", "h1", { gpPracticeName: "Heavitree", conditions: "Asthma" });
  const sealed = loaded("HEALTH", "h2", { gpPracticeName: "Hidden" });
  const brokeredA = loaded("SOCIAL_CARE", "s1", { status: "CHILD_PROTECTION_PLAN" }, {}, csc);
  const brokeredB = loaded("SOCIAL_CARE", "s2", { status: "LOOKED_AFTER" }, {}, csc);
  const open = (id: string, status: string | null) => loaded("SOCIAL_CARE", id, { status, summary: "Case notes" });
  const file = childFile([police, health, sealed, brokeredA, brokeredB, open("s3", "CHILD_IN_NEED"), open("s4", "CHILD_IN_NEED"), open("s5", "CLOSED"), open("s6", null)]);
  const socialCareFields = ["s3", "s4", "s5", "s6"].map((id) => `socialCare[${id}].status`);
  const decision = decided({
    disclosed: ["police[p1].incidentType", "police[p1].summary", ...socialCareFields],
    withheld: [
      { path: "police[p1].officerName", rule: "third-party-withheld", reason: "third party" },
      { path: "health[h1].conditions", rule: "special-category-withheld", reason: "special category" },
      { path: "health[h2].conditions", rule: "special-category-withheld", reason: "special category" },
      { path: "socialCare[s1].summary", rule: "third-party-withheld", reason: "third party" },
    ],
    sealed: ["health[h2]"],
    brokered: [{ path: "socialCare[s1]", rule: "brokered-withheld" }, { path: "socialCare[s2]", rule: "brokered-withheld" }],
  });
  // Built in each test: a view built while the tests are collected would be nobody's test.
  let view: ReturnType<typeof buildChildRecordView>;
  beforeEach(() => {
    view = buildChildRecordView(file, NO_IDENTITY, decision, access, ["AGENCY_INVOLVED"]);
  });

  test("a disclosed field carries its value; a withheld one is null", () => {
    expect(view.police).toHaveLength(1);
    expect(view.police[0]).toMatchObject({ recordId: "p1", recordType: "POLICE", incidentType: "CRIME", summary: "An incident", officerName: null });
    expect(Object.keys(view.police[0] ?? {})).toEqual(expect.arrayContaining(Object.keys(RECORD_FIELDS.POLICE)));
  });

  test("the agency's reference and recording time go out only with some of the record's content", () => {
    expect(view.police[0]).toMatchObject({ agencyReference: "REF-p1", recordedAt: new Date("2026-10-01T09:00:00Z"), updatedAt: new Date("2026-10-02T09:00:00Z"), linkMethod: "SUI", linkState: "LINKED" });
    expect(view.health.map((record) => ({ id: record.recordId, agencyReference: record.agencyReference, recordedAt: record.recordedAt, gp: record.gpPracticeName }))).toEqual([
      { id: "h1", agencyReference: null, recordedAt: null, gp: null },
    ]);
    expect(view.police[0]?.agency).toEqual({ code: "POLICE-1", name: "POLICE-1 name", type: "POLICE", contactEmail: "police-1@example.org", contactPhone: "0300 000 0000" });
  });

  test("a sealed record is absent, and absent from the redactions too", () => {
    expect(view.health.map(({ recordId }) => recordId)).toEqual(["h1"]);
    expect(view.redactions).toEqual([
      { path: "police[p1].officerName", rule: "third-party-withheld", reason: "third party" },
      { path: "health[h1].conditions", rule: "special-category-withheld", reason: "special category" },
    ]);
  });

  test("a brokered record shows only as its agency's contact, once per agency contact", () => {
    expect(view.socialCare.map(({ recordId }) => recordId)).toEqual(["s3", "s4", "s5", "s6"]);
    expect(view.restrictedInvolvement).toEqual([{ agencyType: "CHILDRENS_SOCIAL_CARE", contactEmail: "mash@la.example", contactPhone: "01392 000000" }]);
    const otherPhone = loaded("SOCIAL_CARE", "s7", {}, {}, agency("CHILDRENS_SOCIAL_CARE", "LA-1", { contactEmail: "mash@la.example", contactPhone: "01392 111111" }));
    const two = buildChildRecordView(childFile([brokeredA, otherPhone]), NO_IDENTITY,
      decided({ brokered: [{ path: "socialCare[s1]", rule: "brokered-withheld" }, { path: "socialCare[s7]", rule: "brokered-withheld" }] }), access, []);
    expect(two.restrictedInvolvement.map(({ contactPhone }) => contactPhone)).toEqual(["01392 000000", "01392 111111"]);
    expect(two.socialCare).toEqual([]);
  });

  test("the safeguarding statuses are those of the visible open social care records, once each", () => {
    expect(view.safeguardingStatuses).toEqual(["CHILD_IN_NEED"]);
  });

  test("the request's purpose and relationships, and the child's SUI, are echoed", () => {
    expect(view).toMatchObject({ sui: "9990000018", purpose: "SECTION_47_ENQUIRY", relationships: ["AGENCY_INVOLVED"] });
    expect(buildChildRecordView(childFile([], { child: { id: "c", sui: null } as never }), NO_IDENTITY, decided({}), access, []).sui).toBe("");
    expect(Object.keys(view).sort()).toEqual([
      "demographics", "education", "health", "police", "prison", "probation", "purpose", "redactions", "relationships", "restrictedInvolvement",
      "safeguardingStatuses", "socialCare", "sui", "youthJustice",
    ]);
  });

  describe("the child's own details", () => {
    const identity: VisibleIdentity = {
      givenNames: { value: "Amy", sources: ["p1"] }, familyName: { value: "Smith", sources: ["p1"] },
      aliases: [{ value: "Aimee", sources: ["p1"] }], dateOfBirth: { value: "2015-03-01", sources: ["p1"] }, sex: { value: "FEMALE", sources: ["p1"] },
      addresses: [address("a1", ["p1"]), address("a2", ["p1"], { postcode: "", kind: "REFUGE" })], residence: address("a1", ["p1"]),
    };

    test("each goes out only when disclosed", () => {
      const none = buildChildRecordView(childFile([]), identity, decided({}), access, []).demographics;
      expect(none).toMatchObject({ givenNames: null, familyName: null, dateOfBirth: null, sex: null, localAuthority: null, aliases: null });
      const all = buildChildRecordView(childFile([]), identity, decided({
        disclosed: ["givenNames", "familyName", "dateOfBirth", "sex", "localAuthority", "aliases"].map((field) => `demographics.${field}`),
      }), access, []).demographics;
      expect(all).toMatchObject({ givenNames: "Amy", familyName: "Smith", dateOfBirth: "2015-03-01", sex: "FEMALE", localAuthority: "E10000008", aliases: ["Aimee"] });
    });

    test("a fact no visible record reports is null even when its field is disclosed", () => {
      const demographics = buildChildRecordView(childFile([]), NO_IDENTITY, decided({ disclosed: ["demographics.givenNames", "demographics.localAuthority", "demographics.aliases"] }), access, []).demographics;
      expect(demographics).toEqual({ givenNames: null, familyName: null, dateOfBirth: null, sex: null, localAuthority: null, aliases: [], addresses: [] });
    });

    test("an address not disclosed is listed by identity only, marked withheld", () => {
      const { addresses } = buildChildRecordView(childFile([]), identity, decided({ disclosed: ["demographics.addresses[a2]"] }), access, []).demographics;
      expect(addresses).toEqual([
        { id: "a1", kind: null, line1: null, line2: null, town: null, postcode: null, localAuthority: null, validFrom: null, withheld: true },
        { id: "a2", kind: "REFUGE", line1: "a2 High Street", line2: "Flat 2", town: "Exeter", postcode: null, localAuthority: "E10000008", validFrom: "2025-01-01", withheld: false },
      ]);
      const shown = buildChildRecordView(childFile([]), identity, decided({ disclosed: ["demographics.addresses[a1]"] }), access, []).demographics.addresses[0];
      expect(shown).toMatchObject({ postcode: "EX1 1AA", withheld: false });
    });
  });
});

describe("disclosedPointers", () => {
  test("each record with disclosed content gives its agency reference, once; the child's details give none", () => {
    expect(disclosedPointers({ disclosed: ["police[p1].summary", "police[p1].incidentType", "health[h1].gpPracticeName", "demographics.givenNames", "demographics.addresses[a1]"] }))
      .toEqual(["police[p1].agencyReference", "health[h1].agencyReference"]);
  });
});
