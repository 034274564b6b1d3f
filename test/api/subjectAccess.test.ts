import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { Agency } from "../../src/directory/Agency";
import { SUBMIT, testAgency } from "../support/fixtures";
import { statementsFor } from "../support/statementCount";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * Subject access (UK GDPR Art 15) end to end: a request opened as a case, its report decided per fact
 * and per disclosure by the exemptions in policies/subject-access.yaml, the IG lead's review and the
 * copy released to the requester. Children and agencies of this file's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(830_000);
const next = () => suis.next().value as string;

const BUCKS = "E06000060";
const LINCS = "E10000019";

type Json = Record<string, any>;

beforeAll(async () => {
  // Statement counts compare two requests: the agency-standing cache expiring between them would add one.
  hub = await startTestHub({ env: { AGENCY_STANDING_CACHE_SECONDS: "0" } });
});
afterAll(async () => {
  await hub.stop();
});

async function submit(agencyType: string, record: Record<string, unknown>, la = BUCKS): Promise<string> {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, la)))).body;
  expect(body.errors).toBeUndefined();
  return body.data.submitRecord.recordId as string;
}

async function read(caller: TestClaims, sui: string, context: Record<string, unknown>): Promise<Json> {
  const body = (await hub.graphql(CHILD_QUERY, { sui, access: context }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  expect(body.data.child).not.toBeNull();
  return body.data.child as Json;
}

async function as(caller: TestClaims, text: string, variables: Record<string, unknown>) {
  const response = await hub.graphql(text, variables, await hub.token(caller));
  return { status: response.status, body: response.body as Json, requestId: response.headers["x-request-id"] };
}

const sar = (reference: string, justification = "Answering a subject access request received by post this week") => ({
  purpose: "SUBJECT_ACCESS_REQUEST", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null, justification, caseReference: reference, breakGlass: false,
});

const OPEN = /* GraphQL */ `
  mutation ($request: SubjectAccessRequestInput!, $access: AccessContext!) {
    openSubjectAccessRequest(request: $request, access: $access) {
      id reference sui status receivedAt originalDueAt dueAt latestDueAt timescaleEdition overdue
      requester { standing name basis competence competenceAssessment } extension { months reason }
    }
  }`;

const DECISION = "outcome released healthOpinionRequired exemptions { id title citation decision } awaiting { id } review { decision reason exemptions healthOpinion { professional givenOn seriousHarm } }";
const REVIEW = /* GraphQL */ `
  query ($id: ID!, $access: AccessContext!) {
    subjectAccessReview(id: $id, access: $access) {
      request { id reference requester { standing } }
      counts { included withheld reviewRequired }
      identity { item kind value sources { agencyCode agencyName released } decision { ${DECISION} } }
      records {
        item agencyReference source { recordId agencyCode agencyName agencyType recordType receivedAt }
        fields { item field value decision { ${DECISION} } }
        decision { ${DECISION} }
      }
      disclosures { item auditEntryId recipient { agencyCode agencyName agencyType roles } purpose lawfulBasis justification otherChildren categories releasedCategories withheldParts { item outcome exemptions { id title citation decision } } decision { ${DECISION} } }
      purposes { purpose statement } retention rights
    }
  }`;

const RELEASE = /* GraphQL */ `
  query ($id: ID!, $access: AccessContext!) {
    subjectAccessRelease(id: $id, access: $access) {
      reference sui producedAt
      identity { kind value sources { agencyName agencyType recordedAt receivedAt } }
      records { recordType agencyReference source { agencyName agencyType recordedAt receivedAt } fields { field value } }
      recipients { occurredAt agencyCode agencyName agencyType roles purpose lawfulBasis categories }
      purposes { purpose statement } retention rights
    }
  }`;

const DECIDE = /* GraphQL */ `
  mutation ($id: ID!, $decision: SubjectAccessItemDecisionInput!, $access: AccessContext!) {
    decideSubjectAccessItem(id: $id, decision: $decision, access: $access) { decisionId item decision exemptions outcome decidedAt }
  }`;

const PARENT = { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The child's mother", basis: "Birth certificate seen at the front desk; no order affecting her parental responsibility." };
const ASSESSMENT = "Met her with her advocate: she understands what the hub holds about her and what asking for it means.";

async function open(sui: string, reference: string, requester: Record<string, unknown> = PARENT, receivedAt = new Date(Date.now() - 86_400_000), caller: TestClaims = CALLERS.igLead): Promise<Json> {
  const { body } = await as(caller, OPEN, { request: { sui, reference, receivedAt: receivedAt.toISOString(), requester }, access: sar(reference) });
  expect(body.errors).toBeUndefined();
  return body.data.openSubjectAccessRequest as Json;
}

async function review(id: string, reference: string, caller: TestClaims = CALLERS.igLead): Promise<Json> {
  const { body } = await as(caller, REVIEW, { id, access: sar(reference) });
  expect(body.errors).toBeUndefined();
  return body.data.subjectAccessReview as Json;
}

async function release(id: string, reference: string, caller: TestClaims = CALLERS.igLead): Promise<Json> {
  const { body } = await as(caller, RELEASE, { id, access: sar(reference) });
  expect(body.errors).toBeUndefined();
  return body.data.subjectAccessRelease as Json;
}

/** The IG lead of another agency than the council (`CALLERS.igLead`): each agency answers for the records it holds. */
const igLeadOf = (agency: string, agencyType: string, la = BUCKS): TestClaims => ({ ...CALLERS.igLead, sub: `ig-${agency.toLowerCase()}`, agency, agency_type: agencyType, la });
/** The school's IG lead, answering for the school's records. */
const schoolIg = igLeadOf("SCH-199001", "EDUCATION");
/** The force's IG lead, answering for the police records. */
const policeIg = igLeadOf("POLICE-43", "POLICE");
const byRecipient = (report: Json, agency: string) => (report.disclosures as Json[]).filter((entry) => entry.recipient.agencyCode === agency);
const ids = (decision: Json) => (decision.exemptions as Json[]).map((exemption) => exemption.id).sort();
const itemOf = (report: Json, item: string): Json => {
  const all = [...report.identity, ...report.disclosures, ...report.records, ...(report.records as Json[]).flatMap((record) => record.fields)] as Json[];
  const found = all.find((candidate) => candidate.item === item);
  if (found === undefined) throw new Error(`no item ${item}`);
  return found;
};

const home = (line1: string, postcode: string, localAuthority = BUCKS) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority });
const school = (child: object, reference: string, education: Record<string, unknown> = {}) => ({
  agencyCode: "SCH-199001", agencyReference: reference, child,
  education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example", ...education },
});
const csc = (agencyCode: string, child: object, reference: string, socialCare: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  agencyCode, agencyReference: reference, child,
  socialCare: { status: "CHILD_IN_NEED", startDate: "2026-03-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@council.example", responsibleLocalAuthority: BUCKS, ...socialCare },
  ...extra,
});
const police = (child: object, reference: string, details: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  agencyCode: "POLICE-43", agencyReference: reference, child, police: { incidentType: "CHILD_CONCERN", childRole: "PERSON_AT_RISK", reportedOn: "2026-10-01", ...details }, ...extra,
});
const DSL_CONTEXT = access("STRATEGY_DISCUSSION", "PUBLIC_TASK", { justification: "Pupil disclosed worries at home to her teacher this morning." });
const POLICE_CONTEXT = access("STRATEGY_DISCUSSION", "PUBLIC_TASK", { justification: "Strategy discussion about a planned forced marriage." });
const S47 = access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { justification: "Section 47 enquiry opened after the strategy discussion." });

describe("a forced-marriage record no longer hides every disclosure about the child", () => {
  const sui = next();
  const child = { sui, givenNames: "Nell", familyName: "Ashgrove", dateOfBirth: "2011-08-14", sex: "FEMALE", address: home("7 Larch Way", "HP20 4EX") };
  let request: Json;
  let report: Json;

  beforeAll(async () => {
    await submit("EDUCATION", school(child, "UPN-SAR-FM-1"));
    await submit("POLICE", police(child, "TVP-SAR-FM-1", { summary: "Pupil disclosed plans to take her abroad to be married." }, { labels: ["WITHHOLD_FROM_FAMILY"] }));
    await read(CALLERS.schoolDsl, sui, DSL_CONTEXT);
    await read(CALLERS.police, sui, POLICE_CONTEXT);
    // The school answers for its own record and for who read it.
    request = await open(sui, "SAR-FM-0001", PARENT, undefined, schoolIg);
    report = await review(request.id, "SAR-FM-0001", schoolIg);
  });

  it("lists the school's ordinary read, released to the parent", () => {
    const [schoolRead] = byRecipient(report, "SCH-199001");
    expect(schoolRead).toMatchObject({ recipient: { agencyName: "Sampleton Primary School", agencyType: "EDUCATION", roles: ["SCHOOL_DSL"] }, purpose: "STRATEGY_DISCUSSION", lawfulBasis: "PUBLIC_TASK" });
    expect(schoolRead?.decision).toMatchObject({ outcome: "INCLUDED", released: true, exemptions: [] });
    expect(schoolRead?.categories).toEqual(expect.arrayContaining(["education.rollStatus", "demographics.givenNames"]));
  });

  it("withholds the police read that carried the forced-marriage record, naming the exemption for the IG lead", () => {
    const [policeRead] = byRecipient(report, "POLICE-43");
    expect(policeRead?.decision.outcome).toBe("WITHHELD");
    // A child concern is child abuse data too (Sch.3 Pt 5 para 21), but it is what must not reach the family that withholds it.
    expect(policeRead?.decision.exemptions).toEqual(expect.arrayContaining([{ id: "sar-withheld-from-family", title: "What must never reach the family", citation: expect.stringContaining("DPA 2018 Sch.2 para 2(1)"), decision: "WITHHELD" }]));
    // Listed for the school with what it carried of the school's record only; the police record is the force's to answer for.
    expect((policeRead?.categories as string[]).filter((category) => category.startsWith("police."))).toEqual([]);
    expect((report.records as Json[]).map((entry) => entry.source.agencyCode)).toEqual(["SCH-199001"]);
    expect(JSON.stringify(report)).not.toContain("married");
  });

  it("releases the school's read and nothing of the police or the marriage", async () => {
    const copy = await release(request.id, "SAR-FM-0001", schoolIg);
    expect(copy.recipients).toEqual([expect.objectContaining({ agencyCode: "SCH-199001", agencyName: "Sampleton Primary School", purpose: "STRATEGY_DISCUSSION", categories: expect.arrayContaining(["education.rollStatus"]) })]);
    const text = JSON.stringify(copy);
    for (const hidden of ["POLICE-43", "Thames Valley", "married", "TVP-SAR-FM-1", "POLICE"]) expect(text).not.toContain(hidden);
  });
});

describe("an active investigation withholds only its own part of a read that carried it", () => {
  const sui = next();
  const child = { sui, givenNames: "Orla", familyName: "Fernleigh", dateOfBirth: "2012-01-09", sex: "FEMALE", address: home("3 Withy Close", "HP19 7WC") };
  const records: Record<string, string> = {};
  let request: Json;
  let report: Json;
  let councilRead: string;

  beforeAll(async () => {
    records.school = await submit("EDUCATION", school(child, "UPN-SAR-INV-1"));
    records.csc = await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", child, "CSC-SAR-INV-1"));
    records.investigation = await submit("POLICE", police(child, "TVP-SAR-INV-1", { incidentType: "CRIME", childRole: "VICTIM", activeInvestigation: true }));
    const seen = await read(CALLERS.socialWorker, sui, S47);
    expect((seen.police as Json[]).map((record) => record.recordId)).toContain(records.investigation);
    councilRead = seen.disclosureId as string;
    await read(CALLERS.police, sui, access("STRATEGY_DISCUSSION", "PUBLIC_TASK", { justification: "Strategy discussion: the victim of the crime under investigation." }));
    request = await open(sui, "SAR-INV-0001");
    report = await review(request.id, "SAR-INV-0001");
  });

  it("releases the council's read, listing only what it carried of the council's own record", () => {
    const entry = (report.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === councilRead);
    expect(entry?.decision).toMatchObject({ outcome: "INCLUDED", released: true, exemptions: [] });
    expect(entry?.categories).toEqual(expect.arrayContaining(["socialCare.status"]));
    // The police and school records it also carried are theirs to answer for: no category, item or part of them here.
    expect((entry?.categories as string[]).filter((category) => category.startsWith("police.") || category.startsWith("education."))).toEqual([]);
    expect((entry?.withheldParts as Json[]).filter((part) => !(part.item as string).startsWith("socialCare["))).toEqual([]);
    for (const other of [records.investigation, records.school]) expect(JSON.stringify(report)).not.toContain(other);
  });

  it("withholds whole the investigating force's read of the council's record, though the investigation is not the council's", () => {
    const [forceRead] = byRecipient(report, "POLICE-43");
    expect(forceRead?.decision).toMatchObject({ outcome: "WITHHELD", released: false });
    expect(ids(forceRead?.decision)).toContain("sar-active-investigation");
  });

  it("tells the requester who read the child's record, and nothing that says an investigation exists", async () => {
    const copy = await release(request.id, "SAR-INV-0001");
    expect(copy.recipients).toEqual([expect.objectContaining({ agencyCode: "LA-E06000060", purpose: "SECTION_47_ENQUIRY", categories: expect.arrayContaining(["demographics.givenNames"]) })]);
    const text = JSON.stringify(copy);
    for (const hidden of ["POLICE-43", "POLICE", "police.", "education.", "CRIME", "VICTIM", "TVP-SAR-INV-1", "investigation", "STRATEGY_DISCUSSION"]) expect(text).not.toContain(hidden);
  });
});

describe("a read none of whose facts is released, each withheld under a different exemption", () => {
  const sui = next();
  const child = { sui, givenNames: "Ffion", familyName: "Castlemere", dateOfBirth: "2011-11-02", sex: "FEMALE", address: home("8 Tannery Lane", "HP19 6TL") };
  const records: Record<string, string> = {};
  let request: Json;
  let readId: string;

  beforeAll(async () => {
    records.crime = await submit("POLICE", police(child, "TVP-SAR-MIX-1", { incidentType: "CRIME", childRole: "WITNESS", summary: "Her neighbour reported the break-in and named the man he saw." }));
    records.investigation = await submit("POLICE", police(child, "TVP-SAR-MIX-2", { incidentType: "CRIME", childRole: "VICTIM", activeInvestigation: true }));
    // The council was told a third party's account from one record and the incident under investigation from the other, nothing else.
    ({ id: readId } = await recordAuditEntry(hub.hub.database.dataSource, {
      requestId: "read-mixed-exemptions", principal: { sub: "sw-mixed", name: "Never Logged", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], localAuthority: BUCKS, team: null, tokenId: null },
      operation: "CHILD_RECORD", childSuis: [sui], outcome: "DISCLOSED",
      access: { purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "Section 47 enquiry: the break-in at the child's home.", caseReference: null, breakGlass: false },
      fieldsDisclosed: [`police[${records.crime}].summary`, `police[${records.investigation}].incidentType`], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false,
      details: { recordIds: [records.crime, records.investigation] },
    }));
    // The force answers for its records, and for the council's read of them.
    request = await open(sui, "SAR-MIX-0001", PARENT, undefined, policeIg);
  });

  it("reports the read withheld, naming each exemption that withheld a fact of it", async () => {
    const report = await review(request.id, "SAR-MIX-0001", policeIg);
    const entry = (report.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === readId);
    expect(entry?.decision).toMatchObject({ outcome: "WITHHELD", released: false });
    expect(ids(entry?.decision)).toEqual(["sar-active-investigation", "sar-third-party"]);
    expect(entry?.releasedCategories).toEqual([]);
    expect((await release(request.id, "SAR-MIX-0001", policeIg)).recipients).toEqual([]);
  });
});

describe("child abuse data holds for a parent only its own part of a read that carried it", () => {
  const sui = next();
  const child = { sui, givenNames: "Elowen", familyName: "Brackenbury", dateOfBirth: "2014-04-04", sex: "FEMALE", address: home("19 Sorrel Road", "HP21 7SR") };
  const records: Record<string, string> = {};
  let request: Json;
  let readId: string;

  beforeAll(async () => {
    records.school = await submit("EDUCATION", school(child, "UPN-SAR-CAD-1"));
    records.plan = await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", child, "CSC-SAR-CAD-1", { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT" }));
    // The school's early-help read, agreed with the family, that also carried the child's protection plan.
    ({ id: readId } = await recordAuditEntry(hub.hub.database.dataSource, {
      requestId: "read-early-help-plan", principal: { sub: "dsl-early-help", name: "Never Logged", agency: "SCH-199001", agencyType: "EDUCATION", roles: ["SCHOOL_DSL"], localAuthority: BUCKS, team: null, tokenId: null },
      operation: "CHILD_RECORD", childSuis: [sui], outcome: "DISCLOSED",
      access: { purpose: "EARLY_HELP", lawfulBasis: "CONSENT", specialCategoryCondition: null, justification: "Early help offer agreed with the family at the school gate.", caseReference: null, breakGlass: false },
      fieldsDisclosed: [`education[${records.school}].rollStatus`, `socialCare[${records.plan}].status`], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false,
      details: { recordIds: [records.school, records.plan] },
    }));
    // Each agency answers for its part: the school for its record, the council for the plan.
    request = await open(sui, "SAR-CAD-0001", PARENT, undefined, schoolIg);
  });

  it("releases the school's read to the parent with the plan's part waiting on the plan's own decision", async () => {
    const report = await review(request.id, "SAR-CAD-0001", schoolIg);
    const entry = (report.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === readId);
    expect(entry?.decision).toMatchObject({ outcome: "INCLUDED", released: true, exemptions: [] });
    expect(entry?.releasedCategories).toEqual(["education.rollStatus"]);
    const council = await review((await open(sui, "SAR-CAD-0002")).id, "SAR-CAD-0002");
    const councilEntry = (council.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === readId);
    expect(councilEntry?.withheldParts).toEqual(expect.arrayContaining([expect.objectContaining({ item: `socialCare[${records.plan}].status`, outcome: "REVIEW_REQUIRED" })]));
    const copy = await release(request.id, "SAR-CAD-0001", schoolIg);
    expect(copy.recipients).toEqual([expect.objectContaining({ agencyCode: "SCH-199001", purpose: "EARLY_HELP", categories: ["education.rollStatus"] })]);
    expect(JSON.stringify(copy)).not.toContain("CHILD_PROTECTION_PLAN");
  });
});

describe("a protected placement withholds only its own part of a read that carried it", () => {
  const sui = next();
  const child = { sui, givenNames: "Tamsin", familyName: "Oakridge", dateOfBirth: "2010-06-21", sex: "FEMALE", address: home("12 Reed Street", "HP19 8RS") };
  const placement = { ...child, address: { kind: "PLACEMENT", line1: "4 Hidden Row", postcode: "HP23 4HR", localAuthority: BUCKS, labels: ["LOCATION_WITHHELD"] } };
  let request: Json;
  let report: Json;
  let policeRead: string;
  let councilRead: string;

  beforeAll(async () => {
    await submit("EDUCATION", school(child, "UPN-SAR-LOC-1"));
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", placement, "CSC-SAR-LOC-1"));
    await submit("POLICE", police(child, "TVP-SAR-LOC-1", { incidentType: "MISSING_EPISODE", childRole: "MISSING_PERSON" }));
    const seen = await read(CALLERS.police, sui, S47);
    expect((seen.demographics.addresses as Json[]).map((address) => address.line1)).toContain("4 Hidden Row");
    policeRead = seen.disclosureId as string;
    councilRead = (await read(CALLERS.socialWorker, sui, S47)).disclosureId as string;
    request = await open(sui, "SAR-LOC-0001");
    report = await review(request.id, "SAR-LOC-0001");
  });

  it("releases the police read to a parent without the placement, naming the exemption on the address for the IG lead", () => {
    const entry = (report.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === policeRead);
    expect(entry?.decision).toMatchObject({ outcome: "INCLUDED", released: true, exemptions: [] });
    // Withheld from a parent: the item is there for the IG lead, its value is not.
    const address = (report.identity as Json[]).find((fact) => fact.kind === "ADDRESS" && fact.decision.outcome === "WITHHELD");
    expect(address).toMatchObject({ value: null, decision: { exemptions: [expect.objectContaining({ id: "sar-protected-location" })] } });
    expect(JSON.stringify(report)).not.toContain("Hidden Row");
    expect(entry?.withheldParts).toEqual(expect.arrayContaining([{ item: address?.item, outcome: "WITHHELD", exemptions: [expect.objectContaining({ id: "sar-protected-location", decision: "WITHHELD" })] }]));
  });

  it("withholds whole the read of the council that reported the placement, which carried it", () => {
    const entry = (report.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === councilRead);
    expect(entry?.decision).toMatchObject({ outcome: "WITHHELD", released: false });
    expect(ids(entry?.decision)).toContain("sar-protected-location");
  });

  it("tells the parent the police read the child's record, and nothing of where the child is placed", async () => {
    const copy = await release(request.id, "SAR-LOC-0001");
    expect(copy.recipients).toEqual([expect.objectContaining({ agencyCode: "POLICE-43", purpose: "SECTION_47_ENQUIRY" })]);
    const text = JSON.stringify(copy);
    for (const hidden of ["Hidden Row", "HP23", "PLACEMENT"]) expect(text).not.toContain(hidden);
  });
});

describe("a sealed identity's council never reaches the report", () => {
  const sui = next();
  const known = { sui, givenNames: "Orrin", familyName: "Calloway", dateOfBirth: "2012-02-20", sex: "MALE", address: home("3 Beacon Rise", "HP21 7QT") };
  const sealed = { ...known, givenNames: "Jory", familyName: "Penrose", address: home("11 Saltmarsh Lane", "LN2 5QQ", LINCS) };
  let request: Json;
  let report: Json;

  beforeAll(async () => {
    await submit("EDUCATION", school(known, "UPN-SAR-SEAL-1"));
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", known, "CSC-SAR-SEAL-1"));
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E10000019", sealed, "LCC-SAR-SEALED-1", { responsibleLocalAuthority: LINCS }, { labels: ["SEALED"] }), LINCS);
    await read(CALLERS.socialWorker, sui, S47);
    const lincs = await read(CALLERS.lincolnshireSocialWorker, sui, S47);
    expect(JSON.stringify(lincs)).toContain("Penrose");
    request = await open(sui, "SAR-SEAL-0001");
    report = await review(request.id, "SAR-SEAL-0001");
  });

  it("leaves the sealing council's read, its sealed record and the new name out of the report entirely", () => {
    // The sealing council's use of the child is its own IG leads' alone on the trail (`audit/trailReach`),
    // and the report's disclosures are those the answering agency's trail holds.
    expect(byRecipient(report, "LA-E10000019")).toEqual([]);
    // The sealed record, its new name and address are the sealing council's to answer for: not in this council's review at all.
    expect((report.records as Json[]).map((record) => record.source.agencyCode)).toEqual(["LA-E06000060"]);
    expect((report.identity as Json[]).flatMap((fact) => fact.sources as Json[]).map((source) => source.agencyCode)).not.toContain("LA-E10000019");
    for (const hidden of ["Penrose", "Jory", "Saltmarsh", "LN2 5QQ", "LCC-SAR-SEALED-1"]) expect(JSON.stringify(report)).not.toContain(hidden);
    expect(byRecipient(report, "LA-E06000060")[0]?.decision).toMatchObject({ outcome: "INCLUDED", released: true });
  });

  it("releases nothing that names the council, its area or the new identity", async () => {
    const text = JSON.stringify(await release(request.id, "SAR-SEAL-0001"));
    for (const hidden of ["LA-E10000019", LINCS, "Lincolnshire", "Jory", "Penrose", "Saltmarsh", "LN2 5QQ", "LCC-SAR-SEALED-1"]) expect(text).not.toContain(hidden);
    expect(text).toContain("Calloway");
  });
});

describe("a disclosure that named another child too", () => {
  const sui = next();
  const otherSui = next();
  let searchId: string;
  let request: Json;
  let report: Json;

  beforeAll(async () => {
    const pupil = await submit("EDUCATION", school({ sui, givenNames: "Wren", familyName: "Halloway", dateOfBirth: "2012-05-05", sex: "FEMALE", address: home("2 Kiln Row", "HP20 2KR") }, "UPN-SAR-SEVERAL-1"));
    await submit("POLICE", police({ sui: otherSui, givenNames: "Ivo", familyName: "Marchbank", dateOfBirth: "2012-06-06", sex: "MALE", address: home("9 Quay Street", "LN2 9QS", LINCS) }, "TVP-SAR-SEVERAL-2"), LINCS);
    // A search that showed both children together, to the force.
    ({ id: searchId } = await recordAuditEntry(hub.hub.database.dataSource, {
      requestId: "search-several", principal: { sub: "pc-several", name: "Never Logged", agency: "POLICE-43", agencyType: "POLICE", roles: ["POLICE_OFFICER"], localAuthority: BUCKS, team: null, tokenId: null },
      operation: "CHILD_SEARCH", childSuis: [sui, otherSui], outcome: "DISCLOSED",
      access: { purpose: "STRATEGY_DISCUSSION", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "Strategy discussion: two children seen at one address.", caseReference: null, breakGlass: false },
      // It showed the name the school reported: the school answers for it.
      fieldsDisclosed: ["demographics.givenNames"], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false, details: { candidates: [{ sui }, { sui: otherSui }], recordIds: [pupil] },
    }));
    request = await open(sui, "SAR-SEVERAL-0001", PARENT, undefined, schoolIg);
    report = await review(request.id, "SAR-SEVERAL-0001", schoolIg);
  });

  it("counts the other child for the IG lead and never names them, in the review or the release", async () => {
    expect((report.disclosures as Json[]).find((entry) => entry.auditEntryId === searchId)).toMatchObject({ recipient: { agencyCode: "POLICE-43" }, otherChildren: 1 });
    expect(JSON.stringify(report)).not.toContain(otherSui);
    const copy = JSON.stringify(await release(request.id, "SAR-SEVERAL-0001", schoolIg));
    expect(copy).not.toContain(otherSui);
    expect(copy).not.toContain("otherChildren");
  });
});

describe("the facts held, with their sources", () => {
  const sui = next();
  const child = { sui, givenNames: "Tamsin", familyName: "Heathfield", dateOfBirth: "2013-09-09", sex: "FEMALE", address: home("22 Willow Court", "HP19 8AB") };
  let request: Json;

  beforeAll(async () => {
    await submit("EDUCATION", school(child, "UPN-SAR-FACTS-1", { attendancePercent: 93.5 }));
    await submit("EDUCATION", school({ ...child, givenNames: "Tammy" }, "UPN-SAR-FACTS-2"));
    request = await open(sui, "SAR-FACTS-0001", { standing: "CHILD", name: "Tamsin", competence: { assessedCompetent: true, assessment: ASSESSMENT } }, undefined, schoolIg);
  });

  it("gives names, date of birth, sex and addresses, each with the agency that reported it, and each record field by field", async () => {
    expect(request.requester).toMatchObject({ standing: "CHILD", competence: "ASSESSED_COMPETENT", competenceAssessment: ASSESSMENT });
    const copy = await release(request.id, "SAR-FACTS-0001", schoolIg);
    const source = { agencyName: "Sampleton Primary School", agencyType: "EDUCATION", recordedAt: null, receivedAt: expect.any(String) };
    expect(copy.identity).toEqual(expect.arrayContaining([
      { kind: "NAME", value: { givenNames: "Tamsin", familyName: "Heathfield", kind: "USUAL" }, sources: [source] },
      { kind: "NAME", value: { givenNames: "Tammy", familyName: "Heathfield", kind: "ALIAS" }, sources: [source] },
      { kind: "DATE_OF_BIRTH", value: "2013-09-09", sources: [source, source] },
      { kind: "SEX", value: "FEMALE", sources: [source, source] },
      { kind: "ADDRESS", value: expect.objectContaining({ kind: "HOME", line1: "22 Willow Court", postcode: "HP19 8AB", localAuthority: BUCKS }), sources: [source, source] },
    ]));
    expect(copy.records).toEqual(expect.arrayContaining([
      {
        recordType: "EDUCATION", agencyReference: "UPN-SAR-FACTS-1", source,
        fields: expect.arrayContaining([{ field: "rollStatus", value: "ON_ROLL" }, { field: "attendancePercent", value: 93.5 }, { field: "dslName", value: "Pat Lead" }]),
      },
    ]));
    expect(copy.purposes[0]).toEqual({ purpose: null, statement: expect.stringContaining("Agencies that work with children") });
    expect(copy.retention).toContain("as long as the agency that sent it keeps it");
    expect(copy.rights).toContain("Information Commissioner");
    // Each agency answers for what it holds (Art 15 is per controller): the copy says others may hold more.
    expect(copy.rights).toContain("other organisations that work with you or your child may hold information too");
  });
});

describe("the exemptions, one by one", () => {
  const sui = next();
  const child = { sui, givenNames: "Isla", familyName: "Merriweather", dateOfBirth: "2011-03-15", sex: "FEMALE", address: home("5 Hollow Lane", "HP22 5RS") };
  const placement = { ...child, address: { kind: "PLACEMENT", line1: "2 Quiet Mews", postcode: "HP23 9ZZ", localAuthority: BUCKS, labels: ["LOCATION_WITHHELD"] } };
  // Each agency answers for its own records: a request from each, the parent's and the child's.
  const ig = { school: schoolIg, gp: igLeadOf("GP-K99001", "HEALTH"), csc: CALLERS.igLead, police: policeIg };
  type Agency = keyof typeof ig;
  const parentRequest = {} as Record<Agency, Json>;
  const childRequest = {} as Record<Agency, Json>;
  const parent = {} as Record<Agency, Json>;
  const own = {} as Record<Agency, Json>;
  const records: Record<string, string> = {};

  beforeAll(async () => {
    records.school = await submit("EDUCATION", school(child, "UPN-SAR-EX-1", { safeguardingConcerns: [{ recordedOn: "2026-10-02", category: "NEGLECT", summary: "Told her teacher her uncle keeps her home to look after the baby." }] }));
    records.gp = await submit("HEALTH", {
      agencyCode: "GP-K99001", agencyReference: "GP-SAR-EX-1", child,
      health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2011-04-01", conditions: [{ description: "Anxiety", snomedCode: "197480006" }] },
    });
    records.csc = await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", placement, "CSC-SAR-EX-1", { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", summary: "Plan agreed at conference; uncle not to have contact." }));
    records.crime = await submit("POLICE", police(child, "TVP-SAR-EX-1", { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", crimeReference: "43/2026/998877" }));
    records.investigation = await submit("POLICE", police(child, "TVP-SAR-EX-2", { incidentType: "CRIME", childRole: "VICTIM", activeInvestigation: true }));
    await read(CALLERS.schoolDsl, sui, DSL_CONTEXT);
    await read(CALLERS.police, sui, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT", { justification: "Strategy discussion: reviewing the open investigation." }));
    for (const agency of Object.keys(ig) as Agency[]) {
      parentRequest[agency] = await open(sui, `SAR-EX-PARENT-${agency}`, PARENT, undefined, ig[agency]);
      childRequest[agency] = await open(sui, `SAR-EX-CHILD-${agency}`, { standing: "CHILD", name: "Isla", competence: { assessedCompetent: true, assessment: ASSESSMENT } }, undefined, ig[agency]);
      parent[agency] = await review(parentRequest[agency].id, `SAR-EX-PARENT-${agency}`, ig[agency]);
      own[agency] = await review(childRequest[agency].id, `SAR-EX-CHILD-${agency}`, ig[agency]);
    }
  });

  it("third-party data (Sch.2 para 16): withheld; staff named in their job are released", () => {
    for (const report of [parent.school, own.school]) {
      expect(ids(itemOf(report, `education[${records.school}].safeguardingConcerns`).decision)).toContain("sar-third-party");
      expect(itemOf(report, `education[${records.school}].safeguardingConcerns`).decision.outcome).toBe("WITHHELD");
      expect(itemOf(report, `education[${records.school}].dslName`).decision).toMatchObject({ outcome: "INCLUDED", released: true });
    }
    expect(itemOf(own.csc, `socialCare[${records.csc}].allocatedWorkerName`).decision).toMatchObject({ outcome: "INCLUDED" });
  });

  it("health data (Sch.3 Pt 2): held until the appropriate health professional's opinion is recorded", () => {
    const conditions = itemOf(own.gp, `health[${records.gp}].conditions`);
    expect(conditions.decision).toMatchObject({ outcome: "REVIEW_REQUIRED", healthOpinionRequired: true, released: false, awaiting: [{ id: "sar-health-serious-harm" }] });
    expect(conditions.decision.exemptions[0].citation).toBe("DPA 2018 Sch.3 Pt 2 paras 5 and 6");
    expect(itemOf(own.gp, `health[${records.gp}].gpPracticeName`).decision.outcome).toBe("INCLUDED");
  });

  it("social work data (Sch.3 Pt 3): the plan's status and category held for a serious-harm review", () => {
    expect(itemOf(own.csc, `socialCare[${records.csc}].status`).decision).toMatchObject({ outcome: "REVIEW_REQUIRED", awaiting: [{ id: "sar-social-work-serious-harm" }] });
    expect(itemOf(own.csc, `socialCare[${records.csc}]`).decision.outcome).toBe("INCLUDED");
  });

  it("child abuse data (Sch.3 Pt 5 para 21): held for a best-interests decision when a parent asks, not when the child does", () => {
    expect(ids(itemOf(parent.csc, `socialCare[${records.csc}]`).decision)).toEqual(["sar-child-abuse-data"]);
    expect(itemOf(parent.police, `police[${records.crime}]`).decision).toMatchObject({ outcome: "REVIEW_REQUIRED", awaiting: [{ id: "sar-child-abuse-data" }] });
    expect(ids(itemOf(own.police, `police[${records.crime}]`).decision)).toEqual([]);
  });

  it("crime and investigations (Sch.2 para 2; s.45(4)): an active investigation withheld, with the read that carried it; law-enforcement data held", () => {
    for (const report of [parent.police, own.police]) {
      expect(itemOf(report, `police[${records.investigation}]`).decision).toMatchObject({ outcome: "WITHHELD", exemptions: [expect.objectContaining({ id: "sar-active-investigation" })] });
      const [policeRead] = byRecipient(report, "POLICE-43");
      expect(policeRead?.decision.outcome).toBe("WITHHELD");
      expect(ids(policeRead?.decision)).toEqual(expect.arrayContaining(["sar-active-investigation", "sar-law-enforcement"]));
    }
    expect(itemOf(own.police, `police[${records.crime}].crimeReference`).decision).toMatchObject({ outcome: "REVIEW_REQUIRED", awaiting: [{ id: "sar-law-enforcement" }] });
  });

  it("a protected location (LOCATION_WITHHELD): withheld from a parent, given to the child it shelters", () => {
    const address = (report: Json) => (report.identity as Json[]).find((fact) => fact.kind === "ADDRESS" && fact.value.line1 === "2 Quiet Mews");
    expect(address(own.csc)?.decision).toMatchObject({ outcome: "INCLUDED", released: true });
    // Withheld from a parent: the item is there, its value is not.
    const placement = (parent.csc.identity as Json[]).filter((fact) => fact.kind === "ADDRESS" && fact.decision.outcome === "WITHHELD");
    expect(placement.map((fact) => [fact.value, fact.decision.exemptions.map((exemption: Json) => exemption.id)])).toEqual([[null, expect.arrayContaining(["sar-protected-location"])]]);
    expect(JSON.stringify(parent.csc)).not.toContain("Quiet Mews");
  });

  it("decides a record held for review: a decision on the record answers its record-level exemption for each field", async () => {
    const item = `socialCare[${records.csc}]`;
    const { body } = await as(CALLERS.igLead, DECIDE, { id: parentRequest.csc.id, decision: { item, decision: "INCLUDE", reason: "The plan was discussed with the mother at conference: releasing it is in the child's interests." }, access: sar("SAR-EX-PARENT-csc") });
    expect(body.errors).toBeUndefined();
    expect(body.data.decideSubjectAccessItem).toMatchObject({ item, decision: "INCLUDE", exemptions: ["sar-child-abuse-data"], outcome: "INCLUDED" });
    const after = await review(parentRequest.csc.id, "SAR-EX-PARENT-csc");
    expect(itemOf(after, item).decision).toMatchObject({ outcome: "INCLUDED", review: { decision: "INCLUDE", exemptions: ["sar-child-abuse-data"] } });
    expect(itemOf(after, `${item}.allocatedWorkerName`).decision).toMatchObject({ outcome: "INCLUDED", released: true });
    expect(itemOf(after, `${item}.status`).decision).toMatchObject({ outcome: "REVIEW_REQUIRED", awaiting: [{ id: "sar-social-work-serious-harm" }] });
  });

  it("decides health data only on a health professional's opinion, recent, and as the opinion says", async () => {
    const item = `health[${records.gp}].conditions`;
    const today = new Date().toISOString().slice(0, 10);
    const decide = (decision: Record<string, unknown>) => as(ig.gp, DECIDE, { id: childRequest.gp.id, decision: { item, reason: "Discussed with her GP, who knows her well and saw her last week.", ...decision }, access: sar("SAR-EX-CHILD-gp") });
    const opinion = (extra: Record<string, unknown> = {}) => ({ professional: "Her GP at Example Vale Surgery", givenOn: today, seriousHarm: false, ...extra });
    const refusals: [Record<string, unknown>, string][] = [
      [{ decision: "INCLUDE" }, "HEALTH_OPINION_REQUIRED"],
      [{ decision: "INCLUDE", healthOpinion: opinion({ seriousHarm: true }) }, "HEALTH_OPINION_CONTRADICTED"],
      [{ decision: "WITHHOLD", healthOpinion: opinion() }, "HEALTH_OPINION_CONTRADICTED"],
      [{ decision: "INCLUDE", healthOpinion: opinion({ givenOn: "2020-01-06" }) }, "HEALTH_OPINION_OUT_OF_DATE"],
      [{ decision: "INCLUDE", healthOpinion: opinion(), reason: "ok" }, "REASON_REQUIRED"],
    ];
    for (const [decision, problem] of refusals) {
      const { body } = await decide(decision);
      expect([problem, body.errors?.[0]?.extensions]).toEqual([problem, expect.objectContaining({ code: "INVALID_INPUT", problem })]);
    }
    expect(itemOf(await review(childRequest.gp.id, "SAR-EX-CHILD-gp", ig.gp), item).decision.outcome).toBe("REVIEW_REQUIRED");

    const { body } = await decide({ decision: "INCLUDE", healthOpinion: opinion() });
    expect(body.data.decideSubjectAccessItem).toMatchObject({ outcome: "INCLUDED", exemptions: ["sar-health-serious-harm"] });
    const after = await review(childRequest.gp.id, "SAR-EX-CHILD-gp", ig.gp);
    expect(itemOf(after, item).decision).toMatchObject({ outcome: "INCLUDED", released: true, review: { healthOpinion: { professional: "Her GP at Example Vale Surgery", givenOn: today, seriousHarm: false } } });
    const copy = await release(childRequest.gp.id, "SAR-EX-CHILD-gp", ig.gp);
    expect((copy.records as Json[]).find((record) => record.recordType === "HEALTH")?.fields).toEqual(expect.arrayContaining([{ field: "conditions", value: [expect.objectContaining({ description: "Anxiety" })] }]));

    // A second opinion reverses it: the later decision supersedes the first, and both stay on record.
    const reversed = await decide({ decision: "WITHHOLD", healthOpinion: opinion({ professional: "Her consultant psychiatrist", seriousHarm: true }), reason: "The consultant now treating her advises that reading this would set back her recovery." });
    expect(reversed.body.data.decideSubjectAccessItem).toMatchObject({ outcome: "WITHHELD", exemptions: ["sar-health-serious-harm"] });
    const reviewed = itemOf(await review(childRequest.gp.id, "SAR-EX-CHILD-gp", ig.gp), item);
    expect(reviewed).toMatchObject({ value: null, decision: { outcome: "WITHHELD", released: false, review: { decision: "WITHHOLD" } } });
    expect(JSON.stringify(await release(childRequest.gp.id, "SAR-EX-CHILD-gp", ig.gp))).not.toContain("Anxiety");
    const [{ count }] = await hub.hub.database.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM subject_access_item_decision WHERE item = $1`, [item]);
    expect(count).toBe(2);
  });

  it("refuses a decision on an item not held for review, or not the agency's own", async () => {
    // A parent's request of this test's own, on which the council has decided its plan record for release:
    // the record's fields are no longer held for review.
    const reference = "SAR-EX-PARENT-csc-2";
    const request = await open(sui, reference, PARENT, undefined, ig.csc);
    const decided = await as(CALLERS.igLead, DECIDE, { id: request.id, decision: { item: `socialCare[${records.csc}]`, decision: "INCLUDE", reason: "The plan was discussed with the mother at conference: releasing it is in the child's interests." }, access: sar(reference) });
    expect(decided.body.errors).toBeUndefined();
    // The police's record of abuse waits on a decision for a parent, but it is the force's to take, not the council's.
    expect(itemOf(parent.police, `police[${records.crime}]`).decision.outcome).toBe("REVIEW_REQUIRED");
    for (const item of [`socialCare[${records.csc}].allocatedWorkerName`, `police[${records.investigation}]`, `police[${records.crime}]`, `education[${records.school}].safeguardingConcerns`, "nothing[at-all]"]) {
      const { body } = await as(CALLERS.igLead, DECIDE, { id: request.id, decision: { item, decision: "INCLUDE", reason: "Trying to release something the report does not hold for review." }, access: sar(reference) });
      expect(body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "ITEM_NOT_UNDER_REVIEW" });
    }
  });

  it("releases only what is included, and nothing that shows anything was withheld", async () => {
    const copy = await release(parentRequest.school.id, "SAR-EX-PARENT-school", ig.school);
    const text = JSON.stringify(copy);
    for (const hidden of ["WITHHELD", "REVIEW_REQUIRED", "sar-", "exemption", "counts", "Quiet Mews", "uncle", "Anxiety", "998877", "TVP-SAR-EX-2", "POLICE-43", "Sch."]) expect([hidden, text.includes(hidden)]).toEqual([hidden, false]);
    expect(Object.keys(copy).sort()).toEqual(["identity", "producedAt", "purposes", "recipients", "records", "reference", "retention", "rights", "sui"]);
    const schoolRecord = (copy.records as Json[]).find((record) => record.recordType === "EDUCATION");
    expect(schoolRecord?.fields.map((field: Json) => field.field)).toEqual(expect.arrayContaining(["rollStatus", "dslName"]));
    expect(schoolRecord?.fields.map((field: Json) => field.field)).not.toContain("safeguardingConcerns");
    // The school's read carried the protection plan, which waits on a best-interests decision for a parent.
    // The school answers for its read, decided on all it carried though it lists only the school's part.
    const [schoolRead] = byRecipient(parent.school, "SCH-199001");
    expect(schoolRead?.decision).toMatchObject({ outcome: "REVIEW_REQUIRED", awaiting: [{ id: "sar-child-abuse-data" }] });
    expect(copy.recipients).toEqual([]);
  });

  it("lists a released disclosure with the categories of what the release itself contains", async () => {
    const copy = await release(childRequest.school.id, "SAR-EX-CHILD-school", ig.school);
    const [schoolRead] = copy.recipients as Json[];
    expect(copy.recipients).toHaveLength(1);
    expect(schoolRead).toMatchObject({ agencyCode: "SCH-199001", roles: ["SCHOOL_DSL"], purpose: "STRATEGY_DISCUSSION", categories: expect.arrayContaining(["education.rollStatus", "demographics.givenNames"]) });
    // Carried, but withheld (a third party) or held for review (social work): not listed.
    expect(schoolRead?.categories).not.toContain("education.safeguardingConcerns");
    expect(schoolRead?.categories).not.toContain("socialCare.status");
    expect(byRecipient(own.school, "SCH-199001")[0]?.categories).toEqual(expect.arrayContaining(["education.safeguardingConcerns"]));
    // What it carried of the council's record is the council's to report (`own.csc`), not the school's.
    expect(byRecipient(own.school, "SCH-199001")[0]?.categories.filter((category: string) => !category.startsWith("education.") && !category.startsWith("demographics."))).toEqual([]);
    expect(byRecipient(own.csc, "SCH-199001")[0]?.categories).toEqual(expect.arrayContaining(["socialCare.status"]));
  });

  it("audits each view, naming the request and the view, with the IG lead's own context", async () => {
    const { requestId } = await as(CALLERS.igLead, RELEASE, { id: parentRequest.csc.id, access: sar("SAR-EX-PARENT-csc", "Producing the copy to post to the mother today") });
    const [entry] = await hub.hub.database.dataSource.query<Json[]>(`SELECT operation, outcome, principal_sub, child_suis, purpose, justification, case_reference, details FROM disclosure_audit WHERE request_id = $1`, [requestId]);
    expect(entry).toMatchObject({
      operation: "SUBJECT_ACCESS_REPORT", outcome: "DISCLOSED", principal_sub: "ig-lead", child_suis: [sui], purpose: "SUBJECT_ACCESS_REQUEST",
      justification: "Producing the copy to post to the mother today", case_reference: "SAR-EX-PARENT-csc",
      details: { subjectAccessRequestId: parentRequest.csc.id, reference: "SAR-EX-PARENT-csc", view: "RELEASE", counts: expect.objectContaining({ withheld: expect.any(Number) }) },
    });
    const reviewed = await as(CALLERS.igLead, REVIEW, { id: parentRequest.csc.id, access: sar("SAR-EX-PARENT-csc") });
    const [reviewEntry] = await hub.hub.database.dataSource.query<Json[]>(`SELECT details FROM disclosure_audit WHERE request_id = $1`, [reviewed.requestId]);
    expect(reviewEntry?.details.view).toBe("REVIEW");
  });

  it("refuses anyone but an IG lead, on the trail", async () => {
    const refused = await as(CALLERS.cscManager, REVIEW, { id: parentRequest.csc.id, access: sar("SAR-EX-PARENT-csc", "A manager reading the subject access report") });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(refused.body.data).toBeNull();
    const [entry] = await hub.hub.database.dataSource.query<Json[]>(`SELECT outcome, refusal_rule FROM disclosure_audit WHERE request_id = $1`, [refused.requestId]);
    expect(entry).toEqual({ outcome: "REFUSED", refusal_rule: "subject-access:ig-lead-only" });
  });
});

describe("opening, listing, extending and closing requests", () => {
  const sui = next();

  beforeAll(async () => {
    // The council's own record: the date of birth its competence is presumed from.
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", { sui, givenNames: "Ravi", familyName: "Thornbury", dateOfBirth: "2009-01-20", sex: "MALE", address: home("40 Mill Road", "HP20 9LL") }, "CSC-SAR-CASE-1"));
  });

  it("opens a request with its clock from policy, presuming a 16-year-old's competence", async () => {
    const request = await open(sui, "SAR-CASE-0001", { standing: "CHILD", name: "Ravi" });
    expect(request).toMatchObject({ status: "OPEN", overdue: false, timescaleEdition: "working-together-2023", requester: { standing: "CHILD", competence: "PRESUMED", basis: null }, extension: null });
    expect(request.dueAt).toBe(request.originalDueAt);
    expect(new Date(request.latestDueAt).getTime()).toBeGreaterThan(new Date(request.dueAt).getTime());
  });

  it("refuses a reference already used, a request from the future, a parent without the basis, a malformed SUI or id", async () => {
    await open(sui, "SAR-CASE-0005", { standing: "CHILD", name: "Ravi" });
    const attempt = (request: Record<string, unknown>) => as(CALLERS.igLead, OPEN, { request: { sui, reference: "SAR-CASE-0002", receivedAt: new Date(Date.now() - 3_600_000).toISOString(), requester: PARENT, ...request }, access: sar("SAR-CASE-0002") });
    expect((await attempt({ reference: "SAR-CASE-0005" })).body.errors[0].extensions).toMatchObject({ code: "CONFLICT", path: "request.reference" });
    expect((await attempt({ receivedAt: new Date(Date.now() + 86_400_000).toISOString() })).body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "RECEIVED_OUT_OF_RANGE" });
    expect((await attempt({ requester: { ...PARENT, basis: "says she is mum" } })).body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "BASIS_REQUIRED", path: "request.requester.basis" });
    expect((await attempt({ sui: "1234567890" })).body.errors[0].extensions).toMatchObject({ code: "INVALID_SUI" });
    const malformed = await as(CALLERS.igLead, REVIEW, { id: "not-an-id", access: sar("SAR-CASE-0005") });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path: "id" });
  });

  it("lists the open requests, the soonest due first, a page at a time, audited with the children named", async () => {
    const LIST = "query ($access: AccessContext!, $first: Int, $after: String) { subjectAccessRequests(access: $access, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id reference dueAt status } } }";
    const later = await open(sui, "SAR-CASE-0003", { standing: "CHILD", name: "Ravi" }, new Date(Date.now() - 3_600_000));
    const all: Json[] = [];
    let after: string | null = null;
    do {
      const page: { body: Json; requestId: string } = await as(CALLERS.igLead, LIST, { access: sar("SAR-CASE-LIST", "Morning check of subject access deadlines"), first: 2, after });
      expect(page.body.errors).toBeUndefined();
      all.push(...page.body.data.subjectAccessRequests.nodes);
      after = page.body.data.subjectAccessRequests.pageInfo.hasNextPage ? page.body.data.subjectAccessRequests.pageInfo.endCursor : null;
      const [entry] = await hub.hub.database.dataSource.query<Json[]>(`SELECT operation, outcome, child_suis FROM disclosure_audit WHERE request_id = $1`, [page.requestId]);
      expect(entry).toMatchObject({ operation: "SUBJECT_ACCESS_REQUESTS_READ", outcome: "DISCLOSED" });
    } while (after !== null);
    const dues = all.map((node) => new Date(node.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(all.map((node) => node.id)).size).toBe(all.length);
    expect(all.map((node) => node.id)).toContain(later.id);

    const CLOSE = "mutation ($id: ID!, $access: AccessContext!) { closeSubjectAccessRequest(id: $id, outcome: WITHDRAWN, note: \"Withdrawn by letter; the requester will ask again next year.\", access: $access) { status closure { outcome note closedBySub } } }";
    const closed = await as(CALLERS.igLead, CLOSE, { id: later.id, access: sar("SAR-CASE-0003") });
    expect(closed.body.data.closeSubjectAccessRequest).toMatchObject({ status: "CLOSED", closure: { outcome: "WITHDRAWN", closedBySub: "ig-lead" } });
    const afterClosing = await as(CALLERS.igLead, LIST, { access: sar("SAR-CASE-LIST", "Morning check of subject access deadlines"), first: 200 });
    expect(afterClosing.body.data.subjectAccessRequests.nodes.map((node: Json) => node.id)).not.toContain(later.id);
    expect((await as(CALLERS.igLead, CLOSE, { id: later.id, access: sar("SAR-CASE-0003") })).body.errors[0].extensions).toMatchObject({ code: "CONFLICT", problem: "REQUEST_CLOSED" });
  });

  it("extends once, by at most two months, with a reason, audited", async () => {
    const request = await open(sui, "SAR-CASE-0004", PARENT);
    const EXTEND = "mutation ($id: ID!, $months: Int!, $reason: String!, $access: AccessContext!) { extendSubjectAccessRequest(id: $id, months: $months, reason: $reason, access: $access) { dueAt originalDueAt extension { months reason extendedBySub } } }";
    const extend = (months: number, reason = "Records held by four agencies, two needing a health professional's view.") => as(CALLERS.igLead, EXTEND, { id: request.id, months, reason, access: sar("SAR-CASE-0004") });
    expect((await extend(3)).body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "EXTENSION_TOO_LONG" });
    expect((await extend(2, "busy")).body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", problem: "REASON_REQUIRED" });
    const extended = await extend(2);
    expect(extended.body.data.extendSubjectAccessRequest).toMatchObject({ originalDueAt: request.originalDueAt, dueAt: request.latestDueAt, extension: { months: 2, extendedBySub: "ig-lead" } });
    const [entry] = await hub.hub.database.dataSource.query<Json[]>(`SELECT operation, outcome, details FROM disclosure_audit WHERE request_id = $1`, [extended.requestId]);
    expect(entry).toMatchObject({ operation: "SUBJECT_ACCESS_REQUEST_EXTENDED", outcome: "RECORDED", details: { months: 2, dueAt: request.latestDueAt, reference: "SAR-CASE-0004" } });
    expect((await extend(1)).body.errors[0].extensions).toMatchObject({ code: "CONFLICT", problem: "ALREADY_EXTENDED" });
  });
});



describe("which IG leads answer for a child", () => {
  const sui = next();
  const child = { sui, givenNames: "Morwenna", familyName: "Tregear", dateOfBirth: "2013-09-09", sex: "FEMALE", address: home("6 Quay Street", "HP20 4QS") };
  const otherSchoolIg: TestClaims = { sub: "ig-sch-2", name: "Test ig-sch-2", agency: "SCH-199002", agency_type: "EDUCATION", roles: ["IG_LEAD"], la: BUCKS };
  let councilRequest: Json;

  beforeAll(async () => {
    await hub.hub.database.dataSource.getRepository(Agency).insert(testAgency("SCH-199002", "Sampleford Primary Academy", "EDUCATION", BUCKS));
    await submit("EDUCATION", school(child, "UPN-SAR-WHO-1"));
    await submit("POLICE", police(child, "TVP-SAR-WHO-1", { summary: "Concern raised by a neighbour." }));
    await read(CALLERS.schoolDsl, sui, DSL_CONTEXT);
    councilRequest = await open(sui, "SAR-WHO-0001");
  });

  it("the council where the child lives answers for nothing when it holds no record of its own: the school and the police answer for theirs", async () => {
    const report = await review(councilRequest.id, "SAR-WHO-0001");
    expect(report).toMatchObject({ identity: [], records: [], disclosures: [] });
    for (const held of ["Morwenna", "Quay Street", "neighbour", "UPN-SAR-WHO-1", "TVP-SAR-WHO-1"]) expect(JSON.stringify(report)).not.toContain(held);
  });

  it("an agency that holds nothing about the child finds nothing held, and learns nothing of what others hold", async () => {
    const opened = await as(otherSchoolIg, OPEN, { request: { sui, reference: "SAR-WHO-0002", receivedAt: new Date(Date.now() - 86_400_000).toISOString(), requester: PARENT }, access: sar("SAR-WHO-0002") });
    expect(opened.body.errors).toBeUndefined();
    const { body } = await as(otherSchoolIg, REVIEW, { id: opened.body.data.openSubjectAccessRequest.id, access: sar("SAR-WHO-0002") });
    expect(body.errors).toBeUndefined();
    expect(body.data.subjectAccessReview).toMatchObject({ identity: [], records: [], disclosures: [] });
    for (const held of ["Morwenna", "Quay Street", "neighbour", "UPN-SAR-WHO-1"]) expect(JSON.stringify(body)).not.toContain(held);
  });

  it("the council where only a refuge puts the child answers for nothing, however the refuge was reported", async () => {
    const refuged = next();
    const refuge = { kind: "REFUGE", line1: "Haven House, 2 Lantern Lane", town: "Fenby", postcode: "PE21 7RF", localAuthority: LINCS, labels: ["LOCATION_WITHHELD"] };
    const placed = { sui: refuged, givenNames: "Tamsin", familyName: "Tregear", dateOfBirth: "2013-10-10", sex: "FEMALE" };
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", { ...placed, address: refuge }, "CSC-SAR-REFUGE-9", { responsibleLocalAuthority: BUCKS }));
    // The school registered her at the refuge as her home, without the label.
    await submit("EDUCATION", school({ ...placed, address: { ...refuge, kind: "HOME", labels: [] } }, "UPN-SAR-REFUGE-9"));
    const lincsIg: TestClaims = { sub: "ig-lincs-sar", name: "Test ig-lincs-sar", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["IG_LEAD"], la: LINCS };
    const opened = await as(lincsIg, OPEN, { request: { sui: refuged, reference: "SAR-WHO-0003", receivedAt: new Date(Date.now() - 86_400_000).toISOString(), requester: PARENT }, access: sar("SAR-WHO-0003") });
    expect(opened.body.errors).toBeUndefined();
    const { body } = await as(lincsIg, REVIEW, { id: opened.body.data.openSubjectAccessRequest.id, access: sar("SAR-WHO-0003") });
    expect(body.errors).toBeUndefined();
    expect(body.data.subjectAccessReview).toMatchObject({ identity: [], records: [], disclosures: [] });
    for (const held of ["Tamsin", "Lantern", "PE21", "UPN-SAR-REFUGE-9"]) expect(JSON.stringify(body)).not.toContain(held);
  });

  it("another agency's request is not another IG lead's to read, decide or close", async () => {
    const { body } = await as(otherSchoolIg, REVIEW, { id: councilRequest.id, access: sar("SAR-WHO-0001") });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", path: "id" });
    const listed = await as(otherSchoolIg, "query ($access: AccessContext!) { subjectAccessRequests(access: $access) { nodes { id } } }", { access: sar("SAR-WHO-LIST") });
    expect(listed.body.errors).toBeUndefined();
    expect(JSON.stringify(listed.body.data)).not.toContain(councilRequest.id);
  });
});


describe("each agency answers for what it holds (UK GDPR Art 15 is per controller)", () => {
  const sui = next();
  const lapsedSui = next();
  const child = { sui, givenNames: "Mira", familyName: "Holloway", dateOfBirth: "2011-02-02", sex: "FEMALE", address: home("8 Long Lane", "HP20 1UA") };
  const refuge = { kind: "REFUGE", line1: "4 Weir Close", postcode: "HP21 3WC", localAuthority: BUCKS, labels: ["LOCATION_WITHHELD"] };
  const father = { reference: "A7701ZZ", givenNames: "Dale", familyName: "Holloway", dateOfBirth: "1979-01-01", sex: "MALE", homeLocalAuthority: LINCS, relationship: "FATHER", parentalResponsibility: true, posesRiskToChild: true, subjectOfRecord: true };
  const prisonIg = igLeadOf("HMP-EXAMPLETON", "PRISON", LINCS);
  const others: string[] = [];
  let prisonRecord: string;
  let prisonReview: Json;

  beforeAll(async () => {
    others.push(await submit("POLICE", police(child, "TVP-SAR-REACH-1", { intelligence: "Uncle arranging travel abroad for marriage" })));
    others.push(await submit("EDUCATION", school(child, "UPN-SAR-REACH-1", { safeguardingConcerns: [{ category: "FORCED_MARRIAGE", summary: "Pupil disclosed a marriage planned this summer", recordedOn: "2026-10-02" }] }, ), BUCKS));
    others.push(await submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-SAR-REACH-1", child: { ...child, address: refuge }, health: { gpPracticeCode: "K99001", registeredOn: "2012-01-01", conditions: [{ description: "Termination of pregnancy" }] } }));
    prisonRecord = await submit("PRISON", {
      agencyCode: "HMP-EXAMPLETON", agencyReference: "HMP-SAR-REACH-1", child: { ...child, address: undefined }, relatedAdults: [father],
      prison: { prisonNumber: "A7701ZZ", pprcStatus: "CONFIRMED", pprcAssessedOn: "2026-09-20", expectedReleaseDate: "2027-01-10" },
    }, LINCS);
    await read(CALLERS.police, sui, POLICE_CONTEXT);
    const request = await open(sui, "SAR-REACH-0001", { ...PARENT, name: "The child's father" }, undefined, prisonIg);
    prisonReview = await review(request.id, "SAR-REACH-0001", prisonIg);
  });

  it("gives a prison whose only record is the father's PPRC its own record, and nothing of the police, the school or the GP", () => {
    expect((prisonReview.records as Json[]).map((record) => [record.item, record.source.agencyCode])).toEqual([[`prison[${prisonRecord}]`, "HMP-EXAMPLETON"]]);
    const text = JSON.stringify(prisonReview);
    // The force's read is listed (it carried the prison's record: who saw the prison's data), without its practitioner's words.
    for (const hidden of ["travel abroad", "marriage planned", "Termination", "Weir Close", "HP21 3WC", "planned forced marriage", "SCH-199001", "GP-K99001", "\"police.", "\"education.", "\"health.", ...others]) expect(text).not.toContain(hidden);
    expect((prisonReview.identity as Json[]).every((fact) => (fact.sources as Json[]).every((source) => source.agencyCode === "HMP-EXAMPLETON"))).toBe(true);
  });

  it("never carries the value of an item it withholds, to the IG lead either", () => {
    const fields = (prisonReview.records as Json[]).flatMap((record) => record.fields as Json[]);
    const withheld = fields.filter((field) => field.decision.outcome === "WITHHELD");
    expect(withheld.map((field) => field.field)).toContain("prisoner");
    expect(withheld.map((field) => field.value)).toEqual(withheld.map(() => null));
    expect(JSON.stringify(prisonReview)).not.toContain("Dale");
    expect(fields.find((field) => field.field === "pprcStatus")?.value).toBe("CONFIRMED");
  });

  it("gives a school whose involvement lapsed its own record still, and not the police intelligence", async () => {
    const kid = { ...child, sui: lapsedSui, givenNames: "Bea" };
    const record = await submit("EDUCATION", school(kid, "UPN-SAR-REACH-2", { rollStatus: "LEFT", onRollFrom: "2016-09-04", leftOn: "2021-07-20" }));
    await submit("POLICE", police(kid, "TVP-SAR-REACH-2", { intelligence: "Seen with an older man at the station" }));
    const request = await open(lapsedSui, "SAR-REACH-0002", PARENT, undefined, schoolIg);
    const report = await review(request.id, "SAR-REACH-0002", schoolIg);
    expect((report.records as Json[]).map((held) => held.item)).toEqual([`education[${record}]`]);
    expect(JSON.stringify(report)).not.toContain("older man");
  });
});

describe("opening a request says nothing of a child held only by other agencies", () => {
  const heldByOthers = next();
  const sealedByOthers = next();
  const notHeld = next();
  const ownSui = next();
  // Seventeen today: presumed competent, if the date of birth were the opening agency's to read.
  const seventeen = `${new Date().getUTCFullYear() - 17}-01-15`;
  const kid = (sui: string) => ({ sui, givenNames: "Orla", familyName: "Quenby", dateOfBirth: seventeen, sex: "FEMALE", address: home("3 Hidden Row", "HP20 2ZZ") });
  let n = 0;
  const attempt = async (sui: string, caller = schoolIg) => {
    n += 1;
    const reference = `SAR-EXIST-${n}`;
    const { body } = await as(caller, OPEN, { request: { sui, reference, receivedAt: new Date(Date.now() - 86_400_000).toISOString(), requester: { standing: "CHILD", name: "The child" } }, access: sar(reference) });
    return { opened: body.data?.openSubjectAccessRequest?.requester ?? null, error: body.errors?.[0]?.extensions ?? null };
  };

  beforeAll(async () => {
    await submit("POLICE", police(kid(heldByOthers), "TVP-SAR-EXIST-1"));
    await submit("POLICE", police(kid(sealedByOthers), "TVP-SAR-EXIST-2", {}, { labels: ["SEALED"] }));
    await submit("EDUCATION", school(kid(ownSui), "UPN-SAR-EXIST-1"));
  });

  it("answers a child held by another agency, sealed or not, as a child the hub does not hold, by the same statements", async () => {
    const missing = await attempt(notHeld);
    expect(missing).toEqual({ opened: null, error: expect.objectContaining({ code: "INVALID_INPUT", problem: "ASSESSMENT_REQUIRED" }) });
    expect(await attempt(heldByOthers)).toEqual(missing);
    expect(await attempt(sealedByOthers)).toEqual(missing);
    const notHeldStatements = await statementsFor(() => attempt(notHeld));
    expect(notHeldStatements).toBeGreaterThan(0);
    expect(await statementsFor(() => attempt(heldByOthers))).toBe(notHeldStatements);
    expect(await statementsFor(() => attempt(sealedByOthers))).toBe(notHeldStatements);
    // The date of birth the opening agency's own record reports is its to go by.
    expect((await attempt(ownSui)).opened).toMatchObject({ standing: "CHILD", competence: "PRESUMED" });
  });
});
