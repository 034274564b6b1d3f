import { Client } from "pg";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * A child that does not exist and a child the caller may not see take the same path and the same
 * database statements (design §5: existence does not leak — not in the answer, and not in how long
 * the answer takes). Statements are counted at the driver, for a fresh child of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(840_000);
const hidden = sui.next().value as string;
const missing = sui.next().value as string;

beforeAll(async () => {
  hub = await startTestHub();
  const child = { sui: hidden, givenNames: "Wynn", familyName: "Shapely", dateOfBirth: "2013-09-09", sex: "MALE", address: { kind: "HOME", line1: "1 Level Street", postcode: "LN1 3AB", localAuthority: "E10000019" } };
  for (const [agencyType, record] of [
    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-SHAPE-1", child, health: { gpPracticeCode: "K99001", registeredOn: "2014-01-01", conditions: [{ description: "Asthma" }] } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-SHAPE-1", child, police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-11-20" } }],
  ] as const) {
    const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode, agencyType)))).body;
    expect(body.errors).toBeUndefined();
  }
});
afterAll(async () => {
  jest.restoreAllMocks();
  await hub.stop();
});

/**
 * How many statements the hub sends to the database while answering one request: the fewest of three
 * tries, since the hub's own background work (an audit checkpoint falling due, the job queue polling)
 * is counted at the same driver and only ever adds to a count.
 */
async function statementsFor(send: () => Promise<unknown>): Promise<number> {
  const counts: number[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const query = jest.spyOn(Client.prototype, "query");
    try {
      await send();
      counts.push(query.mock.calls.length);
    } finally {
      query.mockRestore();
    }
  }
  return Math.min(...counts);
}

const childQuery = async (caller: TestClaims, childSui: string) => {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access("SECTION_47_ENQUIRY") }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  expect(body.data.child).toBeNull();
};

describe("a child the caller may not see and a child the hub does not hold", () => {
  it("answer child(…) with the same statements", async () => {
    // The school has no record of this child, and no relationship with them.
    await childQuery(CALLERS.schoolDsl, hidden);
    await childQuery(CALLERS.schoolDsl, missing);
    const notVisible = await statementsFor(() => childQuery(CALLERS.schoolDsl, hidden));
    const notHeld = await statementsFor(() => childQuery(CALLERS.schoolDsl, missing));
    expect(notVisible).toBeGreaterThan(0);
    expect(notHeld).toBe(notVisible);
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
