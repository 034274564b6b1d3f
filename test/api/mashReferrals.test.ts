import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";


/**
 * A MASH case reference is a claim the hub checks against the referrals it holds (design §6): MASH_CASE
 * holds only while the reference names an open referral about this child at the caller's own local
 * authority — opened in the hub, or recorded by the authority's own system — and lapses at its
 * decision. Fresh children of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(830_000);
const next = () => sui.next().value as string;
const LINCS_MASH: TestClaims = { sub: "mash-lincs", name: "Test mash-lincs", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: "E10000019" };

const OPEN = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId reference stage localAuthority researchUntil } }`;
const CLOSE = /* GraphQL */ `mutation ($reference: String!, $decision: ReferralDecision!, $reason: String!) { closeReferral(reference: $reference, decision: $decision, reason: $reason) { decision decidedAt } }`;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function as(caller: TestClaims, query: string, variables: Record<string, unknown>) {
  return (await hub.graphql(query, variables, await hub.token(caller))).body as { data?: Record<string, any> | null; errors?: { extensions: Record<string, unknown> }[] };
}

async function knownChild(givenNames: string): Promise<string> {
  const childSui = next();
  const child = { sui: childSui, givenNames, familyName: "Referralby", dateOfBirth: "2016-03-03", sex: "FEMALE", address: { kind: "HOME", line1: "2 Pound Lane", postcode: "HP20 6QR", localAuthority: "E06000060" } };
  const body = (await hub.graphql(SUBMIT, { record: { agencyCode: "GP-K99001", agencyReference: `GP-${childSui}`, child, health: { gpPracticeCode: "K99001", registeredOn: "2016-04-01" } } }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH")))).body;
  expect(body.errors).toBeUndefined();
  return childSui;
}

const triage = (caseReference: string) => access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference });
const childFor = async (caller: TestClaims, childSui: string, caseReference: string) => (await as(caller, CHILD_QUERY, { sui: childSui, access: triage(caseReference) })).data?.child ?? null;
const referral = (childSui: string, reference: string, extra: Record<string, unknown> = {}) => ({ sui: childSui, reference, referralSource: "SCHOOL", reason: "School reports bruising and the child's fear of going home.", ...extra });

describe("a MASH practitioner's case reference", () => {
  it("opens nothing when it names no referral the hub holds", async () => {
    const childSui = await knownChild("Alys");
    expect(await childFor(CALLERS.mash, childSui, "MASH-ANY-THING-1")).toBeNull();
    const [entry] = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).find({ where: { caseReference: "MASH-ANY-THING-1" } });
    expect(entry).toMatchObject({ outcome: "REFUSED", refusalProblem: "NOTHING_DISCLOSABLE" });
  });

  it("opens the child's file once a MASH practitioner opens the referral at their authority, audited against it", async () => {
    const childSui = await knownChild("Bethan");
    const opened = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7001") });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openReferral).toMatchObject({ reference: "MASH-2026-7001", stage: "REFERRAL", localAuthority: "E06000060" });
    const child = await childFor(CALLERS.mash, childSui, "MASH-2026-7001");
    expect(child).not.toBeNull();
    expect(child!.relationships).toContain("MASH_CASE");
    const audit = hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
    expect(await audit.findOneByOrFail({ id: child!.disclosureId })).toMatchObject({ caseReference: "MASH-2026-7001", outcome: "DISCLOSED" });
    expect(await audit.findOneBy({ operation: "REFERRAL_OPENED", childSuis: [childSui] } as never)).not.toBeNull();
  });

  it("opens only that child: the same reference says nothing about another", async () => {
    const one = await knownChild("Carys");
    const other = await knownChild("Delyth");
    await as(CALLERS.mash, OPEN, { referral: referral(one, "MASH-2026-7002") });
    expect(await childFor(CALLERS.mash, other, "MASH-2026-7002")).toBeNull();
  });

  it("opens nothing for a MASH practitioner at another authority", async () => {
    const childSui = await knownChild("Eirlys");
    await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7003") });
    expect(await childFor(LINCS_MASH, childSui, "MASH-2026-7003")).toBeNull();
  });

  it("opens nothing once the referral is decided", async () => {
    const childSui = await knownChild("Ffion");
    await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7004") });
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7004")).not.toBeNull();
    const closed = await as(CALLERS.mash, CLOSE, { reference: "MASH-2026-7004", decision: "NO_FURTHER_ACTION", reason: "No role for social care; advice to the school." });
    expect(closed.errors).toBeUndefined();
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7004")).toBeNull();
  });

  it("opens nothing once the referral's window has passed without a decision", async () => {
    const childSui = await knownChild("Gwen");
    // Received a week ago: one working day to decide, and one more of grace, are long gone.
    const receivedAt = new Date(Date.now() - 7 * 86_400_000 + 60_000).toISOString();
    const opened = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7005", { receivedAt }) });
    expect(opened.errors).toBeUndefined();
    expect(new Date(opened.data!.openReferral.researchUntil).getTime()).toBeLessThan(Date.now());
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7005")).toBeNull();
  });

  it("lets through police information and the adults around the child (for triage) only against an open referral", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Heledd", familyName: "Referralby", dateOfBirth: "2012-03-03", sex: "FEMALE", address: { kind: "HOME", line1: "5 Pound Lane", postcode: "HP20 6QR", localAuthority: "E06000060" } };
    const record = { agencyCode: "POLICE-43", agencyReference: `TVP-${childSui}`, child, police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", reportedOn: "2026-11-30", intelligence: "Partner known to police for violence" } };
    expect((await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE")))).body.errors).toBeUndefined();
    // A Buckinghamshire social worker, where the child lives, states a reference the hub does not hold:
    // living in the council's area opens nothing by itself, and a claimed reference adds nothing.
    expect(await childFor(CALLERS.socialWorker, childSui, "MASH-NOT-HELD-9")).toBeNull();
    await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7006") });
    // Working the open referral, the council is responsible for the child, and weighs police information.
    const held = await childFor(CALLERS.socialWorker, childSui, "MASH-2026-7006");
    expect(held!.relationships).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(held!.police[0].intelligence).toBe("Partner known to police for violence");
  });

  it("also counts a referral recorded by the authority's own system", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Iola", familyName: "Referralby", dateOfBirth: "2014-03-03", sex: "FEMALE" };
    const today = new Date().toISOString().slice(0, 10);
    const record = { agencyCode: "LA-E06000060", agencyReference: "BUCKS-REF-8801", child, socialCare: { status: "REFERRAL", startDate: today, responsibleLocalAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")))).body.errors).toBeUndefined();
    expect(await childFor(LINCS_MASH, childSui, "BUCKS-REF-8801")).toBeNull();
    expect((await childFor(CALLERS.mash, childSui, "BUCKS-REF-8801"))!.relationships).toContain("MASH_CASE");
    // The authority decides it (an assessment): from then on its reference opens nothing more for the MASH.
    const decided = { ...record, socialCare: { ...record.socialCare, status: "ASSESSMENT" } };
    expect((await hub.graphql(SUBMIT, { record: decided }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")))).body.errors).toBeUndefined();
    expect((await childFor(CALLERS.mash, childSui, "BUCKS-REF-8801"))?.relationships ?? []).not.toContain("MASH_CASE");
  });
});

describe("what the trail says of a MASH read", () => {
  it("names the open referral it rested on, and the caller's authority", async () => {
    const childSui = await knownChild("Llinos");
    const opened = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7200") });
    const child = await childFor(CALLERS.mash, childSui, "MASH-2026-7200");
    const entry = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id: child!.disclosureId });
    expect(entry.details).toMatchObject({
      principalLocalAuthority: "E06000060",
      openReferral: { source: { kind: "HUB", referralId: opened.data!.openReferral.referralId }, reference: "MASH-2026-7200", stage: "REFERRAL", localAuthority: "E06000060" },
    });
    const [opening] = await hub.hub.database.dataSource.query<{ case_reference: string; purpose: string; justification: string; details: Record<string, unknown> }[]>(
      `SELECT case_reference, purpose, justification, details FROM disclosure_audit WHERE operation = 'REFERRAL_OPENED' AND $1 = ANY(child_suis)`, [childSui]);
    expect(opening).toMatchObject({ case_reference: "MASH-2026-7200", purpose: "REFERRAL_TRIAGE", justification: referral(childSui, "x").reason, details: { referralId: opened.data!.openReferral.referralId } });
  });
});

describe("a referral's stages", () => {
  it("is never reopened once decided", async () => {
    const childSui = await knownChild("Mererid");
    await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7300") });
    await as(CALLERS.mash, CLOSE, { reference: "MASH-2026-7300", decision: "NO_FURTHER_ACTION", reason: "No role for social care; advice to the school." });
    const again = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7300", { stage: "STRATEGY_DISCUSSION" }) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", path: "referral.reference" });
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7300")).toBeNull();
  });

  it("moves on (a strategy discussion) but never back", async () => {
    const childSui = await knownChild("Nia");
    await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7301") });
    const discussed = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7301", { stage: "STRATEGY_DISCUSSION" }) });
    expect(discussed.data!.openReferral.stage).toBe("STRATEGY_DISCUSSION");
    const back = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7301", { stage: "REFERRAL" }) });
    expect(back.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", path: "referral.stage" });
  });

  it("does not move on once its window has passed: a lapsed referral is not reopened by a later stage", async () => {
    const childSui = await knownChild("Seren");
    const receivedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
    expect((await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7399", { receivedAt }) })).errors).toBeUndefined();
    const movedOn = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7399", { stage: "STRATEGY_DISCUSSION" }) });
    expect(movedOn.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", path: "referral.reference" });
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7399")).toBeNull();
  });

  it("leaves s.47 enquiries to a CSC manager, and an emergency protection order to the authority's own system", async () => {
    const childSui = await knownChild("Olwen");
    const s47 = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7302", { stage: "SECTION_47_ENQUIRY" }) });
    expect(s47.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", path: "referral.stage" });
    const manager = await as(CALLERS.cscManager, OPEN, { referral: referral(childSui, "MASH-2026-7302", { stage: "SECTION_47_ENQUIRY" }) });
    expect(manager.errors).toBeUndefined();
    for (const caller of [CALLERS.mash, CALLERS.cscManager]) {
      const epo = await as(caller, OPEN, { referral: referral(childSui, "MASH-2026-7303", { stage: "EMERGENCY_PROTECTION" }) });
      expect(epo.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", path: "referral.stage" });
    }
  });

  it("is decided when the authority's own system records the same reference at its next status", async () => {
    const childSui = await knownChild("Pryderi");
    await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7304") });
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7304")).not.toBeNull();
    const child = { sui: childSui, givenNames: "Pryderi", familyName: "Referralby", dateOfBirth: "2016-03-03", sex: "FEMALE" };
    const record = { agencyCode: "LA-E06000060", agencyReference: "MASH-2026-7304", child, socialCare: { status: "ASSESSMENT", startDate: "2026-11-20", responsibleLocalAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")))).body.errors).toBeUndefined();
    expect((await childFor(CALLERS.mash, childSui, "MASH-2026-7304"))?.relationships ?? []).not.toContain("MASH_CASE");
  });
});

describe("a council where the child lives", () => {
  it("reads nothing by residence alone, but does when another authority has the child on a plan there", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Rhys", familyName: "Movedin", dateOfBirth: "2015-05-05", sex: "MALE", address: { kind: "HOME", line1: "9 New Road", postcode: "HP20 8CD", localAuthority: "E06000060" } };
    const gp = { agencyCode: "GP-K99001", agencyReference: `GP-${childSui}`, child, health: { gpPracticeCode: "K99001", registeredOn: "2016-04-01" } };
    expect((await hub.graphql(SUBMIT, { record: gp }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH")))).body.errors).toBeUndefined();
    const read = async () => (await as(CALLERS.socialWorker, CHILD_QUERY, { sui: childSui, access: access("SECTION_47_ENQUIRY") })).data?.child ?? null;
    expect(await read()).toBeNull();
    // Lincolnshire's protection plan, for a child who has moved into Buckinghamshire: the receiving authority must know.
    const plan = { agencyCode: "LA-E10000019", agencyReference: `LINCS-${childSui}`, child, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E10000019" } };
    expect((await hub.graphql(SUBMIT, { record: plan }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E10000019", "CHILDRENS_SOCIAL_CARE", "E10000019")))).body.errors).toBeUndefined();
    expect((await read())!.relationships).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
  });
});

describe("a referral about a child living elsewhere", () => {
  const submitGp = async (childSui: string, address: Record<string, unknown> | undefined) => {
    const child = { sui: childSui, givenNames: "Ifan", familyName: "Elsewhere", dateOfBirth: "2014-02-02", sex: "MALE", ...(address ? { address } : {}) };
    const body = (await hub.graphql(SUBMIT, { record: { agencyCode: "GP-K99001", agencyReference: `GP-${childSui}`, child, health: { gpPracticeCode: "K99001", registeredOn: "2016-04-01" } } }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH")))).body;
    expect(body.errors).toBeUndefined();
  };

  it("opens nothing to this authority's MASH: it is passed to the MASH where the child lives", async () => {
    const childSui = next();
    await submitGp(childSui, { kind: "HOME", line1: "3 Fen Road", postcode: "LN2 4FR", localAuthority: "E10000019" });
    expect((await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7600") })).errors).toBeUndefined();
    expect(await childFor(CALLERS.mash, childSui, "MASH-2026-7600")).toBeNull();
  });

  it("opens the file when the hub does not know where the child lives: the referral is the first it hears", async () => {
    const childSui = next();
    await submitGp(childSui, undefined);
    expect((await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7601") })).errors).toBeUndefined();
    expect((await childFor(CALLERS.mash, childSui, "MASH-2026-7601"))?.relationships).toEqual(["MASH_CASE"]);
  });

  it("opens the file when this authority has a current case for the child, wherever they now live", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Ifan", familyName: "Placed", dateOfBirth: "2014-02-02", sex: "MALE", address: { kind: "HOME", line1: "3 Fen Road", postcode: "LN2 4FR", localAuthority: "E10000019" } };
    const looked = { agencyCode: "LA-E06000060", agencyReference: `CSC-${childSui}`, child, socialCare: { status: "LOOKED_AFTER", legalStatus: "SECTION_20_ACCOMMODATED", startDate: "2026-01-01", responsibleLocalAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record: looked }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")))).body.errors).toBeUndefined();
    expect((await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7602") })).errors).toBeUndefined();
    expect((await childFor(CALLERS.mash, childSui, "MASH-2026-7602"))?.relationships).toEqual(expect.arrayContaining(["MASH_CASE"]));
  });
});

describe("opening a referral", () => {
  it("is for MASH practitioners only", async () => {
    const body = await as(CALLERS.socialWorker, OPEN, { referral: referral(next(), "MASH-2026-7100") });
    expect(body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
  });

  it("never says whether the hub holds the child", async () => {
    const unknown = await as(CALLERS.mash, OPEN, { referral: referral(next(), "MASH-2026-7101") });
    const known = await as(CALLERS.mash, OPEN, { referral: referral(await knownChild("Jac"), "MASH-2026-7102") });
    expect(Object.keys(unknown.data!.openReferral).sort()).toEqual(Object.keys(known.data!.openReferral).sort());
    expect(unknown.errors).toBeUndefined();
  });

  it("refuses a reference the authority already uses for another child", async () => {
    await as(CALLERS.mash, OPEN, { referral: referral(next(), "MASH-2026-7103") });
    const body = await as(CALLERS.mash, OPEN, { referral: referral(next(), "MASH-2026-7103") });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", path: "referral.reference" });
  });

  it("needs a reason, a well-formed reference and a recent date", async () => {
    const childSui = next();
    for (const [extra, path] of [[{ reason: "too short" }, "referral.reason"], [{ reference: "no spaces allowed" }, "referral.reference"], [{ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }, "referral.receivedAt"]] as const) {
      const body = await as(CALLERS.mash, OPEN, { referral: referral(childSui, "MASH-2026-7104", extra) });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path });
    }
  });
});
