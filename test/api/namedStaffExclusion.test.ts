import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { IgAlert } from "../../src/alerts/IgAlert";
import { Agency } from "../../src/directory/Agency";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { statementsFor } from "../support/statementCount";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * Named-staff exclusion (issue 13 item 6): a CSC manager keeps an implicated social worker, a police
 * team and a school out of a child's file. Each is answered exactly as a stranger is — `child` (break-
 * glass too) and `searchChildren` — with the same statements, and every attempt is audited and raises an
 * IG alert. Fresh children of each test's own (`heldChild`, `excludedChild`).
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(881_000);
const next = () => suis.next().value as string;
const BUCKS = "E06000060";
const implicated: TestClaims = { ...CALLERS.socialWorker, sub: "sw-implicated" };
const colleague: TestClaims = { ...CALLERS.socialWorker, sub: "sw-colleague" };
const policeTeam: TestClaims = { ...CALLERS.police, sub: "pc-team-a", team: "Child Abuse Investigation Unit A" };
const otherPoliceTeam: TestClaims = { ...CALLERS.police, sub: "pc-team-b", team: "Child Abuse Investigation Unit B" };
const mashKeptOut: TestClaims = { ...CALLERS.mash, sub: "mash-kept-out" };
const mashOther: TestClaims = { ...CALLERS.mash, sub: "mash-other" };

const RECORD = /* GraphQL */ `mutation ($sui: ID!, $exclusion: ChildExclusionInput!, $access: AccessContext!) { recordChildExclusion(sui: $sui, exclusion: $exclusion, access: $access) { id sui kind subjectSub agencyCode team recordedBySub liftedAt } }`;
const LIFT = /* GraphQL */ `mutation ($id: ID!, $reason: String!, $access: AccessContext!) { liftChildExclusion(id: $id, reason: $reason, access: $access) { id liftedAt liftedBySub liftReason } }`;
const LIST = /* GraphQL */ `query ($sui: ID!, $access: AccessContext!) { childExclusions(sui: $sui, access: $access) { id kind liftedAt } }`;
const ALERTS = /* GraphQL */ `query ($access: AccessContext!) { igAlerts(access: $access, status: OPEN) { nodes { id kind childSui principalSub disclosureCount firstDisclosureId } } }`;
const SEARCH = /* GraphQL */ `query ($criteria: SearchCriteriaInput!, $access: AccessContext!) { searchChildren(criteria: $criteria, access: $access) { searchId candidates { sui } } }`;
const OPEN_REFERRAL = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { reference } }`;

const s47 = access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { justification: "Complex abuse enquiry: implicated staff must not see the file." });

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
async function as(caller: TestClaims, query: string, variables: Record<string, unknown>): Promise<Body> {
  return (await hub.graphql(query, variables, await hub.token(caller))).body as Body;
}
const entries = () => hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
const lastEntryBy = (sub: string | undefined, operation: string) => entries().findOneOrFail({ where: { operation, principalSub: sub } as never, order: { occurredAt: "DESC", id: "DESC" } as never });
const alertsFor = (sub: string | undefined, childSui: string) => hub.hub.database.dataSource.getRepository(IgAlert).find({ where: { principalSub: sub, kind: "EXCLUDED_ACCESS", childSui } as never });

async function record(exclusion: Record<string, unknown>, sui: string, caller: TestClaims = CALLERS.cscManager): Promise<Body> {
  return as(caller, RECORD, { sui, exclusion, access: s47 });
}

interface ChildIdentity { givenNames: string; familyName: string; dateOfBirth: string }
const ROWENA: ChildIdentity = { givenNames: "Rowena", familyName: "Exclusby", dateOfBirth: "2012-04-14" };

/** A child of the calling test's own, on a protection plan at the council and known to the police. */
async function heldChild(identity: ChildIdentity = ROWENA): Promise<string> {
  const sui = next();
  const child = { sui, ...identity, sex: "FEMALE", address: { kind: "HOME", line1: "3 Closed Row", town: "Sampleton", postcode: "HP20 1UA", localAuthority: BUCKS } };
  for (const [agencyType, agencyCode, extra] of [
    ["CHILDRENS_SOCIAL_CARE", "LA-E06000060", { socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "SEXUAL_ABUSE", startDate: "2026-09-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "0300 000 0001", responsibleLocalAuthority: BUCKS } }],
    ["POLICE", "POLICE-43", { police: { incidentType: "CHILD_CONCERN", childRole: "VICTIM", reportedOn: "2026-10-01" } }],
  ] as const) {
    const body = (await hub.graphql(SUBMIT, { record: { agencyCode, agencyReference: `EXCL-${agencyCode}-${sui}`, child, ...extra } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType, BUCKS)))).body;
    expect(body.errors).toBeUndefined();
  }
  return sui;
}

/** The CSC manager keeps the implicated social worker, the police team, the school and a MASH practitioner out of the child. */
async function keepOut(sui: string): Promise<void> {
  for (const exclusion of [
    { kind: "STAFF", subject: implicated.sub, reason: "Named in the allegation of abuse in the residential home." },
    { kind: "TEAM", agencyCode: "POLICE-43", team: policeTeam.team, reason: "Line manager of the implicated officer leads this team." },
    { kind: "AGENCY", agencyCode: "SCH-199001", reason: "The school's staff are implicated; the DSL reports to the head who is." },
    { kind: "STAFF", subject: mashKeptOut.sub, reason: "Related to the family; must not see the file." },
  ]) {
    const body = await record(exclusion, sui);
    expect(body.errors).toBeUndefined();
    expect(body.data?.recordChildExclusion).toMatchObject({ sui, kind: exclusion.kind, recordedBySub: CALLERS.cscManager.sub, liftedAt: null });
    expect(await lastEntryBy(CALLERS.cscManager.sub, "CHILD_EXCLUSION_RECORDED")).toMatchObject({ outcome: "RECORDED", childSuis: [sui] });
  }
}

/** A child of the calling test's own whom the four exclusions of `keepOut` keep from the implicated staff. */
async function excludedChild(identity: ChildIdentity = ROWENA): Promise<string> {
  const sui = await heldChild(identity);
  await keepOut(sui);
  return sui;
}

beforeAll(async () => {
  // The agency's standing read on every request, not only when its few seconds run out mid-measurement.
  hub = await startTestHub({ env: { AGENCY_STANDING_CACHE_SECONDS: "0" } });
}, 300_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await hub.stop();
});

describe("before any exclusion", () => {
  it("the social worker's agency sees the child, as the police team does", async () => {
    const childSui = await heldChild();
    expect((await as(implicated, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child?.sui).toBe(childSui);
    expect((await as(policeTeam, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child?.sui).toBe(childSui);
  });
});

describe("recording an exclusion", () => {
  it("is for a CSC manager or IG lead: a social worker is refused FORBIDDEN, on the trail", async () => {
    const body = await record({ kind: "STAFF", subject: "sw-colleague", reason: "Should never be recorded by a practitioner." }, await heldChild(), colleague);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(await lastEntryBy(colleague.sub, "CHILD_EXCLUSION_RECORDED")).toMatchObject({ outcome: "REFUSED", refusalRule: "child-exclusion:csc-manager-or-ig-lead" });
  });

  it("validates what each kind names, with stable codes", async () => {
    const childSui = await heldChild();
    const problems = [
      [{ kind: "STAFF", reason: "Implicated in the allegation." }, "EXCLUSION_SUBJECT_REQUIRED"],
      [{ kind: "TEAM", agencyCode: "POLICE-43", reason: "Implicated in the allegation." }, "EXCLUSION_TEAM_REQUIRED"],
      [{ kind: "AGENCY", reason: "Implicated in the allegation." }, "EXCLUSION_AGENCY_REQUIRED"],
      [{ kind: "STAFF", subject: "x", team: "y", reason: "Implicated in the allegation." }, "EXCLUSION_FIELD_NOT_USED"],
      [{ kind: "STAFF", subject: "x", reason: "short" }, "REASON_TOO_SHORT"],
    ] as const;
    for (const [exclusion, problem] of problems) expect((await record(exclusion, childSui)).errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem });
    expect((await as(CALLERS.cscManager, RECORD, { sui: "1234567890", exclusion: { kind: "AGENCY", agencyCode: "SCH-1", reason: "Implicated in the allegation." }, access: s47 })).errors?.[0]?.extensions).toMatchObject({ code: "INVALID_SUI" });
  });

  it("keeps the named staff member, team and agency out; audited before it takes effect", async () => {
    // Each recording is answered with the exclusion, unlifted, and is on the trail as recorded for the child.
    await keepOut(await heldChild());
  });
});

describe("an excluded caller gets what a stranger gets", () => {
  it("child(…): null, like a child the hub does not hold, with the same statements; a colleague still sees the child", async () => {
    const childSui = await excludedChild();
    const strangerChildSui = await heldChild({ ...ROWENA, givenNames: "Wilhelmina" });
    expect((await as(implicated, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child).toBeNull();
    expect((await as(policeTeam, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child).toBeNull();
    expect((await as(colleague, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child?.sui).toBe(childSui);
    expect((await as(otherPoliceTeam, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child?.sui).toBe(childSui);
    // Each caller once first, so that what a first request costs (the directory's answer about the agency) is not counted.
    expect((await as(CALLERS.lincolnshireSocialWorker, CHILD_QUERY, { sui: strangerChildSui, access: s47 })).data?.child).toBeNull();
    const excluded = await statementsFor(() => as(implicated, CHILD_QUERY, { sui: childSui, access: s47 }));
    const stranger = await statementsFor(() => as(CALLERS.lincolnshireSocialWorker, CHILD_QUERY, { sui: strangerChildSui, access: s47 }));
    const missingSui = next();
    const missing = await statementsFor(() => as(implicated, CHILD_QUERY, { sui: missingSui, access: s47 }));
    expect(excluded).toBeGreaterThan(0);
    expect(excluded).toBe(stranger);
    expect(excluded).toBe(missing);
  });

  it("the school is kept out as an agency, whatever its staff's role", async () => {
    const childSui = await excludedChild();
    const dsl = await as(CALLERS.schoolDsl, CHILD_QUERY, { sui: childSui, access: access("SECTION_47_ENQUIRY") });
    expect(dsl.errors).toBeUndefined();
    expect(dsl.data?.child).toBeNull();
  });

  it("break-glass opens nothing for an excluded caller, and raises no break-glass alert", async () => {
    const childSui = await excludedChild();
    const emergency = access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Out of hours: child reported missing from placement tonight." });
    const body = await as(implicated, CHILD_QUERY, { sui: childSui, access: emergency });
    expect(body.errors).toBeUndefined();
    expect(body.data?.child).toBeNull();
    const breakGlass = await hub.hub.database.dataSource.getRepository(IgAlert).find({ where: { principalSub: implicated.sub, kind: "BREAK_GLASS" } as never });
    expect(breakGlass).toEqual([]);
  });

  it("every attempt is on the trail as an exclusion, and raises (then counts against) an IG alert the IG lead reviews", async () => {
    const childSui = await excludedChild();
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await as(implicated, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child).toBeNull();
    expect((await as(policeTeam, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child).toBeNull();
    const entry = await lastEntryBy(implicated.sub, "CHILD_RECORD");
    expect(entry).toMatchObject({ outcome: "REFUSED", refusalProblem: "EXCLUDED_FROM_FILE", refusalRule: "named-staff-exclusion", childSuis: [childSui], fieldsDisclosed: [] });
    const [alert, ...more] = await alertsFor(implicated.sub, childSui);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ childSui, status: "OPEN" });
    expect(alert.disclosureCount).toBeGreaterThanOrEqual(3);
    const listed = await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW });
    expect(listed.data?.igAlerts.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "EXCLUDED_ACCESS", childSui, principalSub: implicated.sub })]));
    expect((await alertsFor(policeTeam.sub, childSui)).length).toBe(1);
  });

  it("searchChildren: the child is not a candidate for the excluded MASH practitioner, as for a child not held; another finds it", async () => {
    const identity = { givenNames: "Isolde", familyName: "Warrender", dateOfBirth: "2011-09-23" };
    const childSui = await excludedChild(identity);
    await heldChild({ ...identity, givenNames: "Wilhelmina" });
    for (const [caller, reference] of [[mashKeptOut, "MASH-EXCL-1"], [mashOther, "MASH-EXCL-2"]] as const) {
      const opened = await as(caller, OPEN_REFERRAL, { referral: { sui: childSui, reference, referralSource: "SCHOOL", reason: "School reports a disclosure by the child this morning." } });
      expect(opened.errors).toBeUndefined();
    }
    const criteria = { ...identity, dateOfBirth: { exact: identity.dateOfBirth } };
    const triage = (caseReference: string) => access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference });
    const found = await as(mashOther, SEARCH, { criteria, access: triage("MASH-EXCL-2") });
    expect(found.data?.searchChildren.candidates.map((c: { sui: string }) => c.sui)).toContain(childSui);
    const keptOut = await as(mashKeptOut, SEARCH, { criteria, access: triage("MASH-EXCL-1") });
    expect(keptOut.errors).toBeUndefined();
    // The same answer as the other practitioner's, less the child (here: the child's namesake alone).
    const others = found.data?.searchChildren.candidates.map((c: { sui: string }) => c.sui).filter((sui: string) => sui !== childSui);
    expect(keptOut.data?.searchChildren.candidates.map((c: { sui: string }) => c.sui)).toEqual(others);
    const excludedCost = await statementsFor(() => as(mashKeptOut, SEARCH, { criteria, access: triage("MASH-EXCL-1") }));
    const otherCost = await statementsFor(() => as(mashOther, SEARCH, { criteria, access: triage("MASH-EXCL-2") }));
    expect(excludedCost).toBe(otherCost);
    const entry = await entries().findOneByOrFail({ id: keptOut.data?.searchChildren.searchId });
    expect(entry.childSuis).not.toContain(childSui);
    expect(entry.details).toMatchObject({ excludedAttempt: { rule: "named-staff-exclusion", suis: [childSui] } });
    expect((await alertsFor(mashKeptOut.sub, childSui)).map((alert) => alert.childSui)).toEqual([childSui]);
  });
});

describe("reading and lifting exclusions", () => {
  it("a CSC manager lists them; an excluded caller who is also a manager sees none and cannot lift their own", async () => {
    const childSui = await excludedChild();
    const listed = await as(CALLERS.cscManager, LIST, { sui: childSui, access: s47 });
    expect(listed.data?.childExclusions).toHaveLength(4);
    const implicatedManager: TestClaims = { ...implicated, roles: ["CSC_MANAGER"] };
    expect((await as(implicatedManager, LIST, { sui: childSui, access: s47 })).data?.childExclusions).toEqual([]);
    const own = listed.data?.childExclusions.find((exclusion: { kind: string }) => exclusion.kind === "STAFF");
    const lifted = await as(implicatedManager, LIFT, { id: own.id, reason: "I would like to see the file again.", access: s47 });
    expect(lifted.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });

  it("once lifted, the staff member sees the child again; the lifting is audited", async () => {
    const childSui = await excludedChild();
    const exclusions = (await as(CALLERS.cscManager, LIST, { sui: childSui, access: s47 })).data?.childExclusions as { id: string; kind: string }[];
    const staff = (await hub.hub.database.dataSource.query(`SELECT id FROM child_exclusion WHERE subject_sub = $1 AND sui = $2`, [implicated.sub, childSui]))[0].id as string;
    expect(exclusions.map((exclusion) => exclusion.id)).toContain(staff);
    const lifted = await as(CALLERS.igLead, LIFT, { id: staff, reason: "Allegation unfounded after the strategy discussion.", access: IG_REVIEW });
    expect(lifted.errors).toBeUndefined();
    expect(lifted.data?.liftChildExclusion).toMatchObject({ liftedBySub: CALLERS.igLead.sub, liftReason: "Allegation unfounded after the strategy discussion." });
    expect(await lastEntryBy(CALLERS.igLead.sub, "CHILD_EXCLUSION_LIFTED")).toMatchObject({ outcome: "RECORDED", childSuis: [childSui] });
    expect((await as(implicated, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child?.sui).toBe(childSui);
  });
});

describe("a referral opened before the child is known", () => {
  it("is never bound to a child its caller is kept out of: opening the child binds nothing, and the answer is still null", async () => {
    const identity = { givenNames: "Perpetua", familyName: "Ashgrove", dateOfBirth: "2013-02-17" };
    const childSui = await excludedChild(identity);
    const triage = (caseReference: string) => access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference });
    // A colleague's search under the same referral shows the child; the excluded practitioner then opens it.
    const opened = await as(mashOther, OPEN_REFERRAL, { referral: { reference: "MASH-EXCL-UNBOUND", referralSource: "SCHOOL", reason: "School reports a pupil's disclosure; the referrer gave no NHS number." } });
    expect(opened.errors).toBeUndefined();
    const found = await as(mashOther, SEARCH, { criteria: { ...identity, dateOfBirth: { exact: identity.dateOfBirth } }, access: triage("MASH-EXCL-UNBOUND") });
    expect(found.data?.searchChildren.candidates.map((c: { sui: string }) => c.sui)).toContain(childSui);
    expect((await as(mashKeptOut, CHILD_QUERY, { sui: childSui, access: triage("MASH-EXCL-UNBOUND") })).data?.child).toBeNull();
    const [referral] = await hub.hub.database.dataSource.query<{ sui: string | null }[]>(`SELECT sui FROM referral WHERE reference = $1`, ["MASH-EXCL-UNBOUND"]);
    expect(referral.sui).toBeNull();
    expect(await entries().countBy({ operation: "REFERRAL_BOUND", principalSub: mashKeptOut.sub } as never)).toBe(0);
    expect(await lastEntryBy(mashKeptOut.sub, "CHILD_RECORD")).toMatchObject({ outcome: "REFUSED", refusalProblem: "EXCLUDED_FROM_FILE" });
  });
});

describe("who records, reads and lifts a child's exclusions", () => {
  const otherCouncilManager: TestClaims = { ...CALLERS.cscManager, sub: "mgr-lincs-excl", agency: "LA-E10000019", la: "E10000019" };
  const schoolIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-school-excl", agency: "SCH-199001", agency_type: "EDUCATION" };
  const policeIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-police-excl", agency: "POLICE-43", agency_type: "POLICE" };

  it("no other agency shuts the lead agency out: another council's manager or a school's IG lead is refused, as the force holding the child is", async () => {
    const strangerChildSui = await heldChild();
    for (const [caller, stated] of [[otherCouncilManager, s47], [schoolIgLead, IG_REVIEW], [policeIgLead, IG_REVIEW]] as const) {
      const exclusion = { kind: "AGENCY", agencyCode: "LA-E06000060", reason: "An attempt to shut the council out of its own case." };
      const body = await as(caller, RECORD, { sui: strangerChildSui, exclusion, access: stated });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "EXCLUSION_NOT_YOURS" });
      expect(await lastEntryBy(caller.sub, "CHILD_EXCLUSION_RECORDED")).toMatchObject({ outcome: "REFUSED", refusalRule: "child-exclusion:own-agency", childSuis: [strangerChildSui] });
    }
    expect((await as(colleague, CHILD_QUERY, { sui: strangerChildSui, access: s47 })).data?.child?.sui).toBe(strangerChildSui);
  });

  it("another agency's IG lead, even one holding the child, neither reads the reasons nor lifts it", async () => {
    const strangerChildSui = await heldChild();
    const recorded = await record({ kind: "STAFF", subject: "pc-unnamed-officer", reason: "Named by the child in the allegation against the force." }, strangerChildSui);
    expect(recorded.errors).toBeUndefined();
    const id = recorded.data?.recordChildExclusion.id as string;
    expect(((await as(CALLERS.igLead, LIST, { sui: strangerChildSui, access: IG_REVIEW })).data?.childExclusions as { id: string }[]).map((exclusion) => exclusion.id)).toContain(id);
    expect((await as(policeIgLead, LIST, { sui: strangerChildSui, access: IG_REVIEW })).data?.childExclusions).toEqual([]);
    const lifted = await as(policeIgLead, LIFT, { id, reason: "The force would like its officer back on the case.", access: IG_REVIEW });
    expect(lifted.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
    expect((await hub.hub.database.dataSource.query(`SELECT lifted_at FROM child_exclusion WHERE id = $1`, [id]))[0].lifted_at).toBeNull();
  });
});

describe("whom an agency may keep out (policies/exclusions.yaml)", () => {
  const policeIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-police-reach", agency: "POLICE-43", agency_type: "POLICE" };
  const refusalOf = (body: Body) => ({ message: body.errors?.[0]?.message, extensions: body.errors?.[0]?.extensions });

  it("a force holding the child cannot keep the allocated social worker out; its own exclusion of them reaches only its own staff", async () => {
    const strangerChildSui = await heldChild();
    const asCouncilStaff = await as(policeIgLead, RECORD, { sui: strangerChildSui, exclusion: { kind: "STAFF", subject: colleague.sub, agencyCode: "LA-E06000060", reason: "The officer says the worker is too close to the family." }, access: IG_REVIEW });
    expect(asCouncilStaff.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "EXCLUSION_NOT_YOURS" });
    expect(await lastEntryBy(policeIgLead.sub, "CHILD_EXCLUSION_RECORDED")).toMatchObject({ outcome: "REFUSED", refusalProblem: "EXCLUSION_NOT_YOURS", childSuis: [strangerChildSui] });
    const asOwn = await as(policeIgLead, RECORD, { sui: strangerChildSui, exclusion: { kind: "STAFF", subject: colleague.sub, reason: "The officer says the worker is too close to the family." }, access: IG_REVIEW });
    expect(asOwn.data?.recordChildExclusion).toMatchObject({ kind: "STAFF", agencyCode: "POLICE-43" });
    expect((await as(colleague, CHILD_QUERY, { sui: strangerChildSui, access: s47 })).data?.child?.sui).toBe(strangerChildSui);
  });

  it("refused alike for a child the hub does not hold; the council's manager still reads the child; the lead agency never shuts itself out", async () => {
    const strangerChildSui = await heldChild();
    const exclusion = { kind: "AGENCY", agencyCode: "LA-E06000060", reason: "The force prefers to manage this family itself." };
    const held = await as(policeIgLead, RECORD, { sui: strangerChildSui, exclusion, access: IG_REVIEW });
    const unheld = await as(policeIgLead, RECORD, { sui: next(), exclusion, access: IG_REVIEW });
    expect(refusalOf(held)).toEqual(refusalOf(unheld));
    expect(held.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "EXCLUSION_NOT_YOURS" });
    expect((await as(CALLERS.cscManager, CHILD_QUERY, { sui: strangerChildSui, access: s47 })).data?.child?.sui).toBe(strangerChildSui);
    const itself = await record({ kind: "AGENCY", agencyCode: "LA-E06000060", reason: "Shutting the council out of its own plan." }, strangerChildSui);
    expect(itself.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "EXCLUSION_NOT_YOURS" });
  });

  it("the lead agency reads and lifts an exclusion another agency recorded", async () => {
    const strangerChildSui = await heldChild();
    const recorded = await as(policeIgLead, RECORD, { sui: strangerChildSui, exclusion: { kind: "STAFF", subject: "pc-own-officer", reason: "Related to the family; must not see the file." }, access: IG_REVIEW });
    const id = recorded.data?.recordChildExclusion.id as string;
    expect(((await as(CALLERS.igLead, LIST, { sui: strangerChildSui, access: IG_REVIEW })).data?.childExclusions as { id: string }[]).map((exclusion) => exclusion.id)).toContain(id);
    const lifted = await as(CALLERS.igLead, LIFT, { id, reason: "The strategy discussion found the officer is not related.", access: IG_REVIEW });
    expect(lifted.data?.liftChildExclusion).toMatchObject({ id, liftedBySub: CALLERS.igLead.sub });
  });

  it("a member of the excluded team whose token states no team is kept out too (deny by default); another agency's staff are not", async () => {
    const childSui = await excludedChild();
    expect((await as({ ...CALLERS.police, sub: "pc-no-team-claim" }, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child).toBeNull();
    expect(await lastEntryBy("pc-no-team-claim", "CHILD_RECORD")).toMatchObject({ outcome: "REFUSED", refusalProblem: "EXCLUDED_FROM_FILE" });
    expect((await as(colleague, CHILD_QUERY, { sui: childSui, access: s47 })).data?.child?.sui).toBe(childSui);
  });
});

describe("a statutory notification to an agency kept out of the child is never dropped silently", () => {
  const planChildSui = next();
  const prisonIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-prison-duty", agency: "HMP-EXAMPLETON", agency_type: "PRISON", la: "E10000019" };
  const lincsIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-lincs-duty", agency: "LA-E10000019", la: "E10000019" };
  const SUBMIT_PPRC = /* GraphQL */ `mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { notificationId recipients { agencyCode } unrouted { rule area localAuthority outcome } } }`;
  const ALERTS_OF = /* GraphQL */ `query ($access: AccessContext!) { igAlerts(access: $access, status: OPEN, first: 200) { nodes { kind childSui principalAgency justification } } }`;
  const home = { kind: "HOME", line1: "6 Plan Road", town: "Sampleton", postcode: "HP20 1UA", localAuthority: BUCKS };
  const release = {
    agencyCode: "HMP-EXAMPLETON", reference: "HMP-DUTY-REL-1", event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED", mappa: { category: 2, level: 1 },
    prisoner: { prisonNumber: "A9911DU", givenNames: "Rufus", familyName: "Dutiful", dateOfBirth: "1980-01-01", sex: "MALE", homeLocalAuthority: "E10000019" },
    release: { date: "2026-11-21", address: { kind: "HOME", line1: "1 Gate St", town: "Fenby", postcode: "PE20 3LW", localAuthority: "E10000019" } },
    childrenAtRisk: [{ reference: "HMP-DUTY-REL-1-C1", sui: planChildSui, givenNames: "Nell", familyName: "Dutiful", dateOfBirth: "2015-06-06", sex: "FEMALE", address: home, relationshipToPrisoner: "FATHER" }],
  };
  const excludedAgencyAlerts = async (caller: TestClaims) => ((await as(caller, ALERTS_OF, { access: IG_REVIEW })).data?.igAlerts.nodes as { kind: string; childSui: string; principalAgency: string; justification: string }[])
    .filter((alert) => alert.kind === "EXCLUDED_AGENCY" && alert.childSui === planChildSui);

  it("the notifier's receipt shows the duty as not met; its IG leads and the lead agency's are alerted; the excluded council is told nothing", async () => {
    const plan = { agencyCode: "LA-E06000060", agencyReference: "CSC-DUTY-1", child: { sui: planChildSui, givenNames: "Nell", familyName: "Dutiful", dateOfBirth: "2015-06-06", sex: "FEMALE", address: home },
      socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "PHYSICAL_ABUSE", startDate: "2026-09-01", responsibleLocalAuthority: BUCKS } };
    expect((await hub.graphql(SUBMIT, { record: plan }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE", BUCKS)))).body.errors).toBeUndefined();
    // The lead agency keeps the father's home council out (complex abuse: its staff are implicated).
    const recorded = await as(CALLERS.igLead, RECORD, { sui: planChildSui, exclusion: { kind: "AGENCY", agencyCode: "LA-E10000019", reason: "The father's council's staff are implicated in the allegation." }, access: IG_REVIEW });
    expect(recorded.errors).toBeUndefined();

    const receipt = (await as(AGENCY_SYSTEM_CLAIMS("HMP-EXAMPLETON", "PRISON", "E10000019"), SUBMIT_PPRC, { n: release })).data?.submitPprcNotification;
    expect(receipt.recipients.map((recipient: { agencyCode: string }) => recipient.agencyCode)).toContain("LA-E06000060");
    expect(receipt.recipients.map((recipient: { agencyCode: string }) => recipient.agencyCode)).not.toContain("LA-E10000019");
    expect(receipt.unrouted).toContainEqual({ rule: "pprc-csc-prisoner-home-area", area: "PRISONER_HOME", localAuthority: "E10000019", outcome: "EXCLUDED" });
    const toLincs = await hub.hub.database.dataSource.query(`SELECT d.id FROM notification_delivery d WHERE d.notification_id = $1 AND d.recipient_agency = 'LA-E10000019'`, [receipt.notificationId]);
    expect(toLincs).toEqual([]);

    for (const caller of [prisonIgLead, CALLERS.igLead]) {
      const [alert, ...more] = await excludedAgencyAlerts(caller);
      expect(more).toEqual([]);
      expect(alert).toMatchObject({ principalAgency: caller.agency });
      expect(alert.justification).toContain(receipt.notificationId);
    }
    expect(await excludedAgencyAlerts(lincsIgLead)).toEqual([]);
  });
});

describe("a team kept out, whatever the spaces and case its name is written in: the file, the inbox and plans held elsewhere agree", () => {
  // `child` compares teams in JavaScript; the inbox and plans held elsewhere in a query. Both must read
  // one team name the same way (`teamKey`), whichever PostgreSQL runs the query and in whatever locale.
  const ED_CODE = "ED-TEAMKEY";
  const edSystem: TestClaims = { sub: "system-ed-teamkey", name: "ED system (team keys)", agency: ED_CODE, agency_type: "HEALTH", roles: ["AGENCY_SYSTEM"], la: BUCKS };
  const lincsManager: TestClaims = { sub: "lincs-manager-teamkey", name: "Lincolnshire manager (team keys)", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["CSC_MANAGER"], la: "E10000019" };
  const NOTIFICATIONS = /* GraphQL */ `{ notifications(first: 50) { nodes { id child { sui } } } }`;
  const PLANS = /* GraphQL */ `query ($access: AccessContext!) { plansHeldElsewhere(access: $access, first: 50) { nodes { sui } } }`;
  const ATTEND = /* GraphQL */ `mutation ($n: UnscheduledCareAttendanceNotificationInput!) { submitUnscheduledCareAttendance(notification: $n) { recipients { agencyCode } } }`;
  const triage = access("REFERRAL_TRIAGE", "PUBLIC_TASK", { justification: "Checking children placed in the county by other authorities." });

  beforeAll(async () => {
    await hub.hub.database.dataSource.getRepository(Agency).insert({ code: ED_CODE, name: "Example emergency department (team keys)", type: "HEALTH", localAuthority: BUCKS, servedLocalAuthorities: [BUCKS], unscheduledCareSetting: "EMERGENCY_DEPARTMENT" });
  });

  it.each([
    ["recorded with a no-break space", "Marsh\u00A0Safeguarding", "Marsh Safeguarding", "Perpetua"],
    ["claimed with a no-break space", "Marsh Safeguarding", "Marsh\u00A0Safeguarding", "Leocadia"],
    ["claimed with a narrow no-break space", "South Hub", "South\u202FHub", "Ismay"],
    ["recorded in capitals with an accented letter", "ÉQUIPE NORD", "Équipe Nord", "Oriel"],
  ])("a team %s: the member kept out of the file does not see its notification in the inbox either", async (_how, recordedTeam, claimedTeam, givenNames) => {
    const sui = next();
    const kid = { sui, givenNames, familyName: "Teamkey", dateOfBirth: "2012-04-14", sex: "FEMALE", address: { kind: "HOME", line1: "3 Closed Row", town: "Sampleton", postcode: "HP20 1UA", localAuthority: BUCKS } };
    const plan = { agencyCode: "LA-E06000060", agencyReference: `TEAMKEY-PLAN-${sui}`, child: kid, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-02-01", responsibleLocalAuthority: BUCKS } };
    expect((await as(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE", BUCKS), SUBMIT, { record: plan })).errors).toBeUndefined();
    expect((await record({ kind: "TEAM", agencyCode: "LA-E06000060", team: recordedTeam, reason: "A member of the team is the subject of an allegation concerning this child." }, sui, CALLERS.cscManager)).errors).toBeUndefined();
    const attended = await as(edSystem, ATTEND, { n: { agencyCode: ED_CODE, reference: `ED-TEAMKEY-${sui}`, attendedOn: "2026-11-30", presentingComplaint: "Scald to the forearm", child: kid } });
    expect(attended.errors).toBeUndefined();
    expect(attended.data?.submitUnscheduledCareAttendance.recipients).toEqual([{ agencyCode: "LA-E06000060" }]);

    const member: TestClaims = { ...CALLERS.socialWorker, sub: `sw-teamkey-${sui}`, team: claimedTeam };
    const colleague: TestClaims = { ...CALLERS.socialWorker, sub: `sw-teamkey-other-${sui}`, team: "Another Team Entirely" };
    expect((await as(member, CHILD_QUERY, { sui, access: s47 })).data?.child).toBeNull();
    const about = async (caller: TestClaims) => ((await as(caller, NOTIFICATIONS, {})).data?.notifications.nodes as { child: { sui: string } | null }[]).filter((node) => node.child?.sui === sui);
    expect(await about(member)).toEqual([]);
    expect(await about(colleague)).toHaveLength(1);
  });

  it.each([
    ["written alike", "West Placements", "Clarimond"],
    ["recorded with a no-break space", "West\u00A0Placements", "Euphemia"],
  ])("a host authority's team %s, kept out by the lead agency: the member does not find the child on the plans held elsewhere", async (_how, recordedTeam, givenNames) => {
    const sui = next();
    const kid = { sui, givenNames, familyName: "Teamkey", dateOfBirth: "2012-10-10", sex: "FEMALE", address: { kind: "PLACEMENT", line1: "14 Bramble Court", postcode: "HP20 9BC", localAuthority: BUCKS } };
    const placement = { agencyCode: "LA-E10000019", agencyReference: `TEAMKEY-LAC-${sui}`, child: kid, socialCare: { status: "LOOKED_AFTER", legalStatus: "SECTION_20_ACCOMMODATED", startDate: "2025-11-01", responsibleLocalAuthority: "E10000019" } };
    expect((await as(AGENCY_SYSTEM_CLAIMS("LA-E10000019", "CHILDRENS_SOCIAL_CARE", "E10000019"), SUBMIT, { record: placement })).errors).toBeUndefined();
    expect((await record({ kind: "TEAM", agencyCode: "LA-E06000060", team: recordedTeam, reason: "A member of the host team is the subject of an allegation concerning this child." }, sui, lincsManager)).errors).toBeUndefined();

    const member: TestClaims = { ...CALLERS.socialWorker, sub: `sw-teamkey-plans-${sui}`, team: "West Placements" };
    const colleague: TestClaims = { ...CALLERS.socialWorker, sub: `sw-teamkey-plans-other-${sui}`, team: "East Placements" };
    expect((await as(member, CHILD_QUERY, { sui, access: s47 })).data?.child).toBeNull();
    const listed = async (caller: TestClaims) => ((await as(caller, PLANS, { access: triage })).data?.plansHeldElsewhere.nodes as { sui: string }[]).filter((node) => node.sui === sui);
    expect(await listed(member)).toEqual([]);
    expect(await listed(colleague)).toHaveLength(1);
  });
});
