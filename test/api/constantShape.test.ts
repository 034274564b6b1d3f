import { loadChildFile } from "../../src/disclosure/loadChildFile";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { statementsFor } from "../support/statementCount";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * A child that does not exist, a child the caller may not see and a child a named-staff exclusion keeps
 * the caller out of take the same path and the same database statements (design §5: existence does not
 * leak — not in the answer, and not in how long the answer takes; `exclusions/`: nor does being named).
 * Statements are counted at the driver, for a fresh child of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(840_000);
const hidden = sui.next().value as string;
const missing = sui.next().value as string;
// An officer of the force that holds a record of the child, whom its IG lead keeps out of the child's file.
const keptOut: TestClaims = { ...CALLERS.police, sub: "pc-shape-kept-out" };
const forceIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-shape-police", agency: "POLICE-43", agency_type: "POLICE" };
let exclusionId: string;

beforeAll(async () => {
  // The agency's standing read on every request, not only when its few seconds run out mid-measurement.
  hub = await startTestHub({ env: { AGENCY_STANDING_CACHE_SECONDS: "0" } });
  const child = { sui: hidden, givenNames: "Wynn", familyName: "Shapely", dateOfBirth: "2013-09-09", sex: "MALE", address: { kind: "HOME", line1: "1 Level Street", postcode: "LN1 3AB", localAuthority: "E10000019" } };
  for (const [agencyType, record] of [
    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-SHAPE-1", child, health: { gpPracticeCode: "K99001", registeredOn: "2014-01-01", conditions: [{ description: "Asthma" }] } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-SHAPE-1", child, police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-11-20" } }],
  ] as const) {
    const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode, agencyType)))).body;
    expect(body.errors).toBeUndefined();
  }
  const EXCLUDE = /* GraphQL */ `mutation ($sui: ID!, $exclusion: ChildExclusionInput!, $access: AccessContext!) { recordChildExclusion(sui: $sui, exclusion: $exclusion, access: $access) { id } }`;
  const excluded = (await hub.graphql(EXCLUDE, { sui: hidden, exclusion: { kind: "STAFF", subject: keptOut.sub, reason: "Named in the allegation under investigation." }, access: IG_REVIEW }, await hub.token(forceIgLead))).body;
  expect(excluded.errors).toBeUndefined();
  exclusionId = excluded.data.recordChildExclusion.id;
});
afterAll(async () => {
  jest.restoreAllMocks();
  await hub.stop();
});


const childQuery = async (caller: TestClaims, childSui: string) => {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access("SECTION_47_ENQUIRY") }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  expect(body.data.child).toBeNull();
};

describe("a child the caller may not see and a child the hub does not hold", () => {
  it("answer child(…) with the same statements, as a child the caller is kept out of does", async () => {
    // The school has no record of this child, and no relationship with them; the officer's force has
    // one, and would see the child but for the exclusion. Each caller once first, so that what a
    // first request costs (the directory's answer about the agency) is not counted.
    await childQuery(CALLERS.schoolDsl, hidden);
    await childQuery(CALLERS.schoolDsl, missing);
    await childQuery(keptOut, hidden);
    const notVisible = await statementsFor(() => childQuery(CALLERS.schoolDsl, hidden));
    const notHeld = await statementsFor(() => childQuery(CALLERS.schoolDsl, missing));
    const excluded = await statementsFor(() => childQuery(keptOut, hidden));
    const notHeldForExcluded = await statementsFor(() => childQuery(keptOut, missing));
    expect(notVisible).toBeGreaterThan(0);
    expect(notHeld).toBe(notVisible);
    expect(excluded).toBe(notVisible);
    expect(notHeldForExcluded).toBe(notVisible);
  });

  it("answer a decision not to share with the same statements and the same NOT_FOUND", async () => {
    const DECIDE = `mutation ($sui: ID!, $d: DecisionNotToShareInput!) { recordDecisionNotToShare(sui: $sui, decision: $d) { auditEntryId } }`;
    const decision = { purpose: "STRATEGY_DISCUSSION", recipientAgencyType: "EDUCATION", reason: "Sharing would alert the family to the enquiry before the strategy discussion." };
    const attempt = async (childSui: string) => {
      const body = (await hub.graphql(DECIDE, { sui: childSui, d: decision }, await hub.token(CALLERS.schoolDsl))).body;
      return body.errors?.[0]?.extensions;
    };
    expect(await attempt(hidden)).toEqual(await attempt(missing));
    const notVisible = await statementsFor(() => attempt(hidden));
    const notHeld = await statementsFor(() => attempt(missing));
    expect(notHeld).toBe(notVisible);
  });

  it("answer a consent decision, and a consent override, with the same statements and the same error", async () => {
    const CONSENT = `mutation ($sui: ID!, $consent: ConsentInput!) { recordConsent(sui: $sui, consent: $consent) { consentId } }`;
    const OVERRIDE = `mutation ($sui: ID!, $reason: String!) { recordConsentOverride(sui: $sui, reason: $reason) { overrideId } }`;
    const consent = async (childSui: string) => {
      const body = (await hub.graphql(CONSENT, { sui: childSui, consent: { purposes: ["EARLY_HELP"], givenBy: "CHILD", decision: "GIVEN" } }, await hub.token(CALLERS.schoolDsl))).body;
      return { data: body.data ?? null, error: body.errors?.[0]?.extensions ?? null };
    };
    const override = async (childSui: string) => {
      const body = (await hub.graphql(OVERRIDE, { sui: childSui, reason: "Risk of significant harm outweighs the refusal: strategy discussion agreed." }, await hub.token(CALLERS.schoolDsl))).body;
      return { data: body.data ?? null, error: body.errors?.[0]?.extensions ?? null };
    };
    for (const attempt of [consent, override]) {
      const answer = await attempt(missing);
      expect(answer.error).not.toBeNull();
      expect(await attempt(hidden)).toEqual(answer);
      const notVisible = await statementsFor(() => attempt(hidden));
      const notHeld = await statementsFor(() => attempt(missing));
      expect(notHeld).toBe(notVisible);
    }
  });

  it("answer a MASH practitioner's opening of a referral naming them with the same statements", async () => {
    const OPEN = `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { reference stage } }`;
    let n = 0;
    const open = async (childSui: string) => {
      n += 1;
      const body = (await hub.graphql(OPEN, { referral: { sui: childSui, reference: `MASH-SHAPE-${n}`, referralSource: "SCHOOL", reason: "School reports bruising and the child's fear of going home." } }, await hub.token(CALLERS.mash))).body;
      return { data: body.data?.openReferral ?? null, error: body.errors?.[0]?.extensions ?? null };
    };
    const [a, b] = [await open(hidden), await open(missing)];
    expect({ ...a, data: { ...a.data, reference: null } }).toEqual({ ...b, data: { ...b.data, reference: null } });
    const notVisible = await statementsFor(() => open(hidden));
    const notHeld = await statementsFor(() => open(missing));
    expect(notHeld).toBe(notVisible);
  });
});

describe("another agency's exclusion id", () => {
  it("answers liftChildExclusion as a random id does: the same NOT_FOUND and the same statements", async () => {
    // Buckinghamshire's IG lead: the force recorded the exclusion, and the child lives in Lincolnshire, whose council leads.
    const LIFT = /* GraphQL */ `mutation ($id: ID!, $reason: String!, $access: AccessContext!) { liftChildExclusion(id: $id, reason: $reason, access: $access) { id } }`;
    const attempt = async (id: string) => (await hub.graphql(LIFT, { id, reason: "Lifting what we did not record.", access: IG_REVIEW }, await hub.token(CALLERS.igLead))).body.errors?.[0]?.extensions;
    const random = "0c6f3a52-8e1d-4b7a-a2c9-51e7d3f4b806";
    expect(await attempt(exclusionId)).toEqual(await attempt(random));
    expect(await attempt(exclusionId)).toMatchObject({ code: "NOT_FOUND" });
    expect(await statementsFor(() => attempt(exclusionId))).toBe(await statementsFor(() => attempt(random)));
  });
});

describe("what a read costs", () => {
  it("a child the caller sees costs the child's file beyond a read refused at its SUI, and nothing else", async () => {
    // The force holds a record of the child: its officer sees it. A refusal at the SUI still costs the
    // request's own statements (the agency's standing, the audit entry); the exclusions standing on the
    // child come inside the file's statements, and no alert statement follows a disclosure.
    const read = async (childSui: string) => (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access("SECTION_47_ENQUIRY") }, await hub.token(CALLERS.police))).body;
    expect((await read(hidden)).data.child.sui).toBe(hidden);
    const refusedAtTheSui = await statementsFor(async () => expect((await read("1234567890")).errors?.[0]?.extensions?.code).toBe("INVALID_SUI"));
    const file = await statementsFor(() => loadChildFile(hub.hub.database.dataSource, hidden, new Date()));
    const seen = await statementsFor(async () => expect((await read(hidden)).data.child.sui).toBe(hidden));
    expect(file).toBeGreaterThan(0);
    expect(seen).toBe(refusedAtTheSui + file);
  });

  it("a child the caller may not see, or is kept out of, costs the same: the exclusion alert rides the audit entry's own statement", async () => {
    // A null answer gives its entry the IG alert an excluded caller's attempt raises (none for a
    // stranger), written in the statement that inserts the entry: no round trip after it.
    const refusedAtTheSui = await statementsFor(async () => expect((await hub.graphql(CHILD_QUERY, { sui: "1234567890", access: access("SECTION_47_ENQUIRY") }, await hub.token(CALLERS.schoolDsl))).body.errors?.[0]?.extensions?.code).toBe("INVALID_SUI"));
    const file = await statementsFor(() => loadChildFile(hub.hub.database.dataSource, hidden, new Date()));
    expect(await statementsFor(() => childQuery(CALLERS.schoolDsl, hidden))).toBe(refusedAtTheSui + file);
    expect(await statementsFor(() => childQuery(keptOut, hidden))).toBe(refusedAtTheSui + file);
  });
});
