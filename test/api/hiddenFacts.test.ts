import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * A hostile caller compares two answers: one about a child with a record hidden from them, one about a
 * twin without it. Every count, list, path, status and message must be the same (design principles 5
 * and 8). Children of this file's own, each pair differing only in the hidden record.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(846_100);
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

const home = (line1: string, postcode: string) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority: BUCKS });

async function submit(agencyType: string, record: Record<string, unknown>, la = BUCKS) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, la)))).body;
  expect(body.errors).toBeUndefined();
  return body.data.submitRecord as { recordId: string };
}

async function ask(caller: TestClaims, childSui: string, context: Record<string, unknown>) {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: context }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as Json | null;
}

const school = (child: object, reference: string) => ({
  agencyCode: "SCH-199001", agencyReference: reference, child,
  education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
});
const police = (child: object, reference: string, extra: Record<string, unknown> = {}) => ({
  agencyCode: "POLICE-43", agencyReference: reference, child, police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" }, ...extra,
});
const csc = (agencyCode: string, la: string, child: object, reference: string, socialCare: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  agencyCode, agencyReference: reference, child,
  socialCare: { startDate: "2026-03-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@example", responsibleLocalAuthority: la, ...socialCare },
  ...extra,
});

/** An answer with what tells the twins apart (SUIs, record and audit ids, names) replaced, so what is left can only differ by the hidden record. */
function shape(answer: unknown, twin: { sui: string; names: string[] }, ids: string[]): string {
  let text = JSON.stringify(answer);
  for (const id of ids) text = text.split(id).join("<record>");
  for (const name of [twin.sui, ...twin.names]) text = text.split(name).join("<twin>");
  return text.replace(/"(disclosureId|id)":"[^"]+"/g, '"$1":"<id>"');
}

/** Two children alike in everything their unrestricted records say; `hidden` gets one more record. */
async function twins(label: string, hiddenRecord: (child: Json) => Promise<unknown>) {
  const make = (given: string) => ({ sui: next(), givenNames: given, familyName: `Tarrant${label}`, dateOfBirth: "2013-06-06", sex: "FEMALE", address: home(`4 ${label} Row`, "HP20 4TR") });
  const plain = make("Alys");
  const hidden = make("Bethan");
  const ids: string[] = [];
  for (const [child, tag] of [[plain, "P"], [hidden, "H"]] as const) {
    ids.push((await submit("EDUCATION", school(child, `UPN-${label}-${tag}`))).recordId);
    ids.push((await submit("POLICE", police(child, `TVP-${label}-${tag}`))).recordId);
    ids.push((await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", BUCKS, child, `CSC-${label}-${tag}`, { status: "CHILD_IN_NEED" }))).recordId);
  }
  await hiddenRecord(hidden);
  const view = async (caller: TestClaims, context: Record<string, unknown>) => {
    const [a, b] = [await ask(caller, plain.sui, context), await ask(caller, hidden.sui, context)];
    return [shape(a, { sui: plain.sui, names: ["Alys"] }, ids), shape(b, { sui: hidden.sui, names: ["Bethan"] }, ids)];
  };
  return { plain, hidden, view };
}

describe("a sealed child protection plan at another authority", () => {
  let pair: Awaited<ReturnType<typeof twins>>;
  beforeAll(async () => {
    pair = await twins("Seal", (child) => submit("CHILDRENS_SOCIAL_CARE", csc("LA-E10000019", LINCS, { ...child, givenNames: "Carys", address: undefined }, "LCC-SEAL-PLAN", { status: "CHILD_PROTECTION_PLAN", planCategory: "SEXUAL_ABUSE" }, { labels: ["SEALED"] }), LINCS));
  });

  it.each([
    ["a school's DSL", CALLERS.schoolDsl, access("STRATEGY_DISCUSSION")],
    ["a police officer", CALLERS.police, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT")],
    ["a social worker of another authority", CALLERS.socialWorker, access("SECTION_47_ENQUIRY")],
  ])("answers %s as for the twin without it", async (_who, caller, context) => {
    const [plain, hidden] = await pair.view(caller, context);
    expect(JSON.parse(plain)).toMatchObject({ education: [expect.anything()] });
    expect(hidden).toBe(plain);
  });
});

describe("a brokered plan", () => {
  let pair: Awaited<ReturnType<typeof twins>>;
  beforeAll(async () => {
    pair = await twins("Brok", (child) => submit("CHILDRENS_SOCIAL_CARE", csc("LA-E06000060", BUCKS, child, "CSC-BROK-PLAN", { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT" }, { labels: ["BROKERED"] })));
  });

  it("gives a school's DSL no plan, status or path, only the restricted-involvement signal", async () => {
    const [plain, hidden] = await pair.view(CALLERS.schoolDsl, access("STRATEGY_DISCUSSION"));
    const signal = JSON.parse(hidden) as Json;
    expect(signal.restrictedInvolvement).toEqual([{ agencyType: "CHILDRENS_SOCIAL_CARE", contactEmail: expect.any(String) }]);
    expect(JSON.stringify({ ...signal, restrictedInvolvement: [] })).toBe(plain);
  });
});

describe("the trail an IG lead reads", () => {
  const DISCLOSURES = `query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access, first: 50) { totalCount pageInfo { hasNextPage } nodes { childSuis operation outcome } } }`;

  it("counts nothing about a child known to the hub only by another authority's sealed record, as for a child it does not hold", async () => {
    const sealedOnly = next();
    const absent = next();
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E10000019", LINCS, { sui: sealedOnly, givenNames: "Delyth", familyName: "Pengelly", dateOfBirth: "2012-02-02", sex: "FEMALE", address: home("2 Moor Row", "HP20 2MR") }, "LCC-SEAL-ONLY", { status: "CHILD_IN_NEED" }, { labels: ["SEALED"] }), LINCS);
    for (const sui of [sealedOnly, absent]) await ask(CALLERS.police, sui, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT"));
    const trail = async (sui: string) => (await hub.graphql(DISCLOSURES, { filter: { childSui: sui }, access: IG_REVIEW }, await hub.token(CALLERS.igLead))).body;
    const [a, b] = [await trail(sealedOnly), await trail(absent)];
    expect(a.errors).toBeUndefined();
    expect(JSON.stringify(a).split(sealedOnly).join("<sui>")).toBe(JSON.stringify(b).split(absent).join("<sui>"));
  });
});

describe("a protected location another agency reports unlabelled, in a notification", () => {
  const SUBMIT_PPRC = `mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { outcome recipients { agencyCode } } }`;
  const INBOX = `{ notifications(first: 10) { nodes { type childrenAtRisk { sui homeLocalAuthority } redactions { path rule } } } }`;
  const PRISON_SYSTEM: TestClaims = { sub: "system-exampleton", name: "Exampleton system", agency: "HMP-EXAMPLETON", agency_type: "PRISON", roles: ["AGENCY_SYSTEM"], la: LINCS };
  const placedSui = next();
  const refugeSui = next();
  const placement = { kind: "PLACEMENT", line1: "3 Lantern Way", town: "Fenby", postcode: "PE20 3LW", localAuthority: LINCS };
  const refuge = { kind: "REFUGE", line1: "8 Wold Lane", town: "Fenby", postcode: "PE20 8WL", localAuthority: LINCS };

  beforeAll(async () => {
    const child = { sui: placedSui, givenNames: "Isla", familyName: "Marrowby", dateOfBirth: "2016-01-19", sex: "FEMALE" };
    const sibling = { sui: refugeSui, givenNames: "Wren", familyName: "Marrowby", dateOfBirth: "2014-04-14", sex: "FEMALE" };
    await submit("CHILDRENS_SOCIAL_CARE", csc("LA-E10000019", LINCS, { ...child, address: { ...placement, labels: ["LOCATION_WITHHELD"] } }, "LCC-PLACED-PPRC", { status: "LOOKED_AFTER", legalStatus: "SECTION_20_ACCOMMODATED" }), LINCS);
    // The refuge is known to the hub only through a sealed record: its protection holds all the same (people/identityFacts.ts).
    await submit("EDUCATION", school({ ...sibling, address: { ...refuge, kind: "HOME" } }, "UPN-REFUGE-PPRC"));
    await submit("POLICE", police({ ...sibling, address: { ...refuge, labels: ["LOCATION_WITHHELD"] } }, "TVP-REFUGE-PPRC", { labels: ["SEALED"] }));
    // The prisoner knows where the child is; the prison reports it as a home, unlabelled.
    const notification = {
      agencyCode: "HMP-EXAMPLETON", reference: "EX-PLACED-PPRC", event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED",
      prisoner: { prisonNumber: "C4829KD", givenNames: "Tobin", familyName: "Wrexfield", dateOfBirth: "1980-09-30", sex: "MALE", homeLocalAuthority: BUCKS },
      release: { date: "2026-11-21", address: { kind: "HOME", line1: "9 Quarry Rise", town: "Sampleton", postcode: "HP20 9QR", localAuthority: BUCKS } },
      childrenAtRisk: [
        { reference: "EX-PLACED-PPRC-C1", ...child, address: { ...placement, kind: "HOME" }, relationshipToPrisoner: "FATHER" },
        { reference: "EX-PLACED-PPRC-C2", ...sibling, address: { ...refuge, kind: "HOME" }, relationshipToPrisoner: "FATHER" },
      ],
    };
    const body = (await hub.graphql(SUBMIT_PPRC, { n: notification }, await hub.token(PRISON_SYSTEM))).body;
    expect(body.errors).toBeUndefined();
  });

  it("gives probation no authority derived from it, as the child's file gives none, whichever record protects it", async () => {
    const body = (await hub.graphql(INBOX, {}, await hub.token(CALLERS.probation))).body;
    expect(body.errors).toBeUndefined();
    const [node] = (body.data.notifications.nodes as Json[]).filter((n) => n.type === "PPRC");
    expect(node.childrenAtRisk).toEqual([{ sui: placedSui, homeLocalAuthority: null }, { sui: refugeSui, homeLocalAuthority: null }]);
    expect(node.redactions).toEqual(expect.arrayContaining([
      { path: "childrenAtRisk[0].homeLocalAuthority", rule: "location-withheld" }, { path: "childrenAtRisk[1].homeLocalAuthority", rule: "location-withheld" },
    ]));
  });

  it("still tells the children's social care of the area, which may see a protected location", async () => {
    const body = (await hub.graphql(INBOX, {}, await hub.token(CALLERS.lincolnshireSocialWorker))).body;
    const [node] = (body.data.notifications.nodes as Json[]).filter((n) => n.type === "PPRC");
    expect(node.childrenAtRisk).toEqual([{ sui: placedSui, homeLocalAuthority: LINCS }, { sui: refugeSui, homeLocalAuthority: LINCS }]);
  });
});

