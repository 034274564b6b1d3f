import { type DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { disclosuresMade } from "../disclosuresMade";
import { type FactSource, type FactsHeld } from "../factsHeld";

const SCHOOL = "11111111-1111-4111-8111-111111111111";
const INVESTIGATION = "22222222-2222-4222-8222-222222222222";
const CLINIC = "33333333-3333-4333-8333-333333333333";
const ADDRESS = "44444444-4444-4444-8444-444444444444";
/** A police record of the child's: another agency's than the school answering. */
const OTHER_AGENCYS = "77777777-7777-4777-8777-777777777777";

const source = (recordId: string, recordItem: string): FactSource => ({
  recordId, recordItem, recordType: "EDUCATION", agencyCode: "SCH-1", agencyName: "A school", agencyType: "EDUCATION", recordedAt: null, receivedAt: new Date("2026-10-01T00:00:00Z"),
});
const record = (id: string, key: string, fields: string[]) => ({
  item: `${key}[${id}]`, source: source(id, `${key}[${id}]`), updatedAt: new Date("2026-10-01T00:00:00Z"),
  fields: fields.map((field) => ({ item: `${key}[${id}].${field}`, field })),
  rights: { statements: [], restrictions: [] },
});

/** A school record, a police record under investigation and a brokered clinic record; the child's name reported by all three, and a home address by the school. */
const FACTS: FactsHeld = {
  records: [record(SCHOOL, "education", ["rollStatus"]), record(INVESTIGATION, "police", ["incidentType"]), record(CLINIC, "health", ["gpPracticeName"])],
  identity: [
    { item: "demographics.names[n1]", kind: "NAME", sources: [source(SCHOOL, ""), source(INVESTIGATION, ""), source(CLINIC, "")] },
    { item: `demographics.addresses[${ADDRESS}]`, kind: "ADDRESS", sources: [source(SCHOOL, "")] },
  ],
  contents: new Map(),
  underReview: { records: [], identity: [] },
};
/** The same, with another agency's police record besides; the school answers for FACTS. */
const EVERY_AGENCY: FactsHeld = { ...FACTS, records: [...FACTS.records, record(OTHER_AGENCYS, "police", ["intelligence"])] };
const SCHOOL_ANSWERS = { agency: "SCH-1", facts: FACTS };

const entry = (fieldsDisclosed: string[], details: Record<string, unknown>): DisclosureAuditEntry =>
  ({
    id: "55555555-5555-4555-8555-555555555555", occurredAt: new Date("2026-10-02T09:00:00Z"), operation: "CHILD_RECORD", principalAgency: "SCH-1", principalAgencyType: "EDUCATION",
    principalRoles: ["SCHOOL_DSL"], purpose: "STRATEGY_DISCUSSION", lawfulBasis: "PUBLIC_TASK", justification: "Worried about her", breakGlass: false, fieldsDisclosed, details,
  }) as DisclosureAuditEntry;

const SUBJECT = "9990000018";
const made = (fieldsDisclosed: string[], details: Record<string, unknown>) => disclosuresMade([entry(fieldsDisclosed, details)], new Map([["SCH-1", "A school"]]), FACTS, { agency: "SCH-1", facts: FACTS }, SUBJECT);

describe("what a disclosure carried, from its own audit entry", () => {
  test("a record's content where a path names it; a record that only reported the name went out carries only the name", () => {
    const { underReview: [decided], disclosures: [listed] } = made(
      ["demographics.givenNames", `education[${SCHOOL}].rollStatus`, `education[${SCHOOL}].agencyReference`, `demographics.addresses[${ADDRESS}]`],
      { recordIds: [SCHOOL, INVESTIGATION] },
    );
    expect(decided).toMatchObject({ unattributed: false, recipientAgency: "SCH-1" });
    expect([...(decided?.carried ?? [])].sort()).toEqual(["demographics.addresses[" + ADDRESS + "]", "demographics.names[n1]", `education[${SCHOOL}]`, `education[${SCHOOL}].rollStatus`].sort());
    expect(listed?.disclosed.map((path) => path.category)).toEqual(["demographics.givenNames", "education.rollStatus", "education.agencyReference", "demographics.addresses"]);
    expect(listed?.recipient).toEqual({ agencyCode: "SCH-1", agencyName: "A school", agencyType: "EDUCATION", roles: ["SCHOOL_DSL"] });
  });

  test("a name named by its id carries that name, and its category never names the id", () => {
    const { underReview: [decided], disclosures: [listed] } = made(["demographics.names[n1]", "demographics.names[n9]"], { recordIds: [SCHOOL] });
    expect(decided?.carried).toEqual(["demographics.names[n1]"]);
    // A name the report does not hold (reported only by records no longer linked) cannot be attributed.
    expect(decided?.unattributed).toBe(true);
    expect(listed?.disclosed.map((path) => path.category)).toEqual(["demographics.names", "demographics.names"]);
  });

  test("another agency's record decides the entry, and gives its listing nothing: no path, no id, no category", () => {
    const { underReview: [decided], disclosures: [listed] } = disclosuresMade(
      [entry([`education[${SCHOOL}].rollStatus`, `police[${OTHER_AGENCYS}].intelligence`], { recordIds: [SCHOOL, OTHER_AGENCYS] })], new Map(), EVERY_AGENCY, SCHOOL_ANSWERS, SUBJECT,
    );
    expect(decided).toMatchObject({ unattributed: false });
    expect(decided?.carried).toContain(`police[${OTHER_AGENCYS}].intelligence`);
    expect(JSON.stringify(listed)).not.toContain(OTHER_AGENCYS);
    expect(listed?.disclosed.map((path) => path.category)).toEqual(["education.rollStatus"]);
  });

  test("another agency's entry is listed only where it carried the controller's facts, and without its practitioner's words", () => {
    const police = (fieldsDisclosed: string[]) => ({ ...entry(fieldsDisclosed, { recordIds: [SCHOOL, OTHER_AGENCYS] }), principalAgency: "POLICE-1", principalAgencyType: "POLICE" }) as DisclosureAuditEntry;
    const { disclosures } = disclosuresMade([police([`police[${OTHER_AGENCYS}].intelligence`]), police([`education[${SCHOOL}].rollStatus`, "education[0].rollStatus"])], new Map(), EVERY_AGENCY, SCHOOL_ANSWERS, SUBJECT);
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]).toMatchObject({ justification: null, recipient: { agencyCode: "POLICE-1" } });
    // What the hub cannot attribute on another agency's entry may be anyone's: not listed.
    expect(disclosures[0]?.disclosed.map((path) => path.path)).toEqual([`education[${SCHOOL}].rollStatus`]);
  });

  test("a brokered record's signal carries the record", () => {
    const { underReview: [decided] } = made([`education[${SCHOOL}].rollStatus`], { recordIds: [SCHOOL, CLINIC], brokered: [`health[${CLINIC}]`] });
    expect(decided?.carried).toContain(`health[${CLINIC}]`);
  });

  test("an entry that cannot be attributed says so", () => {
    const unattributed = (fields: string[], details: Record<string, unknown>) => made(fields, details).underReview[0]?.unattributed;
    // Paths by position, from before records were named by identity.
    expect(unattributed(["education[0].rollStatus"], { recordIds: [SCHOOL] })).toBe(true);
    // No record ids: which records' names went out cannot be told.
    expect(unattributed(["demographics.givenNames"], {})).toBe(true);
    // A record no longer linked to this child.
    expect(unattributed([`education[${SCHOOL}].rollStatus`], { recordIds: [SCHOOL, "66666666-6666-4666-8666-666666666666"] })).toBe(true);
    // Record paths by id say what went out even without the ids alongside.
    expect(unattributed([`education[${SCHOOL}].rollStatus`], {})).toBe(false);
  });

  test("a search's entry carried, of the subject, only what their own candidate showed; another candidate's paths are neither listed nor counted", () => {
    const { disclosures: [listed], underReview: [decided] } = made(
      ["candidates[0].sui", "candidates[0].demographics.sex", "candidates[0].agencyTypes", "candidates[1].sui", "candidates[1].demographics.givenNames", "candidates[2].demographics.givenNames"],
      { candidates: [{ childId: "c-1", sui: "9990000026" }, { childId: "c-2", sui: SUBJECT }, { childId: "c-3", sui: null }] },
    );
    expect(listed?.disclosed.map(({ path, category }) => ({ path, category }))).toEqual([
      { path: "candidates[1].sui", category: "sui" },
      { path: "candidates[1].demographics.givenNames", category: "demographics.givenNames" },
    ]);
    // A search names no records: what of the subject's facts it carried is for the IG lead to review.
    expect(decided?.unattributed).toBe(true);
  });
});
