import { RECORDS, SUBMIT } from "../support/fixtures";
import { access, CHILD_QUERY } from "../support/claims";
import { changeAgency } from "../support/directory";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const INBOX = /* GraphQL */ `query { notifications(first: 10) { nodes { id } } }`;

// This file's own school and pupil: nobody else's fixtures.
const SCHOOL = { code: "SCH-731001", name: "Brackenfold Primary School", type: "EDUCATION", localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"], contactEmail: "office@brackenfold.example" };
const PUPIL = { sui: "9990731012", givenNames: "Isolde", familyName: "Wrenhallow", dateOfBirth: "2017-05-21", sex: "FEMALE", address: { kind: "HOME", line1: "3 Tansy Row", town: "Sampleton", postcode: "HP20 2AB", localAuthority: "E06000060" } };
const schoolSystem: TestClaims = { sub: "system-brackenfold", name: "Brackenfold MIS", agency: SCHOOL.code, agency_type: "EDUCATION", roles: ["AGENCY_SYSTEM"], la: "E06000060" };
const dsl: TestClaims = { sub: "dsl-brackenfold", name: "Test dsl-brackenfold", agency: SCHOOL.code, agency_type: "EDUCATION", roles: ["SCHOOL_DSL"], la: "E06000060" };
const readPupil = async (caller: TestClaims) => hub.graphql(CHILD_QUERY, { sui: PUPIL.sui, access: access("SECTION_47_ENQUIRY") }, await hub.token(caller));

/**
 * A token says who the caller is; the directory says whether their agency is still one the hub shares
 * with. Deactivating an agency (it closed, merged, or its agreement ended) stops its staff's reads as
 * well as its submissions, and a token claiming another type for an agency the directory holds is
 * refused before any resolver runs.
 */
describe("an agency the directory no longer holds as active", () => {
  beforeAll(async () => {
    await changeAgency(hub, SCHOOL);
    const submitted = await hub.graphql(SUBMIT, { record: { ...RECORDS.EDUCATION, agencyCode: SCHOOL.code, agencyReference: "UPN-BF-0001", child: PUPIL } }, await hub.token(schoolSystem)).expect(200);
    expect(submitted.body.errors).toBeUndefined();
  });

  test("while active, its DSL reads its pupil", async () => {
    const response = await readPupil(dsl);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.child.demographics.givenNames).toBe("Isolde");
  });

  test("a token claiming another type for it is FORBIDDEN (HTTP 403), nothing read", async () => {
    const response = await readPupil({ ...dsl, sub: "dsl-as-police", agency_type: "POLICE", roles: ["POLICE_OFFICER"] });
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "AGENCY_TYPE_MISMATCH" });
    expect(response.body.data ?? null).toBeNull();
  });

  test("its DSL's token naming an area the school does not serve is FORBIDDEN (HTTP 403, AGENCY_AREA_MISMATCH), nothing read", async () => {
    const response = await readPupil({ ...dsl, sub: "dsl-brackenfold-elsewhere", la: "E10000019" });
    expect({ status: response.status, extensions: response.body.errors?.[0]?.extensions, data: response.body.data ?? null })
      .toEqual({ status: 403, extensions: expect.objectContaining({ code: "FORBIDDEN", problem: "AGENCY_AREA_MISMATCH" }), data: null });
  });

  test("once deactivated, its staff read nothing: the child and the inbox are FORBIDDEN (HTTP 403)", async () => {
    // A school of its own to close, with the pupil on its roll: the tests above read through the one still open.
    const closing = { ...SCHOOL, code: "SCH-731002", name: "Brackenfold Infant School", contactEmail: "office@brackenfold-infant.example" };
    const closingSystem: TestClaims = { ...schoolSystem, sub: "system-brackenfold-infant", agency: closing.code };
    const closingDsl: TestClaims = { ...dsl, sub: "dsl-brackenfold-infant", agency: closing.code };
    await changeAgency(hub, closing);
    const submitted = await hub.graphql(SUBMIT, { record: { ...RECORDS.EDUCATION, agencyCode: closing.code, agencyReference: "UPN-BFI-0001", child: PUPIL } }, await hub.token(closingSystem)).expect(200);
    expect(submitted.body.errors).toBeUndefined();
    await changeAgency(hub, { ...closing, active: false });
    for (const [query, caller] of [[CHILD_QUERY, closingDsl], [INBOX, closingDsl], [INBOX, closingSystem]] as const) {
      const response = query === CHILD_QUERY ? await readPupil(caller) : await hub.graphql(query, {}, await hub.token(caller));
      expect(response.status).toBe(403);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "AGENCY_NOT_ACTIVE" });
      expect(response.body.data ?? null).toBeNull();
    }
  });
});

/**
 * An agency the directory does not hold has no agreement with the hub: its staff's tokens, whatever
 * their identity provider says of them, read nothing, search nothing and submit nothing — refused
 * before any resolver, as a deactivated agency is. A children's services token for an unregistered
 * council naming the pupil's area would otherwise be taken for the area's council.
 */
describe("an agency the directory does not hold", () => {
  const PUPIL_ELSEWHERE = { ...PUPIL, sui: "9990731020", givenNames: "Briony", familyName: "Marchfield", address: { ...PUPIL.address, line1: "5 Tansy Row" } };
  const unregistered = (roles: string[], sub: string): TestClaims => ({ sub, name: `Test ${sub}`, agency: "LA-E06000099", agency_type: "CHILDRENS_SOCIAL_CARE", roles, la: "E06000060" });
  const SEARCH = /* GraphQL */ `query ($criteria: SearchCriteriaInput!, $access: AccessContext!) { searchChildren(criteria: $criteria, access: $access) { candidates { sui } } }`;
  const DISCLOSURES = /* GraphQL */ `query ($access: AccessContext!) { disclosures(filter: {}, access: $access, first: 5) { nodes { id } } }`;
  const LINK_REVIEWS = /* GraphQL */ `query ($access: AccessContext!) { linkReviews(access: $access, first: 5) { nodes { id } } }`;

  beforeAll(async () => {
    const bucksSystem: TestClaims = { sub: "system-bucks-st", name: "Bucks case system", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["AGENCY_SYSTEM"], la: "E06000060" };
    const record = { agencyCode: "LA-E06000060", agencyReference: "CSC-UNREG-1", child: PUPIL_ELSEWHERE, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-10-01", responsibleLocalAuthority: "E06000060" } };
    const submitted = await hub.graphql(SUBMIT, { record }, await hub.token(bucksSystem)).expect(200);
    expect(submitted.body.errors).toBeUndefined();
  });

  test("its staff read no child, no inbox, no search, no trail, no link review, and its system submits nothing: FORBIDDEN (HTTP 403)", async () => {
    const calls: [string, Record<string, unknown>, TestClaims][] = [
      [CHILD_QUERY, { sui: PUPIL_ELSEWHERE.sui, access: access("SECTION_47_ENQUIRY") }, unregistered(["SOCIAL_WORKER"], "sw-unregistered")],
      [INBOX, {}, unregistered(["SOCIAL_WORKER"], "sw-unregistered")],
      [SEARCH, { criteria: { givenNames: "Briony", familyName: "Marchfield", dateOfBirth: { exact: PUPIL.dateOfBirth } }, access: access("REFERRAL_TRIAGE", "PUBLIC_TASK", { breakGlass: true, justification: "Out of hours: a child at the door who will not give her name." }) }, unregistered(["MASH_PRACTITIONER"], "mash-unregistered")],
      [DISCLOSURES, { access: access("INFORMATION_GOVERNANCE", "LEGAL_OBLIGATION") }, unregistered(["IG_LEAD"], "ig-unregistered")],
      [LINK_REVIEWS, { access: access("DATA_QUALITY") }, unregistered(["DATA_STEWARD"], "steward-unregistered")],
      [SUBMIT, { record: { agencyCode: "LA-E06000099", agencyReference: "CSC-UNREG-2", child: PUPIL_ELSEWHERE, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-10-01", responsibleLocalAuthority: "E06000060" } } }, unregistered(["AGENCY_SYSTEM"], "system-unregistered")],
    ];
    for (const [query, variables, caller] of calls) {
      const response = await hub.graphql(query, variables, await hub.token(caller));
      expect({ status: response.status, extensions: response.body.errors?.[0]?.extensions, data: response.body.data ?? null })
        .toEqual({ status: 403, extensions: expect.objectContaining({ code: "FORBIDDEN", problem: "AGENCY_NOT_IN_DIRECTORY" }), data: null });
    }
  });
});

/**
 * A council's staff act for the council's own area: the directory holds it, and the relationships that
 * rest on an area (the responsible authority, a MASH referral) read the token's `la`. A token for one
 * council's staff naming another council's area is refused before any resolver, as a token naming
 * another agency type is.
 */
describe("a council's staff whose token names another council's area", () => {
  const LINCS_CHILD = { ...PUPIL, sui: "9990731039", givenNames: "Meliora", familyName: "Stanground", address: { kind: "HOME", line1: "8 Fen Drove", town: "Spalding", postcode: "PE11 1AA", localAuthority: "E10000019" } };
  const lincsSystem: TestClaims = { sub: "system-lincs-area", name: "Lincolnshire case system", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["AGENCY_SYSTEM"], la: "E10000019" };
  beforeAll(async () => {
    const record = { agencyCode: "LA-E10000019", agencyReference: "CSC-AREA-1", child: LINCS_CHILD, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-10-01", responsibleLocalAuthority: "E10000019" } };
    expect((await hub.graphql(SUBMIT, { record }, await hub.token(lincsSystem)).expect(200)).body.errors).toBeUndefined();
  });

  test("reads nothing of the other area's children: FORBIDDEN (HTTP 403, AGENCY_AREA_MISMATCH)", async () => {
    const bucksWorkerAsLincs: TestClaims = { sub: "sw-bucks-as-lincs", name: "Test sw-bucks-as-lincs", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], la: "E10000019" };
    const response = await hub.graphql(CHILD_QUERY, { sui: LINCS_CHILD.sui, access: access("SECTION_47_ENQUIRY") }, await hub.token(bucksWorkerAsLincs));
    expect({ status: response.status, extensions: response.body.errors?.[0]?.extensions, data: response.body.data ?? null })
      .toEqual({ status: 403, extensions: expect.objectContaining({ code: "FORBIDDEN", problem: "AGENCY_AREA_MISMATCH" }), data: null });
  });
});

/**
 * A role is a post in an agency (policies/roles.yaml): the policies decide by role, so a token whose
 * agency could not hold one of its roles is refused whole before any resolver runs — a school's or a
 * prison's token naming MASH_PRACTITIONER would otherwise open a referral and read the child as the
 * council's MASH does: the plan, police intelligence withheld from the family, the GP's health record.
 */
describe("a token carrying a role its agency cannot hold", () => {
  const [bucksChild, lincsChild] = ["9990731047", "9990731055"];
  const BUCKS_CHILD = { ...PUPIL, sui: bucksChild, givenNames: "Gwenllian", familyName: "Ashcombe", address: { ...PUPIL.address, line1: "21 Roll Road" } };
  const LINCS_CHILD = { ...PUPIL, sui: lincsChild, givenNames: "Perran", familyName: "Saltmarsh", address: { kind: "HOME", line1: "8 Marsh Road", town: "Fenby", postcode: "PE21 8MR", localAuthority: "E10000019" } };
  const system = (agency: string, agency_type: string, la = "E06000060"): TestClaims => ({ sub: `system-${agency}-roles`, name: "Case system", agency, agency_type, roles: ["AGENCY_SYSTEM"], la });
  const mash = (sub: string, agency: string, agency_type: string, la = "E06000060"): TestClaims => ({ sub, name: `Test ${sub}`, agency, agency_type, roles: ["MASH_PRACTITIONER"], la });
  const OPEN_REFERRAL = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId } }`;
  const plan = (agencyCode: string, la: string, child: object, agencyReference: string) => ({ agencyCode, agencyReference, child, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-09-01", responsibleLocalAuthority: la } });
  const refusal = { status: 403, extensions: expect.objectContaining({ code: "FORBIDDEN", problem: "ROLE_NOT_HELD_BY_AGENCY" }), data: null };
  const outcome = (response: { status: number; body: { errors?: { extensions: unknown }[]; data?: unknown } }) => ({ status: response.status, extensions: response.body.errors?.[0]?.extensions, data: response.body.data ?? null });
  // The referral the refused caller tried to open, by its reference: the council's own MASH may hold others about the child.
  const referralsFor = async (sui: string, reference: string) => (await hub.hub.database.dataSource.query(`SELECT reference FROM referral WHERE sui = $1 AND reference = $2`, [sui, reference])).map((row: { reference: string }) => row.reference);

  beforeAll(async () => {
    for (const [record, caller] of [
      [plan("LA-E06000060", "E06000060", BUCKS_CHILD, "CSC-ROLES-1"), system("LA-E06000060", "CHILDRENS_SOCIAL_CARE")],
      [{ agencyCode: "POLICE-43", agencyReference: "TVP-ROLES-1", child: BUCKS_CHILD, police: { incidentType: "DOMESTIC_ABUSE", childRole: "WITNESS", reportedOn: "2026-11-01", activeInvestigation: true, intelligence: "Suspect is the child's stepfather; do not alert the family" } }, system("POLICE-43", "POLICE")],
      [{ agencyCode: "GP-K99001", agencyReference: "GP-ROLES-1", child: BUCKS_CHILD, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-06-01", conditions: [{ description: "Asthma" }] } }, system("GP-K99001", "HEALTH")],
      [plan("LA-E10000019", "E10000019", LINCS_CHILD, "LCC-ROLES-1"), system("LA-E10000019", "CHILDRENS_SOCIAL_CARE", "E10000019")],
    ] as const) {
      expect((await hub.graphql(SUBMIT, { record }, await hub.token(caller)).expect(200)).body.errors).toBeUndefined();
    }
  });

  test.each([
    ["a school's token (its own area)", mash("mash-at-school", "SCH-199001", "EDUCATION"), bucksChild, "MASH-SCHOOL-ROLES"],
    ["a prison's token (another council's area)", mash("mash-at-prison", "HMP-EXAMPLETON", "PRISON", "E10000019"), lincsChild, "MASH-PRISON-ROLES"],
  ])("MASH_PRACTITIONER on %s opens no referral and reads nothing: FORBIDDEN (HTTP 403, ROLE_NOT_HELD_BY_AGENCY), logged as a refusal", async (_who, caller, sui, reference) => {
    const logged = hub.logLines.length;
    const opened = await hub.graphql(OPEN_REFERRAL, { referral: { reference, referralSource: "SCHOOL", reason: "A concern raised this morning about the child", sui } }, await hub.token(caller));
    const read = await hub.graphql(CHILD_QUERY, { sui, access: access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: reference }) }, await hub.token(caller));
    expect({ opened: outcome(opened), read: outcome(read), referrals: await referralsFor(sui, reference) }).toEqual({ opened: refusal, read: refusal, referrals: [] });
    expect(hub.logLines.slice(logged).some((line) => line.includes('"auth.agency_refused"') && line.includes('"ROLE_NOT_HELD_BY_AGENCY"'))).toBe(true);
  });

  test("a role beside one the agency holds does not pass either: a school DSL's token also naming POLICE_OFFICER is refused whole", async () => {
    const response = await hub.graphql(CHILD_QUERY, { sui: bucksChild, access: access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT") }, await hub.token({ ...dsl, sub: "dsl-also-police", agency: "SCH-199001", roles: ["SCHOOL_DSL", "POLICE_OFFICER"] }));
    expect(outcome(response)).toEqual(refusal);
  });

  test("the council's own MASH still opens its referral and researches the child against it", async () => {
    const council = mash("mash-council-roles", "LA-E06000060", "CHILDRENS_SOCIAL_CARE");
    const opened = await hub.graphql(OPEN_REFERRAL, { referral: { reference: "MASH-COUNCIL-ROLES", referralSource: "SCHOOL", reason: "A concern raised this morning about the child", sui: bucksChild } }, await hub.token(council));
    expect(opened.body.errors).toBeUndefined();
    const read = await hub.graphql(CHILD_QUERY, { sui: bucksChild, access: access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: "MASH-COUNCIL-ROLES" }) }, await hub.token(council));
    expect(read.body.errors).toBeUndefined();
    expect({ relationships: read.body.data.child.relationships, statuses: read.body.data.child.safeguardingStatuses.length > 0 }).toEqual({ relationships: expect.arrayContaining(["MASH_CASE"]), statuses: true });
  });
});
