import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * A MASH case reference, tried in the forms a hostile or careless caller would give it: only an open
 * referral at the caller's own authority about this child — or a child a household view under it showed
 * — opens the child's file (MASH_CASE). Every other form opens nothing, and malformed ones are refused at
 * the edge (INVALID_INPUT, a 4xx), never a server error. Children of this file's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(861_000);
const next = () => suis.next().value as string;
const BUCKS_CSC = AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE");
const OPEN = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { reference } }`;
const HOUSEHOLD = /* GraphQL */ `query ($sui: ID!, $access: AccessContext!) { household(sui: $sui, access: $access) { members { sui } } }`;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function submit(claims: TestClaims, record: Record<string, unknown>): Promise<void> {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(claims))).body;
  expect(body.errors).toBeUndefined();
}

async function childAt(givenNames: string, line1: string): Promise<string> {
  const sui = next();
  const child = { sui, givenNames, familyName: "Variantby", dateOfBirth: "2015-05-05", sex: "MALE", address: { kind: "HOME", line1, postcode: "HP20 7QR", localAuthority: "E06000060" } };
  await submit(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH"), { agencyCode: "GP-K99001", agencyReference: `GP-${sui}`, child, health: { gpPracticeCode: "K99001", registeredOn: "2015-06-01" } });
  return sui;
}

const triage = (caseReference: string) => access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference });
async function read(sui: string, caseReference: string) {
  const response = await hub.graphql(CHILD_QUERY, { sui, access: triage(caseReference) }, await hub.token(CALLERS.mash));
  return { status: response.status, body: response.body as { data?: { child: { relationships: string[] } | null } | null; errors?: { extensions: { code: string } }[] } };
}
const opens = async (sui: string, caseReference: string) => {
  const { body } = await read(sui, caseReference);
  expect(body.errors).toBeUndefined();
  return body.data!.child !== null && body.data!.child.relationships.includes("MASH_CASE");
};

describe("the forms of a case reference", () => {
  let sui: string;
  beforeAll(async () => {
    sui = await childAt("Aled", "1 Variant Row");
    const opened = await hub.graphql(OPEN, { referral: { sui, reference: "MASH-VAR-100", referralSource: "SCHOOL", reason: "School reports the child arrived hungry and bruised." } }, await hub.token(CALLERS.mash));
    expect(opened.body.errors).toBeUndefined();
  });

  it("opens the file under the reference as held, and with surrounding spaces", async () => {
    expect(await opens(sui, "MASH-VAR-100")).toBe(true);
    expect(await opens(sui, "  MASH-VAR-100  ")).toBe(true);
  });

  it("opens nothing under another case of it: a reference is the authority's, letter for letter", async () => {
    expect(await opens(sui, "mash-var-100")).toBe(false);
    expect(await opens(sui, "MASH-VAR-1000")).toBe(false);
  });

  it.each([
    ["full-width digits", "MASH-VAR-\uFF11\uFF10\uFF10"],
    ["a zero-width space", "MASH-VAR-\u200B100"],
    ["a zero-width joiner at the end", "MASH-VAR-100\u200D"],
    ["a Cyrillic look-alike", "M\u0410SH-VAR-100"],
    ["an inner space", "MASH VAR-100"],
    ["a control character", "MASH-VAR-100\u0007"],
    ["a very long reference", `MASH-VAR-100${"0".repeat(5000)}`],
  ])("refuses %s at the edge as INVALID_INPUT, with a 4xx", async (_name, reference) => {
    const { status, body } = await read(sui, reference);
    expect(body.data?.child ?? null).toBeNull();
    expect(body.errors?.[0].extensions.code).toBe("INVALID_INPUT");
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});

describe("references the authority's own system recorded", () => {
  it("opens nothing under a referral recorded on a sealed record", async () => {
    const sui = await childAt("Bryn", "2 Variant Row");
    const child = { sui, givenNames: "Bryn", familyName: "Variantby", dateOfBirth: "2015-05-05", sex: "MALE" };
    await submit(BUCKS_CSC, { agencyCode: "LA-E06000060", agencyReference: "SEALED-REF-200", labels: ["SEALED"], child, socialCare: { status: "REFERRAL", startDate: today(), responsibleLocalAuthority: "E06000060" } });
    expect(await opens(sui, "SEALED-REF-200")).toBe(false);
  });

  it("opens nothing under a referral recorded at another authority, at any stage", async () => {
    const sui = await childAt("Cai", "3 Variant Row");
    const child = { sui, givenNames: "Cai", familyName: "Variantby", dateOfBirth: "2015-05-05", sex: "MALE" };
    await submit(AGENCY_SYSTEM_CLAIMS("LA-E10000019", "CHILDRENS_SOCIAL_CARE"), { agencyCode: "LA-E10000019", agencyReference: "LINCS-EPO-300", child, socialCare: { status: "LOOKED_AFTER", legalStatus: "SECTION_44_EMERGENCY_PROTECTION_ORDER", startDate: today(), responsibleLocalAuthority: "E10000019" } });
    await submit(AGENCY_SYSTEM_CLAIMS("LA-E10000019", "CHILDRENS_SOCIAL_CARE"), { agencyCode: "LA-E10000019", agencyReference: "LINCS-REF-301", child, socialCare: { status: "REFERRAL", startDate: today(), responsibleLocalAuthority: "E10000019" } });
    expect(await opens(sui, "LINCS-EPO-300")).toBe(false);
    expect(await opens(sui, "LINCS-REF-301")).toBe(false);
  });
});

describe("a household member under a referral the authority has decided", () => {
  it("opens the member the household view showed only while the referral is open", async () => {
    const referred = await childAt("Dewi", "4 Variant Row");
    const sibling = await childAt("Elis", "4 Variant Row");
    const mash = await hub.token(CALLERS.mash);
    await hub.graphql(OPEN, { referral: { sui: referred, reference: "MASH-VAR-400", referralSource: "POLICE", reason: "Police attended a domestic incident at the family home." } }, mash);
    const household = await hub.graphql(HOUSEHOLD, { sui: referred, access: triage("MASH-VAR-400") }, mash);
    expect(household.body.errors).toBeUndefined();
    expect(household.body.data.household.members.map((member: { sui: string }) => member.sui)).toEqual([sibling]);
    expect(await opens(sibling, "MASH-VAR-400")).toBe(true);
    // The authority's own system records the referral, under its reference, at its next status: decided.
    const child = { sui: referred, givenNames: "Dewi", familyName: "Variantby", dateOfBirth: "2015-05-05", sex: "MALE" };
    await submit(BUCKS_CSC, { agencyCode: "LA-E06000060", agencyReference: "MASH-VAR-400", child, socialCare: { status: "ASSESSMENT", startDate: today(), responsibleLocalAuthority: "E06000060" } });
    expect(await opens(referred, "MASH-VAR-400")).toBe(false);
    expect(await opens(sibling, "MASH-VAR-400")).toBe(false);
  });
});
