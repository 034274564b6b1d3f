import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { buildSubjectAccessReview, releaseCopy, type ReportParts } from "../buildSubjectAccessReport";
import { type ItemDecision } from "../decideSubjectAccess";
import { type FactSource, type HeldRights } from "../factsHeld";
import { type SubjectAccessCase } from "../subjectAccessCase";
import { ItemOutcome } from "../SubjectAccessDecision";

const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
const at = new Date("2026-11-02T10:00:00Z");

/** The person's statements and a restriction on the school record: on the record, on a released fact, and on one never released. */
const SCHOOL_RIGHTS: HeldRights = {
  statements: [
    { field: null, statement: "The family says the school record is about another pupil.", attachedAt: at },
    { field: "rollStatus", statement: "The family says the child left the roll in May.", attachedAt: at },
    { field: "senStatus", statement: "The family disputes the SEN assessment.", attachedAt: at },
  ],
  restrictions: [
    { field: "rollStatus", kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", since: at },
    { field: "senStatus", kind: "OBJECTION", ground: "OBJECTION_PENDING", since: at },
  ],
};

const source = (id: string, key: string, agencyName: string): FactSource => ({
  recordId: id, recordItem: `${key}[${id}]`, recordType: key === "police" ? "POLICE" : "EDUCATION", agencyCode: agencyName.toUpperCase(), agencyName, agencyType: key === "police" ? "POLICE" : "EDUCATION", recordedAt: null, receivedAt: at,
});
const decision = (outcome: ItemOutcome): ItemDecision => ({ outcome, exemptions: [], awaiting: [], decidable: [], review: null });
const disclosure = (id: string, paths: [string, string, string[]][]) => ({
  item: `disclosures[${id}]`, auditEntryId: id, occurredAt: at, operation: "CHILD_RECORD" as const,
  recipient: { agencyCode: "LA-1", agencyName: "A council", agencyType: "CHILDRENS_SOCIAL_CARE" as const, roles: ["SOCIAL_WORKER" as const] },
  purpose: "SECTION_47_ENQUIRY" as const, lawfulBasis: "PUBLIC_TASK" as const, justification: "Names the neighbour who called", breakGlass: false, otherChildren: 1,
  disclosed: paths.map(([path, category, listedWith]) => ({ path, category, items: listedWith, listedWith, attributed: true })),
  carried: paths.flatMap(([, , listedWith]) => listedWith),
});
const lawEnforcement = policy.subjectAccessExemptions.find((exemption) => exemption.id === "sar-law-enforcement");
if (lawEnforcement === undefined) throw new Error("policies/ has no sar-law-enforcement");

/** A school record released; a police record included as a whole but whose one field waits for review; a name each reported. */
const parts: ReportParts = {
  request: { reference: "SAR-UNIT-1", sui: "9990000018" } as SubjectAccessCase,
  producedAt: at,
  facts: {
    records: [
      { item: "education[s]", source: source("s", "education", "School"), updatedAt: at, fields: [{ item: "education[s].rollStatus", field: "rollStatus" }, { item: "education[s].senStatus", field: "senStatus" }], rights: SCHOOL_RIGHTS },
      { item: "police[p]", source: source("p", "police", "Police"), updatedAt: at, fields: [{ item: "police[p].incidentType", field: "incidentType" }], rights: { statements: [], restrictions: [] } },
    ],
    identity: [
      { item: "demographics.names[school-name]", kind: "NAME", sources: [source("s", "education", "School"), source("p", "police", "Police")] },
      { item: "demographics.names[police-name]", kind: "NAME", sources: [source("p", "police", "Police")] },
    ],
    contents: new Map<string, unknown>([
      ["education[s]", "UPN-1"], ["education[s].rollStatus", "ON_ROLL"], ["education[s].senStatus", "EHC_PLAN"], ["police[p]", "TVP-1"], ["police[p].incidentType", "DOMESTIC_ABUSE"],
      ["demographics.names[school-name]", { givenNames: "Ada" }], ["demographics.names[police-name]", { givenNames: "Addy" }],
    ]),
    underReview: { records: [], identity: [] },
  },
  disclosures: [
    disclosure("d1", [["education[s].rollStatus", "education.rollStatus", ["education[s].rollStatus"]], ["police[p].incidentType", "police.incidentType", ["police[p].incidentType"]]]),
    disclosure("d2", [["police[p].incidentType", "police.incidentType", ["police[p].incidentType"]]]),
  ],
  decisions: new Map([
    ["education[s]", decision(ItemOutcome.INCLUDED)], ["education[s].rollStatus", decision(ItemOutcome.INCLUDED)], ["education[s].senStatus", decision(ItemOutcome.WITHHELD)],
    ["police[p]", decision(ItemOutcome.INCLUDED)], ["police[p].incidentType", { ...decision(ItemOutcome.REVIEW_REQUIRED), exemptions: [{ exemption: lawEnforcement, decision: ItemOutcome.REVIEW_REQUIRED }] }],
    ["demographics.names[school-name]", decision(ItemOutcome.INCLUDED)], ["demographics.names[police-name]", decision(ItemOutcome.INCLUDED)],
    ["disclosures[d1]", decision(ItemOutcome.INCLUDED)], ["disclosures[d2]", decision(ItemOutcome.INCLUDED)],
  ]),
};

describe("the review and the release copy", () => {
  const review = buildSubjectAccessReview(policy, parts);
  const copy = releaseCopy(policy, review);

  test("an INCLUDED item is left out where it would point to something withheld", () => {
    expect(review.records.map((record) => [record.item, record.decision.outcome, record.decision.released])).toEqual([["education[s]", "INCLUDED", true], ["police[p]", "INCLUDED", false]]);
    expect(review.identity.map((fact) => [fact.item, fact.decision.released])).toEqual([["demographics.names[school-name]", true], ["demographics.names[police-name]", false]]);
    expect(review.identity[0]?.sources.map((fact) => fact.released)).toEqual([true, false]);
    expect(review.disclosures.map((entry) => [entry.item, entry.releasedCategories, entry.decision.released])).toEqual([["disclosures[d1]", ["education.rollStatus"], true], ["disclosures[d2]", [], false]]);
    expect(review.counts).toEqual({ included: 7, withheld: 1, reviewRequired: 1 });
  });

  test("a WITHHELD item is built without its value, for the IG lead too; the others carry theirs", () => {
    const fields = review.records.flatMap((record) => record.fields);
    expect(fields.map((field) => [field.field, field.value])).toEqual([["rollStatus", "ON_ROLL"], ["senStatus", null], ["incidentType", "DOMESTIC_ABUSE"]]);
    expect(JSON.stringify(review)).not.toContain("EHC_PLAN");
    expect(review.records.map((record) => record.agencyReference)).toEqual(["UPN-1", "TVP-1"]);
  });

  test("an entry released in part names, for the IG lead, each part left out and the exemption behind it", () => {
    const [partly] = review.disclosures;
    expect(partly?.decision.outcome).toBe("INCLUDED");
    expect(partly?.withheldParts).toEqual([
      { item: "police[p].incidentType", outcome: "REVIEW_REQUIRED", exemptions: [{ id: "sar-law-enforcement", title: lawEnforcement.title, citation: lawEnforcement.citation, decision: "REVIEW_REQUIRED" }] },
    ]);
    expect(JSON.stringify(copy)).not.toContain("withheldParts");
  });

  test("the release holds the released items only, without ids, decisions, counts or the practitioner's words", () => {
    expect(copy).toEqual({
      reference: "SAR-UNIT-1", sui: "9990000018", producedAt: at,
      identity: [{ kind: "NAME", value: { givenNames: "Ada" }, sources: [{ agencyName: "School", agencyType: "EDUCATION", recordedAt: null, receivedAt: at }] }],
      records: [{
        recordType: "EDUCATION", source: { agencyName: "School", agencyType: "EDUCATION", recordedAt: null, receivedAt: at }, agencyReference: "UPN-1", fields: [{ field: "rollStatus", value: "ON_ROLL" }],
        // A statement or restriction on a fact the release leaves out would point to it: only the record's own and the released fact's go.
        rights: { statements: SCHOOL_RIGHTS.statements.filter((entry) => entry.field !== "senStatus"), restrictions: SCHOOL_RIGHTS.restrictions.filter((entry) => entry.field !== "senStatus") },
      }],
      recipients: [{ occurredAt: at, agencyCode: "LA-1", agencyName: "A council", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", categories: ["education.rollStatus"] }],
      purposes: [{ purpose: null, statement: policy.subjectAccess.purposes.general }, { purpose: "SECTION_47_ENQUIRY", statement: policy.subjectAccess.purposes.byPurpose.get("SECTION_47_ENQUIRY") }],
      retention: policy.subjectAccess.retention,
      rights: policy.subjectAccess.rights,
    });
  });
});
