import { createHmac } from "node:crypto";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * MASH cross-agency search (issue 11, DOMAIN scenario 5): a practitioner triaging a referral finds the
 * child from a misspelt name and a day/month-swapped date of birth, under the referral's case reference,
 * and opens the child's file against it. Never a way to browse: no referral, a reference naming nothing,
 * a single common surname — each refused and audited. Provenance: a sealed alias or a refuge postcode
 * answers what a search for nobody answers. Fresh children of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(870_000);
const next = () => sui.next().value as string;
const BUCKS = "E06000060";

const SEARCH = /* GraphQL */ `
  query Search($criteria: SearchCriteriaInput!, $access: AccessContext!, $first: Int) {
    searchChildren(criteria: $criteria, access: $access, first: $first) {
      searchId
      candidates { sui score why { field level weight } demographics { givenNames familyName dateOfBirth sex postcodeDistrict } withheld { path rule } agencyTypes { agencyType restrictedInvolvement } }
    }
  }
`;
const OPEN = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId reference } }`;
const RESTRICT = /* GraphQL */ `mutation ($recordId: ID!, $field: String, $kind: RestrictionKind!, $ground: RestrictionGround!, $reason: String!, $access: AccessContext!) { restrictProcessing(recordId: $recordId, field: $field, kind: $kind, ground: $ground, reason: $reason, access: $access) { id } }`;

beforeAll(async () => {
  hub = await startTestHub({ env: { SEARCH_RATE_LIMIT: "10" } });
});
afterAll(async () => {
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
const home = (line1: string, postcode: string, extra: Record<string, unknown> = {}) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority: BUCKS, ...extra });
const gp = (child: object, reference: string, extra: Record<string, unknown> = {}) => ({ agencyCode: "GP-K99001", agencyReference: reference, child, health: { gpPracticeCode: "K99001", registeredOn: "2016-06-01" }, ...extra });
const police = (child: object, reference: string, extra: Record<string, unknown> = {}) => ({ agencyCode: "POLICE-43", agencyReference: reference, child, police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" }, ...extra });
const school = (child: object, reference: string) => ({ agencyCode: "SCH-199001", agencyReference: reference, child, education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" } });

const triage = (caseReference: string | null, extra: Record<string, unknown> = {}) => access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference, ...extra });
const search = (caller: TestClaims, criteria: Record<string, unknown>, caseReference: string | null) => as(caller, SEARCH, { criteria, access: triage(caseReference) });
const entries = () => hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
const searchEntry = async (id: string) => entries().findOneByOrFail({ id });
const lastSearchBy = (sub: string) => entries().findOneOrFail({ where: { operation: "CHILD_SEARCH", principalSub: sub } as never, order: { occurredAt: "DESC", id: "DESC" } as never });
/** An audit entry as a comparison sees its shape: what differs between any two searches (ids, times, digests) left out. */
const shape = (entry: DisclosureAuditEntry) => ({
  operation: entry.operation, outcome: entry.outcome, childSuis: entry.childSuis, refusalCode: entry.refusalCode, refusalProblem: entry.refusalProblem,
  fieldsDisclosed: entry.fieldsDisclosed, details: Object.keys(entry.details).sort(), fieldsUsed: entry.details.fieldsUsed, candidates: entry.details.candidates,
});

async function openReferral(caller: TestClaims, childSui: string, reference: string) {
  const opened = await as(caller, OPEN, { referral: { sui: childSui, reference, referralSource: "SCHOOL", reason: "School reports bruising and the child's fear of going home." } });
  expect(opened.errors).toBeUndefined();
}

describe("scenario 5: a MASH practitioner finds the child a referral is about", () => {
  const childSui = next();
  const child = { sui: childSui, givenNames: "Catriona", familyName: "Abernethy", dateOfBirth: "2015-03-07", sex: "FEMALE", address: home("12 Mill Lane", "HP20 1UA") };
  const mash: TestClaims = { ...CALLERS.mash, sub: "mash-search-1" };

  beforeAll(async () => {
    await submit("HEALTH", gp(child, "GP-SRCH-1"));
    await submit("EDUCATION", school(child, "UPN-SRCH-1"));
    await openReferral(mash, childSui, "MASH-SRCH-0001");
  });

  it("finds her from a misspelt name and a day/month-swapped date of birth, saying why, and which agency types know her", async () => {
    const body = await search(mash, { givenNames: "Katrina", familyName: "Abernethie", dateOfBirth: { exact: "2015-07-03" } }, "MASH-SRCH-0001");
    expect(body.errors).toBeUndefined();
    const [first] = body.data!.searchChildren.candidates;
    expect(first).toMatchObject({ sui: childSui, demographics: { givenNames: "Catriona", familyName: "Abernethy", dateOfBirth: "2015-03-07", sex: "FEMALE", postcodeDistrict: "HP20" } });
    expect(first.why).toEqual(expect.arrayContaining([expect.objectContaining({ field: "dateOfBirth", level: "DAY_MONTH_SWAPPED" }), expect.objectContaining({ field: "postcode", level: "MISSING" })]));
    expect(first.why.find((why: { field: string }) => why.field === "familyName").level).not.toBe("DIFFERENT");
    expect(first.agencyTypes).toEqual([{ agencyType: "EDUCATION", restrictedInvolvement: false }, { agencyType: "HEALTH", restrictedInvolvement: false }]);
    expect(JSON.stringify(first)).not.toMatch(/K99001|Mill Lane|dsl@/);
  });

  it("audits the search with the fields used, each value only as a keyed digest, and the candidates shown; the detail view is audited against the referral", async () => {
    const body = await search(mash, { givenNames: "Katrina", familyName: "Abernethie", dateOfBirth: { exact: "2015-07-03" } }, "MASH-SRCH-0001");
    const entry = await searchEntry(body.data!.searchChildren.searchId);
    expect(entry).toMatchObject({ operation: "CHILD_SEARCH", outcome: "DISCLOSED", caseReference: "MASH-SRCH-0001", childSuis: [childSui] });
    expect(entry.details).toMatchObject({ fieldsUsed: ["givenNames", "familyName", "dateOfBirth"], openReferral: { reference: "MASH-SRCH-0001", localAuthority: BUCKS } });
    expect(Object.keys(entry.details.criteria as object).sort()).toEqual(["dateOfBirth", "familyName", "givenNames"]);
    expect(JSON.stringify(entry)).not.toMatch(/Katrina|Abernethie|2015-07-03/i);

    const opened = await as(mash, CHILD_QUERY, { sui: childSui, access: triage("MASH-SRCH-0001") });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.child.relationships).toContain("MASH_CASE");
    expect(await searchEntry(opened.data!.child.disclosureId)).toMatchObject({ operation: "CHILD_RECORD", outcome: "DISCLOSED", caseReference: "MASH-SRCH-0001", details: expect.objectContaining({ openReferral: expect.objectContaining({ reference: "MASH-SRCH-0001" }) }) });
  });
});

describe("a referral opened before the MASH knows who the child is", () => {
  const childSui = next();
  const otherSui = next();
  const mash: TestClaims = { ...CALLERS.mash, sub: "mash-search-bind" };
  beforeAll(async () => {
    await submit("HEALTH", gp({ sui: childSui, givenNames: "Rhiannon", familyName: "Tregothnan", dateOfBirth: "2016-11-04", sex: "FEMALE", address: home("3 Kiln Row", "HP20 3KR") }, "GP-BIND-1"));
    await submit("HEALTH", gp({ sui: otherSui, givenNames: "Morwenna", familyName: "Penrose", dateOfBirth: "2014-02-02", sex: "FEMALE", address: home("5 Kiln Row", "HP20 3KR") }, "GP-BIND-2"));
    const opened = await as(mash, OPEN, { referral: { reference: "MASH-SRCH-0004", referralSource: "SCHOOL", reason: "School reports a pupil's disclosure; the referrer gave no NHS number." } });
    expect(opened.errors).toBeUndefined();
  });

  it("is bound, once and audited, to the child its search showed when the practitioner opens that child; it opens no other", async () => {
    const found = await search(mash, { givenNames: "Rianon", familyName: "Tregothnan", dateOfBirth: { exact: "2016-04-11" } }, "MASH-SRCH-0004");
    expect(found.data!.searchChildren.candidates.map((candidate: { sui: string }) => candidate.sui)).toEqual([childSui]);

    expect((await as(mash, CHILD_QUERY, { sui: otherSui, access: triage("MASH-SRCH-0004") })).data!.child).toBeNull();
    const opened = await as(mash, CHILD_QUERY, { sui: childSui, access: triage("MASH-SRCH-0004") });
    expect(opened.data!.child.relationships).toContain("MASH_CASE");
    expect(await searchEntry(opened.data!.child.disclosureId)).toMatchObject({ caseReference: "MASH-SRCH-0004", details: expect.objectContaining({ openReferral: expect.objectContaining({ reference: "MASH-SRCH-0004" }) }) });
    await as(mash, CHILD_QUERY, { sui: childSui, access: triage("MASH-SRCH-0004") });
    const bound = await entries().find({ where: { operation: "REFERRAL_BOUND", caseReference: "MASH-SRCH-0004" } as never });
    expect(bound).toHaveLength(1);
    expect(bound[0]).toMatchObject({ childSuis: [childSui], principalSub: "mash-search-bind" });
    // Bound: the reference names this child, and a later search's candidates cannot move it.
    await search(mash, { givenNames: "Morwenna", familyName: "Penrose", dateOfBirth: { exact: "2014-02-02" } }, "MASH-SRCH-0004");
    expect((await as(mash, CHILD_QUERY, { sui: otherSui, access: triage("MASH-SRCH-0004") })).data!.child).toBeNull();
  });
});

describe("a search is never a way to browse", () => {
  const childSui = next();
  const social: TestClaims = { ...CALLERS.socialWorker, sub: "sw-search-1" };
  beforeAll(async () => {
    for (const [index, givenNames] of ["Ann", "Beth", "Cara"].entries()) {
      await submit("HEALTH", gp({ sui: index === 0 ? childSui : next(), givenNames, familyName: "Smith", dateOfBirth: `201${index}-01-0${index + 1}`, sex: "FEMALE", address: home(`${index} High Street`, "HP20 2AA") }, `GP-WIDE-${index}`));
    }
    await openReferral({ ...CALLERS.mash, sub: "mash-wide" }, childSui, "MASH-SRCH-0002");
  });

  it("refuses a common surname alone as too wide, with advice, and audits the refusal", async () => {
    const body = await search(social, { familyName: "Smith" }, "MASH-SRCH-0002");
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "SEARCH_TOO_WIDE", problem: "TOO_FEW_FIELDS" });
    expect(body.errors?.[0]?.message).toMatch(/date of birth/);
    expect(await lastSearchBy("sw-search-1")).toMatchObject({ outcome: "REFUSED", refusalCode: "SEARCH_TOO_WIDE", childSuis: [], details: expect.objectContaining({ fieldsUsed: ["familyName"] }) });
  });

  it("refuses a search without a referral, and one whose reference names nothing the hub holds, alike and audited", async () => {
    const none = await search(social, { givenNames: "Ann", familyName: "Smith" }, null);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "NO_OPEN_REFERRAL" });
    const noneEntry = await lastSearchBy("sw-search-1");
    const unknown = await search(social, { givenNames: "Ann", familyName: "Smith" }, "MASH-NOTHING-9");
    expect(unknown.errors?.[0]).toEqual(none.errors?.[0]);
    const unknownEntry = await lastSearchBy("sw-search-1");
    expect(unknownEntry.id).not.toBe(noneEntry.id);
    expect(shape(unknownEntry)).toEqual(shape(noneEntry));
    expect(unknownEntry).toMatchObject({ outcome: "REFUSED", refusalProblem: "NO_OPEN_REFERRAL", childSuis: [] });
  });

  it("lets a practitioner break glass without a referral in an emergency, flagged and alerted to IG for each child shown", async () => {
    const emergency = "Out of hours: police at the door with a child who will not give her name; need to identify her now.";
    const body = await as(social, SEARCH, { criteria: { givenNames: "Ann", familyName: "Smith", dateOfBirth: { exact: "2010-01-01" } }, access: triage(null, { breakGlass: true, justification: emergency }) });
    expect(body.errors).toBeUndefined();
    const shown: string[] = body.data!.searchChildren.candidates.map((candidate: { sui: string }) => candidate.sui);
    expect(shown).toContain(childSui);
    expect(await searchEntry(body.data!.searchChildren.searchId)).toMatchObject({ breakGlass: true, outcome: "DISCLOSED" });
    const alerts = await hub.hub.database.dataSource.query<{ child_sui: string }[]>(`SELECT c.sui AS child_sui FROM ig_alert a JOIN child c ON c.id = a.child_id WHERE a.principal_sub = $1`, ["sw-search-1"]);
    expect(alerts.map((alert) => alert.child_sui).sort()).toEqual([...shown].sort());
  });

  it("refuses a school's DSL, audited", async () => {
    const body = await as(CALLERS.schoolDsl, SEARCH, { criteria: { givenNames: "Ann", familyName: "Smith" }, access: access("STRATEGY_DISCUSSION", "PUBLIC_TASK") });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "SEARCH_NOT_PERMITTED" });
    expect(await lastSearchBy("dsl-sampleton")).toMatchObject({ outcome: "REFUSED", refusalCode: "FORBIDDEN" });
  });

  it("limits each practitioner's searches a minute", async () => {
    const busy: TestClaims = { ...CALLERS.socialWorker, sub: "sw-search-busy" };
    const codes: unknown[] = [];
    for (let i = 0; i < 11; i++) codes.push((await search(busy, { givenNames: "Ann", familyName: "Smith", dateOfBirth: { exact: "2010-01-01" } }, "MASH-SRCH-0002")).errors?.[0]?.extensions.code ?? "OK");
    expect(codes).toEqual([...Array(10).fill("OK"), "RATE_LIMITED"]);
  });
});

describe("a search finds only what the caller could see (provenance)", () => {
  const mash: TestClaims = { ...CALLERS.mash, sub: "mash-search-prov" };
  const protectedSui = next();
  const sealedSui = next();
  const anchorSui = next();
  beforeAll(async () => {
    // A child the police know under a sealed new identity (Marnie Oakhurst), and a GP by her birth name.
    const known = { sui: sealedSui, givenNames: "Linnea", familyName: "Hartwell", dateOfBirth: "2013-05-17", sex: "FEMALE", address: home("4 Orchard Row", "HP20 2AB") };
    await submit("HEALTH", gp(known, "GP-PROV-S"));
    await submit("POLICE", police({ ...known, givenNames: "Marnie", familyName: "Oakhurst", address: home("9 Fen Lane", "HP22 5QQ") }, "TVP-PROV-S", { labels: ["SEALED"] }));
    // A child in a refuge, the address withheld.
    await submit("HEALTH", gp({ sui: protectedSui, givenNames: "Ottilie", familyName: "Brackenbury", dateOfBirth: "2014-09-09", sex: "FEMALE", address: { kind: "REFUGE", line1: "Weir Close refuge", postcode: "HP21 3WC", localAuthority: BUCKS, labels: ["LOCATION_WITHHELD"] } }, "GP-PROV-R"));
    await submit("HEALTH", gp({ sui: anchorSui, givenNames: "Wren", familyName: "Anchor", dateOfBirth: "2012-12-12", sex: "MALE" }, "GP-PROV-A"));
    await openReferral(mash, anchorSui, "MASH-SRCH-0003");
  });

  async function answerAndEntry(criteria: Record<string, unknown>, caller = mash) {
    const body = await search(caller, criteria, "MASH-SRCH-0003");
    expect(body.errors).toBeUndefined();
    return { candidates: body.data!.searchChildren.candidates, entry: shape(await searchEntry(body.data!.searchChildren.searchId)) };
  }

  it("a sealed alias answers what a search for nobody answers", async () => {
    const alias = await answerAndEntry({ givenNames: "Marnie", familyName: "Oakhurst", dateOfBirth: { exact: "2013-05-17" } });
    const nobody = await answerAndEntry({ givenNames: "Xanthe", familyName: "Quillfeather", dateOfBirth: { exact: "2013-05-17" } });
    expect(alias).toEqual(nobody);
    expect(alias.candidates).toEqual([]);
    expect(alias.entry).toMatchObject({ outcome: "NOT_FOUND", childSuis: [] });
  });

  it("a sealed record's address and agency type stay out of the birth name's candidate", async () => {
    const { candidates } = await answerAndEntry({ givenNames: "Linnea", familyName: "Hartwell", dateOfBirth: { exact: "2013-05-17" } });
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ sui: sealedSui, demographics: { postcodeDistrict: "HP20" }, agencyTypes: [{ agencyType: "HEALTH", restrictedInvolvement: false }] });
  });

  it("a brokered record shows only as restricted involvement, and its alias finds nobody", async () => {
    const brokeredSui = next();
    const child = { sui: brokeredSui, givenNames: "Saoirse", familyName: "Quennell", dateOfBirth: "2011-08-19", sex: "FEMALE", address: home("8 Tanner Way", "HP20 4TW") };
    await submit("EDUCATION", school(child, "UPN-PROV-B"));
    await submit("HEALTH", gp({ ...child, givenNames: "Tamsin", familyName: "Ravensworth", address: home("Flat 2, 80 Station Road", "HP21 8EF") }, "GP-PROV-B", { labels: ["BROKERED"] }));
    const { candidates } = await answerAndEntry({ givenNames: "Saoirse", familyName: "Quennell", dateOfBirth: { exact: "2011-08-19" } });
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ sui: brokeredSui, demographics: { givenNames: "Saoirse", familyName: "Quennell", postcodeDistrict: "HP20" } });
    expect(candidates[0].agencyTypes).toEqual([{ agencyType: "EDUCATION", restrictedInvolvement: false }, { agencyType: "HEALTH", restrictedInvolvement: true }]);
    const alias = await answerAndEntry({ givenNames: "Tamsin", familyName: "Ravensworth", postcode: "HP21 8EF" });
    const nobody = await answerAndEntry({ givenNames: "Xanthe", familyName: "Quillfeather", postcode: "HP21 8EF" });
    expect(alias).toEqual(nobody);
  });

  it("a brokered record under an objection to the whole record is not told of for a purpose the objection does not allow, as the child's file does not tell of it; break-glass still hears", async () => {
    const objectingSui = next();
    const child = { sui: objectingSui, givenNames: "Perdita", familyName: "Lowestoft", dateOfBirth: "2012-02-21", sex: "FEMALE", address: home("3 Fuller's Yard", "HP20 4FY") };
    await submit("EDUCATION", school(child, "UPN-PROV-OBJ"));
    await submit("HEALTH", gp(child, "GP-PROV-OBJ", { labels: ["BROKERED"] }));
    const criteria = { givenNames: "Perdita", familyName: "Lowestoft", dateOfBirth: { exact: "2012-02-21" } };
    // A searcher of its own, so this test's searches count against no other's limit.
    const searcher: TestClaims = { ...CALLERS.mash, sub: "mash-search-objection" };
    expect((await answerAndEntry(criteria, searcher)).candidates[0].agencyTypes).toEqual([{ agencyType: "EDUCATION", restrictedInvolvement: false }, { agencyType: "HEALTH", restrictedInvolvement: true }]);
    const [{ id: recordId }] = await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = 'GP-PROV-OBJ'`);
    const gpIg: TestClaims = { sub: "ig-gp-search", name: "Test GP IG lead", agency: "GP-K99001", agency_type: "HEALTH", roles: ["IG_LEAD"], la: BUCKS };
    const restricted = await as(gpIg, RESTRICT, { recordId, field: null, kind: "OBJECTION", ground: "OBJECTION_PENDING", reason: "The young person objects to the practice's record being shared at all.", access: IG_REVIEW });
    expect(restricted.errors).toBeUndefined();
    // REFERRAL_TRIAGE is not among the purposes an objection pending allows: the search tells of the school alone.
    expect((await answerAndEntry(criteria, searcher)).candidates[0].agencyTypes).toEqual([{ agencyType: "EDUCATION", restrictedInvolvement: false }]);
    const emergency = await as(searcher, SEARCH, { criteria, access: triage("MASH-SRCH-0003", { breakGlass: true, justification: "Child found alone at night; who is involved, now." }) });
    expect(emergency.errors).toBeUndefined();
    expect(emergency.data!.searchChildren.candidates[0].agencyTypes).toEqual([{ agencyType: "EDUCATION", restrictedInvolvement: false }, { agencyType: "HEALTH", restrictedInvolvement: true }]);
  });

  it("a refuge postcode answers what a search for nobody answers, and places no one there", async () => {
    // Searched as its district (all a CSC searcher is shown): against a postcode in another district.
    const refuge = await answerAndEntry({ givenNames: "Ottilie", dateOfBirth: { exact: "2014-09-09" }, postcode: "HP21 3WC" });
    const nobody = await answerAndEntry({ givenNames: "Ottilie", dateOfBirth: { exact: "2014-09-09" }, postcode: "HP29 9ZZ" });
    expect(refuge).toEqual(nobody);
    expect(refuge.candidates).toHaveLength(1);
    expect(refuge.candidates[0].why).toContainEqual({ field: "postcode", level: "MISSING", weight: 0 });
    const byName = await answerAndEntry({ givenNames: "Ottilie", familyName: "Brackenbury", dateOfBirth: { exact: "2014-09-09" } });
    expect(byName.candidates[0]).toMatchObject({ sui: protectedSui, demographics: { postcodeDistrict: null } });
  });

  it("free address text searches by its postcode, as the matcher normalises it, at the district a CSC searcher is shown", async () => {
    const searcher: TestClaims = { ...CALLERS.mash, sub: "mash-search-address" };
    const { candidates, entry } = await answerAndEntry({ givenNames: "Linnea", familyName: "Hartwel", address: "4, ORCHARD ROW,  Sampleton hp20 2ab" }, searcher);
    expect(candidates[0]).toMatchObject({ sui: sealedSui });
    expect(candidates[0].why).toContainEqual({ field: "postcode", level: "DISTRICT", weight: expect.any(Number) });
    expect(entry.fieldsUsed).toEqual(["givenNames", "familyName", "address"]);
  });

  it("tells a searcher shown the postcode district nothing finer of where a candidate lives, in its why, score or order", async () => {
    // Two children alike in everything a CSC searcher is shown: name, date of birth, sex, district (HP20).
    const [quillSui, brookSui] = [next(), next()];
    const twin = { givenNames: "Isolde", familyName: "Featherstonehaugh", dateOfBirth: "2012-04-04", sex: "FEMALE" };
    await submit("HEALTH", gp({ ...twin, sui: quillSui, address: home("3 Quill Lane", "HP20 5QL") }, "GP-PROV-Q"));
    await submit("HEALTH", gp({ ...twin, sui: brookSui, address: home("8 Brook End", "HP20 6BE") }, "GP-PROV-E"));
    const searcher: TestClaims = { ...CALLERS.mash, sub: "mash-search-district" };
    const criteria = { givenNames: "Isolde", familyName: "Featherstonehaugh", dateOfBirth: { exact: "2012-04-04" } };
    const atQuill = await answerAndEntry({ ...criteria, address: "3 Quill Lane, Sampleton HP20 5QL" }, searcher);
    const atBrook = await answerAndEntry({ ...criteria, address: "8 Brook End, Sampleton HP20 6BE" }, searcher);
    expect(atQuill.candidates.map((candidate: { sui: string }) => candidate.sui).sort()).toEqual([quillSui, brookSui].sort());
    // Typing one child's full address or the other's gives the same answer: neither is placed at it.
    expect(atQuill).toEqual(atBrook);
    for (const candidate of atQuill.candidates) {
      expect(candidate.why).toContainEqual({ field: "postcode", level: "DISTRICT", weight: expect.any(Number) });
      expect(candidate.why.map(({ field }: { field: string }) => field)).not.toContain("address");
      expect(candidate.demographics.postcodeDistrict).toBe("HP20");
    }
    expect(atQuill.entry.fieldsDisclosed.filter((path: string) => path.endsWith(".why.address"))).toEqual([]);
    const byPostcode = await answerAndEntry({ ...criteria, postcode: "HP20 5QL" }, searcher);
    expect(byPostcode.candidates).toEqual(atQuill.candidates);
  });

  it("refuses a postcode or address from a searcher the policy shows no address (police), with advice, audited", async () => {
    const officer: TestClaims = { ...CALLERS.police, sub: "pc-search-address" };
    const criteria = { givenNames: "Linnea", familyName: "Hartwell", dateOfBirth: { exact: "2013-05-17" } };
    for (const [field, typed] of [["postcode", { postcode: "HP20 2AB" }], ["address", { address: "4 Orchard Row, Sampleton HP20 2AB" }]] as const) {
      const body = await search(officer, { ...criteria, ...typed }, "MASH-SRCH-0003");
      expect(body.data?.searchChildren ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem: "CRITERION_NOT_SHOWN", path: `criteria.${field}`, rule: "search-why-as-shown" });
      expect(body.errors?.[0]?.message).toMatch(/name with a date of birth/);
      expect(await lastSearchBy("pc-search-address")).toMatchObject({
        outcome: "REFUSED", refusalCode: "INVALID_INPUT", refusalProblem: "CRITERION_NOT_SHOWN", childSuis: [],
        details: expect.objectContaining({ fieldsUsed: ["givenNames", "familyName", "dateOfBirth"], fieldsRefused: [{ field, problem: "CRITERION_NOT_SHOWN", rule: "search-why-as-shown" }] }),
      });
    }
    // Without it, the officer finds the child by what they are shown.
    const { candidates } = await answerAndEntry(criteria, officer);
    expect(candidates[0]).toMatchObject({ sui: sealedSui, demographics: { postcodeDistrict: null } });
    expect(candidates[0].why.map(({ field }: { field: string }) => field)).not.toContain("postcode");
  });

  it("finds no child for a CSC searcher by a full postcode finer than the district they are shown", async () => {
    // A child whose names the referrer has wrong, at a street in HP24; another child of the same date of
    // birth elsewhere in HP24. Neither shares a name with what was typed, so only the full postcode (with
    // the date) could find one — singling her out as the child known at that very postcode.
    const [streetSui, decoySui] = [next(), next()];
    await submit("HEALTH", gp({ sui: streetSui, givenNames: "Perpetua", familyName: "Winterbourne", dateOfBirth: "2010-10-10", sex: "FEMALE", address: home("7 Sorrel Lane", "HP24 7SL") }, "GP-PROV-ST"));
    await submit("HEALTH", gp({ sui: decoySui, givenNames: "Dymphna", familyName: "Ashcombe", dateOfBirth: "2010-10-10", sex: "FEMALE", address: home("2 Vetch Road", "HP24 2VR") }, "GP-PROV-DC"));
    const searcher: TestClaims = { ...CALLERS.mash, sub: "mash-search-unit" };
    const typed = { givenNames: "Griselda", familyName: "Pennyworth", dateOfBirth: { exact: "2010-10-10" }, sex: "FEMALE" };
    const body = await search(searcher, { ...typed, postcode: "HP24 7SL" }, "MASH-SRCH-0003");
    const shown: string[] = (body.data?.searchChildren?.candidates ?? []).map((candidate: { sui: string }) => candidate.sui);
    expect(shown).not.toContain(streetSui);
    expect(shown).not.toContain(decoySui);
    // Whichever of the district's postcodes was typed, the answer is the same.
    const atDecoy = await search(searcher, { ...typed, postcode: "HP24 2VR" }, "MASH-SRCH-0003");
    expect(atDecoy.errors?.[0]?.extensions ?? null).toEqual(body.errors?.[0]?.extensions ?? null);
    expect(atDecoy.data?.searchChildren?.candidates ?? null).toEqual(body.data?.searchChildren?.candidates ?? null);
  });

  it("a refuge address, or one only a sealed record gave, in free text answers what an address the hub never heard of answers", async () => {
    // The nobody's address in another district: a CSC searcher's address text searches as its district.
    for (const [named, nobody] of [["Weir Close refuge, HP21 3WC", "Nowhere House, HP29 3WZ"], ["9 Fen Lane, HP22 5QQ", "3 Nowhere Road, HP28 5QZ"]] as const) {
      // Six searches for each address: each pair under its own practitioner, within the rate limit.
      const searcher: TestClaims = { ...CALLERS.mash, sub: `mash-search-address-${named}` };
      const alike = async (criteria: Record<string, unknown>) => expect(await answerAndEntry({ ...criteria, address: named }, searcher)).toEqual(await answerAndEntry({ ...criteria, address: nobody }, searcher));
      await alike({ givenNames: "Ottilie", dateOfBirth: { exact: "2014-09-09" } });
      await alike({ givenNames: "Ottilie", familyName: "Brackenbury", dateOfBirth: { exact: "2014-09-09" } });
      await alike({ givenNames: "Linnea", familyName: "Hartwell", dateOfBirth: { exact: "2013-05-17" } });
    }
  });
});

describe("a search's audit entry: what the search used, and the rule that shaped what it showed", () => {
  const childSui = next();
  const mash: TestClaims = { ...CALLERS.mash, sub: "mash-search-used" };
  const officer: TestClaims = { ...CALLERS.police, sub: "pc-search-used" };
  const criteria = { givenNames: "Morwenna", familyName: "Trevithick", dateOfBirth: { exact: "2012-02-21" } };
  /** The digest an IG lead holding the test hub's SEARCH_AUDIT_KEY computes for a value. */
  const digest = (field: string, value: string) => createHmac("sha256", "a-test-search-audit-key-of-32-characters").update(`${field}\u0000${value}`).digest("base64url");
  beforeAll(async () => {
    await submit("HEALTH", gp({ sui: childSui, ...criteria, dateOfBirth: "2012-02-21", sex: "FEMALE", address: home("11 Tinners Way", "HP23 4TW") }, "GP-USED-1"));
    await openReferral(mash, childSui, "MASH-SRCH-0012");
  });

  it("names the comparisons rule that reported each why no finer than the searcher is shown", async () => {
    const body = await search(mash, criteria, "MASH-SRCH-0012");
    expect(body.data!.searchChildren.candidates.map((candidate: { sui: string }) => candidate.sui)).toEqual([childSui]);
    const entry = await searchEntry(body.data!.searchChildren.searchId);
    expect(entry.details).toMatchObject({ comparisonsRule: "search-why-as-shown" });
    expect(entry.fieldsWithheld).toContainEqual(expect.objectContaining({ path: "why.postcode", rule: "search-why-as-shown" }));
  });

  it("records a CSC searcher's full postcode as the digest of the district the search used, never of the postcode typed", async () => {
    const body = await search(mash, { ...criteria, postcode: "HP23 4TW" }, "MASH-SRCH-0012");
    expect(body.data!.searchChildren.candidates.map((candidate: { sui: string }) => candidate.sui)).toEqual([childSui]);
    const entry = await searchEntry(body.data!.searchChildren.searchId);
    expect((entry.details.criteria as Record<string, string>).postcode).toBe(digest("postcode", "HP23"));
    expect(JSON.stringify(entry)).not.toContain(digest("postcode", "HP23 4TW"));
    expect(entry.details).toMatchObject({ criteriaUsedAs: { postcode: "DISTRICT" }, criteriaRule: "search-why-as-shown" });
  });

  it("records free address text as the district of its postcode, its first line not compared and not kept", async () => {
    const body = await search(mash, { ...criteria, address: "11 Tinners Way, Sampleton HP23 4TW" }, "MASH-SRCH-0012");
    expect(body.errors).toBeUndefined();
    const entry = await searchEntry(body.data!.searchChildren.searchId);
    expect((entry.details.criteria as Record<string, string>).address).toBe(digest("address", "HP23|"));
    expect(JSON.stringify(entry)).not.toContain(digest("address", "HP23 4TW|11 tinners way sampleton"));
    expect(entry.details).toMatchObject({ criteriaUsedAs: { address: "POSTCODE_DISTRICT" }, criteriaRule: "search-why-as-shown" });
  });

  it("keeps no digest of a criterion it refused as unusable, and names the rule that refused it", async () => {
    const body = await search(officer, { ...criteria, postcode: "HP23 4TW" }, "MASH-SRCH-0012");
    expect(body.errors?.[0]?.extensions).toMatchObject({ problem: "CRITERION_NOT_SHOWN", path: "criteria.postcode" });
    const entry = await lastSearchBy("pc-search-used");
    expect(entry.details).toMatchObject({ fieldsUsed: ["givenNames", "familyName", "dateOfBirth"], criteriaUsedAs: { postcode: "NOT_USED" }, criteriaRule: "search-why-as-shown" });
    expect(Object.keys(entry.details.criteria as object).sort()).toEqual(["dateOfBirth", "familyName", "givenNames"]);
  });

  it("lists among the fields used only what the search used, and a criterion it refused separately, with the rule that refused it", async () => {
    const body = await search(officer, { ...criteria, address: "11 Tinners Way, Sampleton HP23 4TW" }, "MASH-SRCH-0012");
    expect(body.errors?.[0]?.extensions).toMatchObject({ problem: "CRITERION_NOT_SHOWN", path: "criteria.address" });
    const entry = await lastSearchBy("pc-search-used");
    expect(entry.details.fieldsUsed).toEqual(["givenNames", "familyName", "dateOfBirth"]);
    expect(entry.details.fieldsRefused).toEqual([{ field: "address", problem: "CRITERION_NOT_SHOWN", rule: "search-why-as-shown" }]);
  });

  it("refuses free address text beside a postcode given on its own, of which it would use nothing, rather than drop it unsaid", async () => {
    // An old address beside the current postcode: the text's postcode is not searched (the postcode given
    // on its own is) and its first line is finer than a CSC searcher is shown, so nothing of it is used —
    // the searcher would believe the old address had been searched.
    const searcher: TestClaims = { ...CALLERS.mash, sub: "mash-search-twice" };
    const body = await search(searcher, { ...criteria, postcode: "HP23 4TW", address: "2 Old Road, Sampleton HP22 5QQ" }, "MASH-SRCH-0012");
    expect(body.data?.searchChildren ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem: "CRITERION_NOT_SHOWN", path: "criteria.address", rule: "search-why-as-shown" });
    expect(await lastSearchBy("mash-search-twice")).toMatchObject({
      outcome: "REFUSED", childSuis: [],
      details: expect.objectContaining({ fieldsUsed: ["givenNames", "familyName", "dateOfBirth", "postcode"], fieldsRefused: [{ field: "address", problem: "CRITERION_NOT_SHOWN", rule: "search-why-as-shown" }] }),
    });
  });

  it("lists every detail each candidate disclosed, by its position among the candidates, and what the policy withheld of it", async () => {
    const body = await search(mash, { ...criteria, sex: "FEMALE" }, "MASH-SRCH-0012");
    const [shown] = body.data!.searchChildren.candidates;
    expect(shown).toMatchObject({ sui: childSui, demographics: { givenNames: "Morwenna", familyName: "Trevithick", dateOfBirth: "2012-02-21", sex: "FEMALE", postcodeDistrict: "HP23" } });
    const entry = await searchEntry(body.data!.searchChildren.searchId);
    expect(entry.details.candidates).toEqual([expect.objectContaining({ childId: expect.any(String) })]);
    expect([...entry.fieldsDisclosed].sort()).toEqual([
      "candidates[0].agencyTypes", "candidates[0].score", "candidates[0].sui",
      "candidates[0].demographics.givenNames", "candidates[0].demographics.familyName", "candidates[0].demographics.dateOfBirth", "candidates[0].demographics.sex", "candidates[0].demographics.addresses",
      ...shown.why.map(({ field }: { field: string }) => `candidates[0].why.${field}`),
    ].sort());

    const byOfficer = await search(officer, criteria, "MASH-SRCH-0012");
    const [seen] = byOfficer.data!.searchChildren.candidates;
    expect(seen.withheld).toEqual([{ path: "demographics.addresses", rule: expect.any(String) }]);
    const officerEntry = await searchEntry(byOfficer.data!.searchChildren.searchId);
    expect(officerEntry.fieldsDisclosed).toContain("candidates[0].demographics.givenNames");
    expect(officerEntry.fieldsDisclosed).not.toContain("candidates[0].demographics.addresses");
    expect(officerEntry.fieldsWithheld).toContainEqual({ path: "candidates[0].demographics.addresses", reason: expect.any(String), rule: seen.withheld[0].rule });
  });
});

describe("a referral the authority's own system has decided", () => {
  const childSui = next();
  const mash: TestClaims = { ...CALLERS.mash, sub: "mash-search-decided" };
  const child = { sui: childSui, givenNames: "Perpetua", familyName: "Dunmore", dateOfBirth: "2014-06-06", sex: "FEMALE", address: home("6 Weir Lane", "HP20 6WL") };

  beforeAll(async () => {
    await submit("HEALTH", gp(child, "GP-DECIDED-1"));
    await openReferral(mash, childSui, "MASH-SRCH-0009");
  });

  it("opens no more searches once the authority records the same reference at its next status, as it opens the child no more", async () => {
    const criteria = { givenNames: "Perpetua", familyName: "Dunmore", dateOfBirth: { exact: "2014-06-06" } };
    expect((await search(mash, criteria, "MASH-SRCH-0009")).errors).toBeUndefined();
    await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "MASH-SRCH-0009", child, socialCare: { status: "ASSESSMENT", startDate: "2026-11-20", responsibleLocalAuthority: BUCKS } });
    expect((await as(mash, CHILD_QUERY, { sui: childSui, access: triage("MASH-SRCH-0009") })).data?.child?.relationships ?? []).not.toContain("MASH_CASE");
    const after = await search(mash, criteria, "MASH-SRCH-0009");
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "NO_OPEN_REFERRAL" });
  });
});

describe("a referral opened without a child, which the authority's own system has since decided", () => {
  const shownSui = next();
  const decidedSui = next();
  const mash: TestClaims = { ...CALLERS.mash, sub: "mash-search-bind-decided" };
  const decidedChild = { sui: decidedSui, givenNames: "Eluned", familyName: "Carrowmore", dateOfBirth: "2015-01-09", sex: "FEMALE", address: home("2 Sluice Row", "HP20 7SR") };
  beforeAll(async () => {
    await submit("HEALTH", gp({ sui: shownSui, givenNames: "Bronwen", familyName: "Carrowmore", dateOfBirth: "2015-09-01", sex: "FEMALE", address: home("4 Sluice Row", "HP20 7SR") }, "GP-BIND-D1"));
    await submit("HEALTH", gp(decidedChild, "GP-BIND-D2"));
    const opened = await as(mash, OPEN, { referral: { reference: "MASH-SRCH-0011", referralSource: "SCHOOL", reason: "A pupil's sister told a teacher she is afraid to go home; no NHS number given." } });
    expect(opened.errors).toBeUndefined();
  });

  it("is bound to no child, and opens none, once the authority records the reference at its next status", async () => {
    for (const criteria of [
      { givenNames: "Bronwen", familyName: "Carrowmore", dateOfBirth: { exact: "2015-09-01" } },
      { givenNames: "Eluned", familyName: "Carrowmore", dateOfBirth: { exact: "2015-01-09" } },
    ]) expect((await search(mash, criteria, "MASH-SRCH-0011")).data!.searchChildren.candidates.length).toBeGreaterThan(0);
    // The authority's system takes the referral on to assessment under the same reference, about the sister.
    await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "MASH-SRCH-0011", child: decidedChild, socialCare: { status: "ASSESSMENT", startDate: "2026-11-20", responsibleLocalAuthority: BUCKS } });

    const opened = await as(mash, CHILD_QUERY, { sui: shownSui, access: triage("MASH-SRCH-0011") });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.child?.relationships ?? []).not.toContain("MASH_CASE");
    expect(await entries().count({ where: { operation: "REFERRAL_BOUND", caseReference: "MASH-SRCH-0011" } as never })).toBe(0);
  });
});

describe("a strategy discussion or s.47 enquiry the authority's own system recorded", () => {
  const childSui = next();
  const social: TestClaims = { ...CALLERS.socialWorker, sub: "sw-search-stages" };
  const child = { sui: childSui, givenNames: "Ifeoma", familyName: "Castellane", dateOfBirth: "2013-10-02", sex: "FEMALE", address: home("7 Lock Yard", "HP20 8LY") };
  const criteria = { givenNames: "Ifeoma", familyName: "Castellane", dateOfBirth: { exact: "2013-10-02" } };
  const stage = (status: string, reference: string, recordedAt: Date, startDate: string) =>
    submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: reference, recordedAt: recordedAt.toISOString(), child, socialCare: { status, startDate, responsibleLocalAuthority: BUCKS } });
  beforeAll(async () => {
    await submit("HEALTH", gp(child, "GP-STAGE-1"));
    await stage("STRATEGY_DISCUSSION", "LA-SD-0001", new Date(), "2026-11-20");
    await stage("SECTION_47_ENQUIRY", "LA-S47-0001", new Date(), "2026-11-20");
    await stage("SECTION_47_ENQUIRY", "LA-S47-0002", new Date(Date.now() - 40 * 86_400_000), "2025-06-02");
  });

  it("opens a search under its reference, within its stage's window", async () => {
    for (const [reference, stageName, purpose] of [["LA-SD-0001", "STRATEGY_DISCUSSION", "STRATEGY_DISCUSSION"], ["LA-S47-0001", "SECTION_47_ENQUIRY", "SECTION_47_ENQUIRY"]]) {
      const body = await as(social, SEARCH, { criteria, access: access(purpose, "PUBLIC_TASK", { caseReference: reference }) });
      expect(body.errors).toBeUndefined();
      expect(body.data!.searchChildren.candidates.map((candidate: { sui: string }) => candidate.sui)).toEqual([childSui]);
      expect((await searchEntry(body.data!.searchChildren.searchId)).details).toMatchObject({ openReferral: { reference, stage: stageName, source: { kind: "AUTHORITY_RECORD" } } });
    }
  });

  it("refuses one whose window has lapsed as it refuses a reference naming nothing, audited alike", async () => {
    const lapsed = await as(social, SEARCH, { criteria, access: access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { caseReference: "LA-S47-0002" }) });
    const lapsedEntry = await lastSearchBy("sw-search-stages");
    const nothing = await as(social, SEARCH, { criteria, access: access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { caseReference: "LA-S47-NONE" }) });
    expect(lapsed.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "NO_OPEN_REFERRAL" });
    expect(nothing.errors?.[0]).toEqual(lapsed.errors?.[0]);
    expect(shape(await lastSearchBy("sw-search-stages"))).toEqual(shape(lapsedEntry));
  });
});
