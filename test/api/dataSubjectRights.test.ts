import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, access } from "../support/claims";
import { IG_REVIEW, SUBJECT_ACCESS } from "../support/governanceAccess";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

/**
 * Fixtures of this file's own: a child with a social care, a school and a police record, shared by the
 * tests that change nothing of it; a family of its own for each test that attaches, restricts or erases
 * (`aFamily`), so none reads what another wrote; a second child for the objection.
 */
const SUI = "9991300007";
const OBJECTING_SUI = "9991300015";
const familySuis = syntheticNhsNumbers(130_010);
const child = (sui: string, givenNames: string) => ({
  sui, givenNames, familyName: "Rightsworth", dateOfBirth: "2014-06-12", sex: "MALE",
  address: { kind: "HOME", line1: "3 Amendment Row", town: "Sampleton", postcode: "HP20 1UA", localAuthority: "E06000060" },
});
const socialCare = (sui: string, reference: string, givenNames: string) => ({
  agencyCode: "LA-E06000060", agencyReference: reference, child: child(sui, givenNames),
  socialCare: {
    status: "CHILD_PROTECTION_PLAN", planCategory: "EMOTIONAL_ABUSE", startDate: "2026-02-01", endDate: "2026-11-30", allocatedWorkerName: "Robin Caseworker",
    allocatedWorkerContact: "0300 000 0042", allocatedTeam: "Rights Test Team East", responsibleLocalAuthority: "E06000060",
  },
});
const school = (sui: string, reference: string) => ({
  agencyCode: "SCH-199001", agencyReference: reference, child: child(sui, "Ezra"),
  education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", attendancePercent: 88, dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
});
const police = (sui: string, reference: string) => ({
  agencyCode: "POLICE-43", agencyReference: reference, child: child(sui, "Ezra"),
  police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-03-02", reportedOn: "2026-03-02", intelligence: "Rights test intelligence line", activeInvestigation: false },
});

const person = (sub: string, agency: string, agencyType: string): TestClaims => ({ sub, name: `Test ${sub}`, agency, agency_type: agencyType, roles: ["IG_LEAD"], la: "E06000060" });
const POLICE_IG = person("ig-police", "POLICE-43", "POLICE");
const GP_IG = person("ig-gp", "GP-K99001", "HEALTH");
const SYSTEM = (agency: string, agencyType: string): TestClaims => ({ sub: `system-${agency}`, name: "Agency system", agency, agency_type: agencyType, roles: ["AGENCY_SYSTEM"], la: "E06000060" });

const RIGHTS_CHILD = /* GraphQL */ `
  query ($sui: ID!, $access: AccessContext!) {
    child(sui: $sui, access: $access) {
      disclosureId
      socialCare { recordId status planCategory endDate allocatedTeam }
      education { recordId rollStatus }
      redactions { path rule reason }
      supplementaryStatements { path statement agencyCode attachedAt }
      restrictions { path kind ground since }
    }
  }
`;
const ATTACH = "mutation ($recordId: ID!, $field: String, $statement: String!, $access: AccessContext!) { attachSupplementaryStatement(recordId: $recordId, field: $field, statement: $statement, access: $access) { id path attachedAt recipientsToTell } }";
const RESTRICT = "mutation ($recordId: ID!, $field: String, $kind: RestrictionKind!, $ground: RestrictionGround!, $reason: String!, $access: AccessContext!) { restrictProcessing(recordId: $recordId, field: $field, kind: $kind, ground: $ground, reason: $reason, access: $access) { id path kind ground status allowedPurposes recipientsToTell } }";
const DECIDE = "mutation ($id: ID!, $decision: RestrictionDecision!, $reason: String!, $access: AccessContext!) { decideRestriction(id: $id, decision: $decision, reason: $reason, access: $access) { id status kind } }";
const ERASE = "mutation ($recordId: ID!, $field: String!, $grounds: [String!]!, $exemptions: [String!]!, $reason: String!, $access: AccessContext!) { decideErasure(recordId: $recordId, field: $field, groundsMet: $grounds, exemptionsApplying: $exemptions, reason: $reason, access: $access) { id path regime outcome recipientsToTell } }";
const VERIFY = "{ verifyAuditChain { intact } }";
const OPEN_SAR = "mutation ($request: SubjectAccessRequestInput!, $access: AccessContext!) { openSubjectAccessRequest(request: $request, access: $access) { id } }";
const SAR_REVIEW = "query ($id: ID!, $access: AccessContext!) { subjectAccessReview(id: $id, access: $access) { records { item rights { statements { field statement } restrictions { field kind ground } } } } }";

const STATEMENT = "Ezra's mother states the plan was ended by the conference of 3 March 2026.";
const REASON = "The family disputes the status; checking it with the conference chair.";

let hub: TestHub;
const ids: Record<string, string> = {};

async function as(caller: TestClaims, query: string, variables: Record<string, unknown> = {}) {
  return (await hub.graphql(query, variables, await hub.token(caller))).body;
}

async function entries(operation: string): Promise<{ outcome: string; refusal_problem: string | null; details: Record<string, unknown>; child_suis: string[] }[]> {
  return hub.hub.database.dataSource.query(`SELECT outcome, refusal_problem, details, child_suis FROM disclosure_audit WHERE operation = $1 ORDER BY occurred_at, sequence`, [operation]);
}

const schoolRead = (sui = SUI) => as(CALLERS.schoolDsl, RIGHTS_CHILD, { sui, access: access("STRATEGY_DISCUSSION") });
const socialWorkerRead = (sui = SUI) => as(CALLERS.socialWorker, RIGHTS_CHILD, { sui, access: access("SECTION_47_ENQUIRY") });
const submit = async (caller: TestClaims, record: unknown) => (await as(caller, SUBMIT, { record })).data.submitRecord.recordId as string;

/** The child's three records, and the school's read of the protection status before any right is exercised: an Art 19 recipient. */
async function aFamily(sui: string) {
  const records = {
    socialCare: await submit(SYSTEM("LA-E06000060", "CHILDRENS_SOCIAL_CARE"), socialCare(sui, `CSC-RIGHTS-${sui}`, "Ezra")),
    school: await submit(SYSTEM("SCH-199001", "EDUCATION"), school(sui, `UPN-RIGHTS-${sui}`)),
    police: await submit(SYSTEM("POLICE-43", "POLICE"), police(sui, `TVP-RIGHTS-${sui}`)),
  };
  expect((await schoolRead(sui)).data.child.socialCare[0].status).toBe("CHILD_PROTECTION_PLAN");
  return { sui, ...records };
}
type Family = Awaited<ReturnType<typeof aFamily>>;
const freshFamily = () => aFamily(familySuis.next().value as string);
const attachStatement = async (family: Family) => expect((await as(CALLERS.igLead, ATTACH, { recordId: family.socialCare, field: "status", statement: STATEMENT, access: IG_REVIEW })).errors).toBeUndefined();
const restrictPlanCategory = (recordId: string) => as(CALLERS.igLead, RESTRICT, { recordId, field: "planCategory", kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS", reason: REASON, access: IG_REVIEW });
const entriesAbout = async (operation: string, sui: string) => (await entries(operation)).filter((entry) => entry.child_suis.includes(sui));

beforeAll(async () => {
  hub = await startTestHub();
  Object.assign(ids, await aFamily(SUI));
  ids.objecting = await submit(SYSTEM("LA-E06000060", "CHILDRENS_SOCIAL_CARE"), socialCare(OBJECTING_SUI, "CSC-RIGHTS-2", "Noor"));
}, 180_000);
afterAll(async () => {
  await hub.stop();
});

const status = (recordId: string) => `socialCare[${recordId}].status`;

describe("rectification by supplementary statement (UK GDPR Art 16)", () => {
  it("attaches the statement without editing the fact, and names the agencies to tell (Art 19) on the trail", async () => {
    const family = await freshFamily();
    const body = await as(CALLERS.igLead, ATTACH, { recordId: family.socialCare, field: "status", statement: STATEMENT, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    expect(body.data.attachSupplementaryStatement).toMatchObject({ path: status(family.socialCare), recipientsToTell: ["SCH-199001"] });
    const [entry] = await entriesAbout("SUPPLEMENTARY_STATEMENT_ATTACHED", family.sui);
    expect(entry).toMatchObject({ outcome: "RECORDED", child_suis: [family.sui], details: { path: status(family.socialCare), onBehalfOf: "LA-E06000060", recipientsToTell: ["SCH-199001"] } });
    // The statement's words are the person's: never on the trail.
    expect(JSON.stringify(entry.details)).not.toContain("conference of 3 March");
  });

  it("goes with every later disclosure of the fact, through the same pipeline", async () => {
    const family = await freshFamily();
    await attachStatement(family);
    for (const read of [schoolRead, socialWorkerRead]) {
      const { data } = await read(family.sui);
      expect(data.child.socialCare[0].status).toBe("CHILD_PROTECTION_PLAN");
      expect(data.child.supplementaryStatements).toEqual([expect.objectContaining({ path: status(family.socialCare), statement: STATEMENT, agencyCode: "LA-E06000060" })]);
    }
  });

  it("is disclosed only where the fact is: not to a caller the fact is withheld from", async () => {
    const family = await freshFamily();
    const statement = "The family says the plan ended months before the date recorded here.";
    expect((await as(CALLERS.igLead, ATTACH, { recordId: family.socialCare, field: "endDate", statement, access: IG_REVIEW })).errors).toBeUndefined();
    // A school's DSL is given the protection status, not when the plan ends (policies/disclosure-rules.yaml).
    const school = (await schoolRead(family.sui)).data.child;
    expect(school.socialCare[0].endDate).toBeNull();
    expect(school.supplementaryStatements.map((s: { statement: string }) => s.statement)).not.toContain(statement);
    const socialWorker = (await socialWorkerRead(family.sui)).data.child;
    expect(socialWorker.socialCare[0].endDate).toBe("2026-11-30");
    expect(socialWorker.supplementaryStatements.map((s: { statement: string }) => s.statement)).toContain(statement);
  });

  it("refuses an evidential record: it is kept as recorded and restricted instead (audited)", async () => {
    const body = await as(POLICE_IG, ATTACH, { recordId: ids.police, field: "incidentType", statement: STATEMENT, access: IG_REVIEW });
    expect(body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "EVIDENTIAL_RECORD" });
    expect((await entries("SUPPLEMENTARY_STATEMENT_ATTACHED")).some((e) => e.outcome === "REFUSED" && e.refusal_problem === "EVIDENTIAL_RECORD")).toBe(true);
  });

  it("answers another agency's record as it answers no record at all, and refuses anyone but an IG lead", async () => {
    const other = await as(GP_IG, ATTACH, { recordId: ids.socialCare, field: "status", statement: STATEMENT, access: IG_REVIEW });
    const none = await as(GP_IG, ATTACH, { recordId: "00000000-0000-4000-8000-000000000000", field: "status", statement: STATEMENT, access: IG_REVIEW });
    expect(other.errors[0].extensions).toMatchObject({ code: "NOT_FOUND", problem: "RECORD_NOT_HELD" });
    expect(none.errors[0].extensions).toEqual(other.errors[0].extensions);
    expect(other.errors[0].message).toBe(none.errors[0].message);
    const worker = await as(CALLERS.socialWorker, ATTACH, { recordId: ids.socialCare, field: "status", statement: STATEMENT, access: IG_REVIEW });
    expect(worker.errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("validates its input with stable codes", async () => {
    const attach = (variables: Record<string, unknown>) => as(CALLERS.igLead, ATTACH, { recordId: ids.socialCare, field: "status", statement: STATEMENT, access: IG_REVIEW, ...variables });
    expect((await attach({ field: "shoeSize" })).errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "UNKNOWN_FIELD" });
    expect((await attach({ statement: "short" })).errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "STATEMENT_TOO_SHORT" });
    expect((await attach({ recordId: "not-an-id" })).errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path: "recordId" });
    expect((await attach({ access: { ...IG_REVIEW, purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK" } })).errors[0].extensions.code).toBe("ACCESS_CONTEXT_INVALID");
  });
});

describe("Art 19 and a recipient the trail keeps to itself", () => {
  // A child of its own: the school holds her plainly, the GP practice under a seal, and the practice's clinician read her file.
  const sealedSui = syntheticNhsNumbers(130_600).next().value as string;
  const SCHOOL_IG = person("ig-school-art19", "SCH-199001", "EDUCATION");
  const TRAIL = /* GraphQL */ `query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, first: 100, access: $access) { nodes { operation principal { sub agency } details } } }`;
  const trailOf = async (caller: TestClaims) => {
    const body = await as(caller, TRAIL, { filter: { childSui: sealedSui }, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    return body.data.disclosures.nodes as { operation: string; principal: { sub: string; agency: string }; details: Record<string, unknown> }[];
  };

  it("names the sealed holder to no other agency's IG lead, and the hub tells the holder on its own trail", async () => {
    const schoolRecord = await submit(SYSTEM("SCH-199001", "EDUCATION"), school(sealedSui, `UPN-RIGHTS-SEALED-${sealedSui}`));
    await submit(SYSTEM("GP-K99001", "HEALTH"), { agencyCode: "GP-K99001", agencyReference: `GP-RIGHTS-SEALED-${sealedSui}`, child: child(sealedSui, "Ezra"), labels: ["SEALED"], health: { gpPracticeCode: "K99001", registeredOn: "2020-01-01" } });
    const read = await as(CALLERS.gp, RIGHTS_CHILD, { sui: sealedSui, access: access("CHILD_PROTECTION_CONFERENCE") });
    expect(read.errors).toBeUndefined();
    expect(read.data.child.education).toHaveLength(1);
    expect((await trailOf(SCHOOL_IG)).map((node) => node.principal.agency)).not.toContain("GP-K99001");

    const attached = await as(SCHOOL_IG, ATTACH, { recordId: schoolRecord, field: null, statement: STATEMENT, access: IG_REVIEW });
    expect(attached.errors).toBeUndefined();
    // Not named to the school's IG lead: not in the answer, not on their own entry, not anywhere on their trail.
    expect(attached.data.attachSupplementaryStatement.recipientsToTell).toEqual([]);
    const schoolTrail = await trailOf(SCHOOL_IG);
    expect(JSON.stringify(schoolTrail)).not.toContain("GP-K99001");
    expect(schoolTrail.find((node) => node.operation === "SUPPLEMENTARY_STATEMENT_ATTACHED")?.details).toMatchObject({ recipientsToTell: [] });

    // Told all the same: the hub's entry on the practice's behalf, on its IG lead's trail, naming the statement, never the school's account.
    const notices = (await trailOf(GP_IG)).filter((node) => node.operation === "SUPPLEMENTARY_STATEMENT_ATTACHED" && node.principal.agency === "GP-K99001");
    expect(notices).toEqual([expect.objectContaining({ principal: { sub: "hub:art19", agency: "GP-K99001" }, details: expect.objectContaining({ art19Notice: true, recordId: schoolRecord, path: `education[${schoolRecord}]`, onBehalfOf: "SCH-199001" }) })]);
    expect(JSON.stringify(notices)).not.toContain(SCHOOL_IG.sub);
    expect((await as(CALLERS.igLead, VERIFY)).data.verifyAuditChain.intact).toBe(true);
  });
});

describe("restriction of processing (Art 18) and objection (Art 21)", () => {
  it("restricts a fact: withheld for a purpose the ground does not allow, with the restriction as the reason", async () => {
    const family = await freshFamily();
    const body = await restrictPlanCategory(family.socialCare);
    expect(body.errors).toBeUndefined();
    expect(body.data.restrictProcessing).toMatchObject({ status: "IN_FORCE", allowedPurposes: ["EMERGENCY_PROTECTION"] });
    const { data } = await socialWorkerRead(family.sui);
    expect(data.child.socialCare[0].planCategory).toBeNull();
    expect(data.child.socialCare[0].status).toBe("CHILD_PROTECTION_PLAN");
    expect(data.child.redactions).toContainEqual(expect.objectContaining({ path: `socialCare[${family.socialCare}].planCategory`, rule: "data-subject-rights" }));
  });

  it("discloses it under break-glass in a safeguarding emergency, and the recipient sees that it is restricted", async () => {
    const family = await freshFamily();
    expect((await restrictPlanCategory(family.socialCare)).errors).toBeUndefined();
    const emergency = access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child brought in at 03:00 with injuries; protection plan details needed now, no duty worker reachable." });
    const { data, errors } = await as(CALLERS.socialWorker, RIGHTS_CHILD, { sui: family.sui, access: emergency });
    expect(errors).toBeUndefined();
    expect(data.child.socialCare[0].planCategory).toBe("EMOTIONAL_ABUSE");
    expect(data.child.restrictions).toEqual([expect.objectContaining({ path: `socialCare[${family.socialCare}].planCategory`, kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS" })]);
  });

  it("keeps one restriction in force per fact", async () => {
    const family = await freshFamily();
    expect((await restrictPlanCategory(family.socialCare)).errors).toBeUndefined();
    const again = await as(CALLERS.igLead, RESTRICT, { recordId: family.socialCare, field: "planCategory", kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", reason: REASON, access: IG_REVIEW });
    expect(again.errors[0].extensions).toMatchObject({ code: "CONFLICT", problem: "ALREADY_RESTRICTED" });
  });

  it("records an objection, restricting while it is decided, then decides it like a restriction", async () => {
    const mismatch = await as(CALLERS.igLead, RESTRICT, { recordId: ids.objecting, field: null, kind: "OBJECTION", ground: "ACCURACY_CONTESTED", reason: REASON, access: IG_REVIEW });
    expect(mismatch.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "GROUND_DOES_NOT_FIT_KIND" });
    const objection = await as(CALLERS.igLead, RESTRICT, { recordId: ids.objecting, field: null, kind: "OBJECTION", ground: "OBJECTION_PENDING", reason: REASON, access: IG_REVIEW });
    expect(objection.errors).toBeUndefined();
    const id = objection.data.restrictProcessing.id;
    // SECTION_47_ENQUIRY is among the purposes an objection pending still allows: shown, and marked.
    const during = (await socialWorkerRead(OBJECTING_SUI)).data.child;
    expect(during.socialCare[0].status).toBe("CHILD_PROTECTION_PLAN");
    expect(during.restrictions).toEqual([expect.objectContaining({ path: `socialCare[${ids.objecting}]`, kind: "OBJECTION", ground: "OBJECTION_PENDING" })]);

    expect((await as(CALLERS.igLead, DECIDE, { id, decision: "KEEP", reason: REASON, access: IG_REVIEW })).data.decideRestriction).toMatchObject({ status: "IN_FORCE", kind: "OBJECTION" });
    expect((await as(CALLERS.igLead, DECIDE, { id, decision: "LIFT", reason: "Compelling safeguarding grounds override the objection (Art 21(1)).", access: IG_REVIEW })).data.decideRestriction.status).toBe("LIFTED");
    expect((await socialWorkerRead(OBJECTING_SUI)).data.child.restrictions).toEqual([]);
    const again = await as(CALLERS.igLead, DECIDE, { id, decision: "LIFT", reason: REASON, access: IG_REVIEW });
    expect(again.errors[0].extensions).toMatchObject({ code: "CONFLICT", problem: "RESTRICTION_NOT_IN_FORCE" });
    const decided = (await entriesAbout("RESTRICTION_DECIDED", OBJECTING_SUI)).filter((e) => e.outcome === "RECORDED").map((e) => e.details.decision);
    expect(decided).toEqual(["KEEP", "LIFT"]);
    // Another agency's IG lead finds no restriction of the council's record to decide.
    const restriction = await restrictPlanCategory(ids.objecting);
    expect(restriction.errors).toBeUndefined();
    expect((await as(GP_IG, DECIDE, { id: restriction.data.restrictProcessing.id, decision: "LIFT", reason: REASON, access: IG_REVIEW })).errors[0].extensions).toMatchObject({ code: "NOT_FOUND", problem: "RESTRICTION_NOT_FOUND" });
  });
});

describe("an objection to a brokered record as a whole (Art 21)", () => {
  const INVOLVEMENT = "query ($sui: ID!, $access: AccessContext!) { child(sui: $sui, access: $access) { restrictedInvolvement { agencyType contactEmail } redactions { path } restrictions { path } } }";
  const involvedTypes = async (sui: string, purpose: Parameters<typeof access>[0], extra: Parameters<typeof access>[2] = {}) => {
    const body = await as(CALLERS.socialWorker, INVOLVEMENT, { sui, access: access(purpose, undefined, extra) });
    expect(body.errors).toBeUndefined();
    return body.data.child as { restrictedInvolvement: { agencyType: string }[]; redactions: { path: string }[]; restrictions: { path: string }[] };
  };
  let family: Family;
  let clinic: string;

  beforeAll(async () => {
    family = await freshFamily();
    clinic = await submit(SYSTEM("GP-K99001", "HEALTH"), { agencyCode: "GP-K99001", agencyReference: `GP-RIGHTS-${family.sui}`, labels: ["BROKERED"], child: child(family.sui, "Ezra"), health: { gpPracticeCode: "K99001", registeredOn: "2015-01-05" } });
    expect((await involvedTypes(family.sui, "CHILD_IN_NEED_ASSESSMENT")).restrictedInvolvement.map((signal) => signal.agencyType)).toContain("HEALTH");
    expect((await as(GP_IG, RESTRICT, { recordId: clinic, field: null, kind: "OBJECTION", ground: "OBJECTION_PENDING", reason: "The young person objects to the practice's record being shared at all.", access: IG_REVIEW })).errors).toBeUndefined();
  });

  it("withholds its restricted-involvement signal for a purpose the objection does not allow, leaving no trace of the record", async () => {
    const read = await involvedTypes(family.sui, "CHILD_IN_NEED_ASSESSMENT");
    expect(read.restrictedInvolvement.map((signal) => signal.agencyType)).not.toContain("HEALTH");
    expect(JSON.stringify(read)).not.toContain(clinic);
    const withheld = (await entriesAbout("CHILD_RECORD", family.sui)).at(-1);
    expect(withheld?.details.brokered).toEqual([]);
  });

  it("still gives it for a purpose the objection allows, and to break-glass whatever the purpose, without telling of the objection", async () => {
    const enquiry = await involvedTypes(family.sui, "SECTION_47_ENQUIRY");
    expect(enquiry.restrictedInvolvement.map((signal) => signal.agencyType)).toContain("HEALTH");
    expect(JSON.stringify(enquiry)).not.toContain(clinic);
    const emergency = await involvedTypes(family.sui, "REFERRAL_TRIAGE", { breakGlass: true, justification: "Child found alone at 02:00; the duty team needs to know who is involved, now." });
    expect(emergency.restrictedInvolvement.map((signal) => signal.agencyType)).toContain("HEALTH");
    expect(JSON.stringify(emergency)).not.toContain(clinic);
  });
});

describe("erasure where the law gives it (Art 17; DPA 2018 s.47)", () => {
  const erase = (caller: TestClaims, variables: Record<string, unknown>) => as(caller, ERASE, { reason: "Decided on the request received 1 December; see the IG file.", access: IG_REVIEW, ...variables });
  const teamHeld = async (recordId: string) => (await hub.hub.database.dataSource.query(`SELECT allocated_team FROM social_care_record WHERE record_id = $1`, [recordId]))[0].allocated_team as string | null;

  it("keeps the fact when an Art 17(3) exemption applies, with the decision recorded", async () => {
    const body = await erase(CALLERS.igLead, { recordId: ids.socialCare, field: "allocatedTeam", grounds: ["NO_LONGER_NECESSARY"], exemptions: ["PUBLIC_TASK_OR_LEGAL_OBLIGATION"] });
    expect(body.data.decideErasure).toMatchObject({ regime: "UK_GDPR", outcome: "REFUSED" });
    expect(await teamHeld(ids.socialCare)).toBe("Rights Test Team East");
  });

  it("erases when a ground is met and no exemption applies: the fact leaves the hub, the trail keeps a tombstone and stays verifiable", async () => {
    const family = await freshFamily();
    const body = await erase(CALLERS.igLead, { recordId: family.socialCare, field: "allocatedTeam", grounds: ["NO_LONGER_NECESSARY"], exemptions: [] });
    expect(body.data.decideErasure).toMatchObject({ regime: "UK_GDPR", outcome: "ERASED", path: `socialCare[${family.socialCare}].allocatedTeam` });
    expect(await teamHeld(family.socialCare)).toBeNull();
    expect((await socialWorkerRead(family.sui)).data.child.socialCare[0].allocatedTeam).toBeNull();
    const tombstone = (await entriesAbout("ERASURE_DECIDED", family.sui)).filter((e) => e.details.outcome === "ERASED");
    expect(tombstone).toEqual([expect.objectContaining({ details: expect.objectContaining({ recordType: "SOCIAL_CARE", field: "allocatedTeam", groundsMet: ["NO_LONGER_NECESSARY"], exemptionsApplying: [] }) })]);
    const trail = await hub.hub.database.dataSource.query<{ text: string }[]>(`SELECT string_agg(details::text, ' ') AS text FROM disclosure_audit`);
    expect(trail[0].text).not.toContain("Rights Test Team East");
    expect((await as(CALLERS.igLead, VERIFY)).data.verifyAuditChain.intact).toBe(true);
  });

  it("decides Part 3 data under DPA 2018 s.47, and refuses a UK GDPR ground for it", async () => {
    const wrong = await erase(POLICE_IG, { recordId: ids.police, field: "intelligence", grounds: ["NO_LONGER_NECESSARY"], exemptions: [] });
    expect(wrong.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "CLAUSE_NOT_FOR_REGIME" });
    const kept = await erase(POLICE_IG, { recordId: ids.police, field: "intelligence", grounds: ["PART_3_PRINCIPLES_INFRINGED"], exemptions: ["PART_3_EVIDENCE"] });
    expect(kept.data.decideErasure).toMatchObject({ regime: "DPA_PART_3", outcome: "REFUSED" });
  });

  it("refuses to erase a fact the record cannot exist without, and an unknown ground", async () => {
    expect((await erase(CALLERS.igLead, { recordId: ids.socialCare, field: "status", grounds: ["NO_LONGER_NECESSARY"], exemptions: [] })).errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "FIELD_NOT_ERASABLE" });
    expect((await erase(CALLERS.igLead, { recordId: ids.socialCare, field: "planCategory", grounds: ["BECAUSE"], exemptions: [] })).errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "UNKNOWN_ERASURE_CLAUSE" });
    expect((await socialWorkerRead()).data.child.socialCare[0]).toMatchObject({ status: "CHILD_PROTECTION_PLAN", planCategory: "EMOTIONAL_ABUSE" });
  });
});

describe("the subject access report", () => {
  it("shows the supplementary statements and restrictions on the person's facts", async () => {
    const family = await freshFamily();
    await attachStatement(family);
    expect((await restrictPlanCategory(family.socialCare)).errors).toBeUndefined();
    const request = { sui: family.sui, reference: "SAR-RIGHTS-1", receivedAt: new Date().toISOString(), requester: { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "A Parent", basis: "Birth certificate and photo ID seen at the front desk." } };
    const opened = await as(CALLERS.igLead, OPEN_SAR, { request, access: { ...SUBJECT_ACCESS, caseReference: "SAR-RIGHTS-1" } });
    expect(opened.errors).toBeUndefined();
    const review = await as(CALLERS.igLead, SAR_REVIEW, { id: opened.data.openSubjectAccessRequest.id, access: { ...SUBJECT_ACCESS, caseReference: "SAR-RIGHTS-1" } });
    expect(review.errors).toBeUndefined();
    const record = review.data.subjectAccessReview.records.find((r: { item: string }) => r.item === `socialCare[${family.socialCare}]`);
    expect(record.rights.statements).toContainEqual({ field: "status", statement: STATEMENT });
    expect(record.rights.restrictions).toEqual([{ field: "planCategory", kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS" }]);
  });
});
