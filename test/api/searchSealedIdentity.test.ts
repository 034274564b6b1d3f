import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { statementsFor } from "../support/statementCount";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * A search as a hostile MASH caller would try it: by the SUI of a child the hub knows only under a
 * sealed identity, by a sealed alias, under a referral the authority's own system has decided. Each
 * must answer what a search for nobody answers, by the same statements. Fresh children of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(871_500);
const next = () => sui.next().value as string;
const BUCKS = "E06000060";

const SEARCH = /* GraphQL */ `
  query Search($criteria: SearchCriteriaInput!, $access: AccessContext!) {
    searchChildren(criteria: $criteria, access: $access) { searchId candidates { sui demographics { givenNames familyName dateOfBirth sex postcodeDistrict } agencyTypes { agencyType restrictedInvolvement } } }
  }
`;
const OPEN = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId reference } }`;

beforeAll(async () => {
  // The agency's standing read on every request, not only when its few seconds run out mid-measurement.
  hub = await startTestHub({ env: { SEARCH_RATE_LIMIT: "100", AGENCY_STANDING_CACHE_SECONDS: "0" } });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await hub.stop();
});

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
async function as(caller: TestClaims, query: string, variables: Record<string, unknown>): Promise<Body> {
  return (await hub.graphql(query, variables, await hub.token(caller))).body as Body;
}
async function submit(agencyType: string, record: Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
}
const home = (line1: string, postcode: string) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority: BUCKS });
const gp = (child: object, reference: string) => ({ agencyCode: "GP-K99001", agencyReference: reference, child, health: { gpPracticeCode: "K99001", registeredOn: "2016-06-01" } });
const police = (child: object, reference: string, labels: string[]) => ({ agencyCode: "POLICE-43", agencyReference: reference, child, police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" }, labels });
const triage = (caseReference: string | null) => access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference });
const mash: TestClaims = { ...CALLERS.mash, sub: "mash-probe-1" };

const sealedOnly = next();
const missing = next();
const anchor = next();

beforeAll(async () => {
  // Known to the hub only through a sealed police record: a new identity nobody outside it may learn of.
  await submit("POLICE", police({ sui: sealedOnly, givenNames: "Isolde", familyName: "Marchbank", dateOfBirth: "2012-02-14", sex: "FEMALE", address: home("2 Quiet Lane", "HP22 6QL") }, "TVP-PROBE-S", ["SEALED"]));
  await submit("HEALTH", gp({ sui: anchor, givenNames: "Bram", familyName: "Holloway", dateOfBirth: "2013-03-13", sex: "MALE" }, "GP-PROBE-A"));
  const opened = await as(mash, OPEN, { referral: { sui: anchor, reference: "MASH-PROBE-0001", referralSource: "SCHOOL", reason: "School reports bruising and the child's fear of going home." } });
  expect(opened.errors).toBeUndefined();
});

const searchFor = async (criteria: Record<string, unknown>, reference = "MASH-PROBE-0001") => {
  const body = await as(mash, SEARCH, { criteria, access: triage(reference) });
  return { errors: body.errors?.map((error) => error.extensions), candidates: body.data?.searchChildren?.candidates ?? null };
};

describe("a child known only under a sealed identity", () => {
  it("is not found by SUI: the answer a search for an SUI the hub does not hold gets", async () => {
    expect(await searchFor({ sui: sealedOnly })).toEqual(await searchFor({ sui: missing }));
  });

  it("takes the statements a search for an SUI the hub does not hold takes", async () => {
    await searchFor({ sui: sealedOnly });
    await searchFor({ sui: missing });
    const sealed = await statementsFor(() => searchFor({ sui: sealedOnly }));
    const notHeld = await statementsFor(() => searchFor({ sui: missing }));
    expect(sealed).toBeGreaterThan(0);
    expect(sealed).toBe(notHeld);
  });

  it("is not found, nor counted, by the sealed name", async () => {
    const sealedName = { givenNames: "Isolde", familyName: "Marchbank", dateOfBirth: { exact: "2012-02-14" } };
    const nobody = { givenNames: "Xanthe", familyName: "Quillfeather", dateOfBirth: { exact: "2012-02-14" } };
    expect(await searchFor(sealedName)).toEqual(await searchFor(nobody));
    const sealed = await statementsFor(() => searchFor(sealedName));
    const notHeld = await statementsFor(() => searchFor(nobody));
    expect(sealed).toBe(notHeld);
  });

  it("is nothing to a child read by SUI under a referral", async () => {
    const body = await as(mash, CHILD_QUERY, { sui: sealedOnly, access: triage("MASH-PROBE-0001") });
    expect(body.errors).toBeUndefined();
    expect(body.data!.child).toBeNull();
  });
});
