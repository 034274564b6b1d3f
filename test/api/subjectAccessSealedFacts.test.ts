import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * A sealed identity in the subject access report: its date of birth and sex, where they differ from the
 * child's own, are facts only the sealed record reports. Each agency answers for what it holds, so only
 * the sealing agency's review has them at all, and even there — withheld whatever the IG lead decides —
 * never as a value nor inside the name of the item that stands for them; no other agency's review or
 * release has anything of them. Children and agencies of this file's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(832_700);
const next = () => suis.next().value as string;

const BUCKS = "E06000060";
const LINCS = "E10000019";

type Json = Record<string, any>;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function submit(agencyType: string, record: Record<string, unknown>, la = BUCKS): Promise<string> {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, la)))).body;
  expect(body.errors).toBeUndefined();
  return body.data.submitRecord.recordId as string;
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
      disclosures { item auditEntryId recipient { agencyCode agencyName agencyType roles } purpose lawfulBasis justification categories releasedCategories decision { ${DECISION} } }
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

const PARENT = { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The child's mother", basis: "Birth certificate seen at the front desk; no order affecting her parental responsibility." };

async function open(sui: string, reference: string, caller: TestClaims, requester: Record<string, unknown> = PARENT, receivedAt = new Date(Date.now() - 86_400_000)): Promise<Json> {
  const { body } = await as(caller, OPEN, { request: { sui, reference, receivedAt: receivedAt.toISOString(), requester }, access: sar(reference) });
  expect(body.errors).toBeUndefined();
  return body.data.openSubjectAccessRequest as Json;
}

async function review(id: string, reference: string, caller: TestClaims): Promise<Json> {
  const { body } = await as(caller, REVIEW, { id, access: sar(reference) });
  expect(body.errors).toBeUndefined();
  return body.data.subjectAccessReview as Json;
}

async function release(id: string, reference: string, caller: TestClaims): Promise<Json> {
  const { body } = await as(caller, RELEASE, { id, access: sar(reference) });
  expect(body.errors).toBeUndefined();
  return body.data.subjectAccessRelease as Json;
}

const igLeadOf = (agency: string, agencyType: string, la = BUCKS): TestClaims => ({ ...CALLERS.igLead, sub: `ig-${agency.toLowerCase()}`, agency, agency_type: agencyType, la });
const schoolIg = igLeadOf("SCH-199001", "EDUCATION");
const lincsIg = igLeadOf("LA-E10000019", "CHILDRENS_SOCIAL_CARE", LINCS);

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

describe("a sealed identity's sex", () => {
  const sui = next();
  const known = { sui, givenNames: "Tobin", familyName: "Westerly", dateOfBirth: "2012-04-23", sex: "MALE", address: home("5 Wharf Row", "HP21 7WR") };
  const sealed = { ...known, givenNames: "Ansel", familyName: "Greywater", dateOfBirth: "2012-04-23", sex: "FEMALE", address: home("2 Fenside", "LN2 5FF", LINCS) };
  let request: Json;
  let report: Json;
  let sealing: Json;

  beforeAll(async () => {
    await submit("EDUCATION", school(known, "UPN-SAR-SEALDOB-1"));
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E10000019", sealed, "LCC-SAR-SEALDOB-1", { responsibleLocalAuthority: LINCS }, { labels: ["SEALED"] }), LINCS);
    request = await open(sui, "SAR-SEALDOB-0001", schoolIg);
    report = await review(request.id, "SAR-SEALDOB-0001", schoolIg);
    sealing = await review((await open(sui, "SAR-SEALDOB-0002", lincsIg)).id, "SAR-SEALDOB-0002", lincsIg);
  });

  it("reach the sealing council's own review only as a withheld fact, never by value nor in an item's name", () => {
    const text = JSON.stringify(sealing);
    for (const hidden of ["FEMALE", "Greywater", "Fenside"]) expect(text).not.toContain(hidden);
    const sex = (sealing.identity as Json[]).filter((fact) => fact.kind === "SEX");
    expect(sex.map((fact) => [fact.value, fact.decision.outcome])).toEqual([[null, "WITHHELD"]]);
  });

  it("reach another agency's review not at all", () => {
    const text = JSON.stringify(report);
    for (const hidden of ["FEMALE", "Greywater", "Fenside", "LA-E10000019", "LCC-SAR-SEALDOB-1"]) expect(text).not.toContain(hidden);
    expect(text).toContain("2012-04-23");
  });

  it("reach the requester not at all", async () => {
    const text = JSON.stringify(await release(request.id, "SAR-SEALDOB-0001", schoolIg));
    for (const hidden of ["FEMALE", "Greywater", "Fenside", "RESTRICTED"]) expect(text).not.toContain(hidden);
  });
});

describe("a school's ordinary read of a child with a brokered and a sealed record", () => {
  const sui = next();
  const pupil = { sui, givenNames: "Wren", familyName: "Ashcombe", dateOfBirth: "2011-02-14", sex: "FEMALE", address: home("8 Mill Lane", "HP21 8ML") };
  const clinic = {
    agencyCode: "TRUST-RX1", agencyReference: "SHC-SAR-RECIP-1", child: { ...pupil, givenNames: "Wrenna" },
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-06-01" }, labels: ["BROKERED"],
  };
  const sealedPolice = {
    agencyCode: "POLICE-43", agencyReference: "TVP-SAR-RECIP-1", child: pupil,
    police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" }, labels: ["SEALED"],
  };
  let request: Json;
  let disclosureId: string;

  beforeAll(async () => {
    await submit("EDUCATION", school(pupil, "UPN-SAR-RECIP-1"));
    await submit("HEALTH", clinic);
    await submit("POLICE", sealedPolice);
    const read = await as(CALLERS.schoolDsl, CHILD_QUERY, { sui, access: access("STRATEGY_DISCUSSION", "PUBLIC_TASK", { justification: "Pupil disclosed worries at home to her teacher this morning." }) });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.child.restrictedInvolvement).toEqual([expect.objectContaining({ agencyType: "HEALTH" })]);
    disclosureId = read.body.data.child.disclosureId as string;
    request = await open(sui, "SAR-RECIP-0001", schoolIg);
  });

  it("is released: what went to the school is the child's to know (Art 15(1)(c)), the restricted records are not", async () => {
    const report = await review(request.id, "SAR-RECIP-0001", schoolIg);
    const entry = (report.disclosures as Json[]).find((disclosure) => disclosure.auditEntryId === disclosureId);
    expect(entry?.decision).toMatchObject({ outcome: "INCLUDED", released: true });
    expect(entry?.decision.exemptions.map((exemption: Json) => exemption.id)).not.toContain("sar-restricted-record");
    const copy = await release(request.id, "SAR-RECIP-0001", schoolIg);
    expect(copy.recipients).toEqual([expect.objectContaining({ agencyCode: "SCH-199001", agencyType: "EDUCATION", purpose: "STRATEGY_DISCUSSION" })]);
    const text = JSON.stringify(copy);
    for (const hidden of ["TRUST-RX1", "POLICE-43", "Wrenna", "HEALTH", "\"health.", "\"police.", "RESTRICTED"]) expect(text).not.toContain(hidden);
  });
});
