import { type Principal } from "../../auth/Principal";
import { type ConsentOverride } from "../../consent/ConsentOverride";
import { type VisibleIdentity } from "../../people/identityFacts";
import { type AccessContext } from "../../policy/AccessContext";
import { type DisclosureSubject } from "../../policy/DisclosureSubject";
import { RECORD_FIELDS } from "../../records/recordFields";
import { buildDisclosureSubject, childDetails, demographicsSubject } from "../buildDisclosureSubject";
import { prejudicesInvestigation } from "../investigationSensitivity";
import { address, childFile, loaded, NO_IDENTITY } from "./childFileFixture";

const context = { relationships: ["AGENCY_INVOLVED" as const], consent: "GIVEN" as const, openCaseReference: true };

describe("buildDisclosureSubject", () => {
  test("no file: the request's context and no records", () => {
    expect(buildDisclosureSubject(null, context)).toEqual({ relationships: ["AGENCY_INVOLVED"], consent: "GIVEN", consentOverride: false, openCaseReference: true, childNotYetBorn: false, records: [] });
  });

  test("a consent override in force is noted", () => {
    expect(buildDisclosureSubject(childFile([]), context).consentOverride).toBe(false);
    expect(buildDisclosureSubject(childFile([], { consentOverride: { id: "o1" } as ConsentOverride }), context).consentOverride).toBe(true);
  });

  test("a child not yet born is noted, so that the file opens only to the pre-birth relationships; a born child is not", () => {
    const born = childFile([]);
    const unborn = childFile([], { identity: { ...born.identity, usual: { ...born.identity.usual, dateOfBirth: null, expectedDateOfBirth: "2027-02-14" } } });
    expect(buildDisclosureSubject(unborn, context).childNotYetBorn).toBe(true);
    expect(buildDisclosureSubject(born, context).childNotYetBorn).toBe(false);
  });

  test("every field of every record, each with the catalogue's, the agency's and the record's labels", () => {
    const police = loaded("POLICE", "p1", { incidentType: "DOMESTIC_ABUSE", activeInvestigation: true, summary: "Text", reportedOn: "2026-10-01" },
      { labels: ["THIRD_PARTY", "SEALED", "BROKERED", "WITHHOLD_FROM_FAMILY"], fieldLabels: { officerName: ["LOCATION_WITHHELD"], summary: ["THIRD_PARTY"] } });
    const [record] = buildDisclosureSubject(childFile([police]), context).records;
    expect(record).toMatchObject({ path: "police[p1]", recordType: "POLICE", providerAgencyType: "POLICE", providerAgencyCode: "POLICE-1", labels: ["THIRD_PARTY", "SEALED", "BROKERED", "WITHHOLD_FROM_FAMILY"] });
    expect(record?.attributes).toEqual({ incidentType: "DOMESTIC_ABUSE", activeInvestigation: true });
    expect(record?.fields.map(({ field }) => field)).toEqual(Object.keys(RECORD_FIELDS.POLICE));
    const byField = new Map(record?.fields.map((field) => [field.field, field]));
    expect(byField.get("officerName")).toEqual({ path: "police[p1].officerName", recordType: "POLICE", field: "officerName", labels: ["LOCATION_WITHHELD", "THIRD_PARTY", "WITHHOLD_FROM_FAMILY"] });
    expect(byField.get("summary")?.labels).toEqual(["THIRD_PARTY", "WITHHOLD_FROM_FAMILY"]);
    expect(byField.get("intelligence")?.labels).toEqual(["LAW_ENFORCEMENT", "THIRD_PARTY", "WITHHOLD_FROM_FAMILY"]);
  });

  test("a record's LOCATION_WITHHELD reaches only the fields that say where the child is; one the agency put on a field stays there", () => {
    const plan = loaded("SOCIAL_CARE", "s1", { status: "CHILD_PROTECTION_PLAN" }, { labels: ["LOCATION_WITHHELD"], fieldLabels: { allocatedTeam: ["LOCATION_WITHHELD"] } });
    const gp = loaded("HEALTH", "h1", {}, { labels: ["LOCATION_WITHHELD"] });
    const labelled = buildDisclosureSubject(childFile([plan, gp]), context).records.flatMap((record) => record.fields).filter((field) => field.labels.includes("LOCATION_WITHHELD")).map((field) => field.path);
    expect(labelled).toEqual(["socialCare[s1].allocatedTeam", "health[h1].gpPracticeCode", "health[h1].gpPracticeName"]);
  });

  test("only string and boolean values of testable fields are offered to policy", () => {
    const school = loaded("EDUCATION", "e1", { rollStatus: 3, dslName: "Ms Head" });
    const socialCare = loaded("SOCIAL_CARE", "s1", { status: "CLOSED" });
    const records = buildDisclosureSubject(childFile([school, socialCare]), context).records;
    expect(records.map(({ path, attributes }) => ({ path, attributes }))).toEqual([
      { path: "socialCare[s1]", attributes: { status: "CLOSED" } },
      { path: "education[e1]", attributes: {} },
    ]);
  });
});

describe("demographicsSubject", () => {
  test("offers a field only for a fact some visible record reports", () => {
    expect(demographicsSubject(NO_IDENTITY)).toEqual(childDetails([]));
    expect(childDetails([])).toEqual({ path: "demographics", recordType: "CHILD", providerAgencyType: null, providerAgencyCode: null, labels: [], attributes: {}, fields: [] });
  });

  test("names bring the family name and aliases; the residence brings the local authority with its labels; each address its own", () => {
    const identity: VisibleIdentity = {
      givenNames: { value: "Amy", sources: ["r1"] }, familyName: { value: "Smith", sources: ["r1"] }, aliases: [],
      dateOfBirth: { value: "2015-03-01", sources: ["r1"] }, sex: { value: "FEMALE", sources: ["r1"] },
      addresses: [address("a1", ["r1"], { labels: ["LOCATION_WITHHELD"] }), address("a2", ["r1"])],
      residence: address("a1", ["r1"], { labels: ["LOCATION_WITHHELD"] }),
    };
    expect(demographicsSubject(identity).fields).toEqual([
      { path: "demographics.givenNames", recordType: "CHILD", field: "givenNames", labels: [] },
      { path: "demographics.familyName", recordType: "CHILD", field: "familyName", labels: [] },
      { path: "demographics.aliases", recordType: "CHILD", field: "aliases", labels: [] },
      { path: "demographics.dateOfBirth", recordType: "CHILD", field: "dateOfBirth", labels: [] },
      { path: "demographics.sex", recordType: "CHILD", field: "sex", labels: [] },
      { path: "demographics.localAuthority", recordType: "CHILD", field: "localAuthority", labels: ["LOCATION_WITHHELD"] },
      { path: "demographics.addresses[a1]", recordType: "CHILD", field: "addresses", labels: ["LOCATION_WITHHELD"] },
      { path: "demographics.addresses[a2]", recordType: "CHILD", field: "addresses", labels: [] },
    ]);
  });
});

describe("prejudicesInvestigation", () => {
  const socialWorker: Principal = {
    sub: "sw-1", name: "A Social Worker", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
    roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
  };
  const access: AccessContext = {
    purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
    justification: "Section 47 enquiry after a referral from school", caseReference: null, breakGlass: false,
  };
  const quiet = childFile([loaded("POLICE", "p1", { activeInvestigation: false })]);
  const subject = (labels: DisclosureSubject["records"][number]["labels"], fieldLabels: DisclosureSubject["records"][number]["labels"] = []): DisclosureSubject => ({
    relationships: [], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false,
    records: [{ path: "health[h1]", recordType: "HEALTH", providerAgencyType: "HEALTH", providerAgencyCode: "H", labels, attributes: {}, fields: [{ path: "health[h1].conditions", recordType: "HEALTH", field: "conditions", labels: fieldLabels }] }],
  });

  test("law-enforcement processing, or a police caller, always", () => {
    expect(prejudicesInvestigation(null, subject([]), socialWorker, { ...access, lawfulBasis: "LAW_ENFORCEMENT" })).toBe(true);
    expect(prejudicesInvestigation(null, subject([]), { ...socialWorker, agencyType: "POLICE" }, access)).toBe(true);
  });

  test("no child's file, or nothing that must not reach the family: no", () => {
    expect(prejudicesInvestigation(null, subject(["WITHHOLD_FROM_FAMILY"]), socialWorker, access)).toBe(false);
    expect(prejudicesInvestigation(quiet, subject(["THIRD_PARTY"], ["SPECIAL_CATEGORY"]), socialWorker, access)).toBe(false);
  });

  test("an active police investigation in the file", () => {
    expect(prejudicesInvestigation(childFile([loaded("POLICE", "p1", { activeInvestigation: true })]), subject([]), socialWorker, access)).toBe(true);
    expect(prejudicesInvestigation(childFile([loaded("POLICE", "p1", { activeInvestigation: "true" })]), subject([]), socialWorker, access)).toBe(false);
  });

  test("one active investigation among the police records is enough", () => {
    const file = childFile([loaded("POLICE", "p1", { activeInvestigation: false }), loaded("POLICE", "p2", { activeInvestigation: true })]);
    expect(prejudicesInvestigation(file, subject([]), socialWorker, access)).toBe(true);
  });

  test("one record, or one field of a record, the family must not see is enough", () => {
    const two = subject([], []);
    const labelled = { ...two.records[0], path: "health[h2]", labels: ["WITHHOLD_FROM_FAMILY" as const] };
    expect(prejudicesInvestigation(quiet, { ...two, records: [two.records[0], labelled] }, socialWorker, access)).toBe(true);
    const oneField = subject([], []);
    const record = oneField.records[0];
    const fields = [...record.fields, { path: "health[h1].gpPracticeName", recordType: "HEALTH" as const, field: "gpPracticeName", labels: ["WITHHOLD_FROM_FAMILY" as const] }];
    expect(prejudicesInvestigation(quiet, { ...oneField, records: [{ ...record, fields }] }, socialWorker, access)).toBe(true);
  });

  test("a record or a field the family must not see", () => {
    expect(prejudicesInvestigation(quiet, subject(["WITHHOLD_FROM_FAMILY"]), socialWorker, access)).toBe(true);
    expect(prejudicesInvestigation(quiet, subject([], ["WITHHOLD_FROM_FAMILY"]), socialWorker, access)).toBe(true);
  });
});
