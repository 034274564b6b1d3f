import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { DATA_QUALITY } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { storedLinkOf } from "../support/storedLink";

/**
 * The hub holds some children without an SUI: an unborn child, held against its expected date of birth
 * until the birth notification brings the baby's NHS number, or a record not yet traced. When an NHS
 * number arrives for such a child, the arrival is proposed to a data steward instead of founding a
 * second child; the steward's decision places the SUI, and with it every record held on it. Never
 * across a seal. Fictional children of this file's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(870_000);
const next = () => suis.next().value as string;
const BUCKS = "E06000060";

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

interface Review {
  id: string;
  status: string;
  evidence: { arrivingSui: string | null; suiDisputed: boolean; fields: { field: string; level: string }[] };
  record: { id: string };
  candidate: { childId: string; sui: string | null; expectedDateOfBirth: string | null };
}

const REVIEWS = /* GraphQL */ `
  query ($access: AccessContext!) {
    linkReviews(access: $access, first: 100) {
      nodes { id status evidence { arrivingSui suiDisputed fields { field level } } record { id } candidate { childId sui expectedDateOfBirth } }
    }
  }`;
const RESOLVE = "mutation ($id: ID!, $decision: LinkDecision!, $reason: String!, $access: AccessContext!) { resolveLinkReview(id: $id, decision: $decision, reason: $reason, access: $access) { status } }";

async function submit(agencyType: string, record: Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
  const receipt = body.data.submitRecord as { recordId: string };
  // The receipt does not say how the record was linked (it would tell whom the hub holds): read what the hub stored.
  return { ...receipt, link: await storedLinkOf(hub.hub.database.dataSource, receipt.recordId) };
}

async function ask(caller: TestClaims, childSui: string, purpose = "STRATEGY_DISCUSSION") {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access(purpose) }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as Record<string, any> | null;
}

async function reviewsOf(recordId: string): Promise<Review[]> {
  const body = (await hub.graphql(REVIEWS, { access: DATA_QUALITY }, await hub.token(CALLERS.dataSteward))).body;
  expect(body.errors).toBeUndefined();
  return (body.data.linkReviews.nodes as Review[]).filter((review) => review.record.id === recordId);
}

async function resolve(reviewId: string, decision: "LINK" | "NO_LINK" | "NEW_CHILD") {
  return (await hub.graphql(RESOLVE, { id: reviewId, decision, reason: "Checked with the midwifery team and the maternity unit.", access: DATA_QUALITY }, await hub.token(CALLERS.dataSteward))).body;
}

/** Every review of the record, open or closed (the steward's queue lists only open ones). */
async function reviewStatuses(recordId: string): Promise<string[]> {
  const rows = await hub.hub.database.dataSource.query<{ status: string }[]>(`SELECT status FROM link_review WHERE record_id = $1 ORDER BY opened_at, id`, [recordId]);
  return rows.map((row) => row.status);
}

async function childrenWithSui(childSui: string): Promise<number> {
  const [{ count }] = await hub.hub.database.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM child WHERE sui = $1`, [childSui]);
  return count;
}

const home = (line1: string, postcode: string) => ({ kind: "HOME", line1, postcode, localAuthority: BUCKS });
const mother = (reference: string, familyName: string) => ({ reference, givenNames: "Rowena", familyName, dateOfBirth: "1994-07-07", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true });

/** A midwife's record of a pregnancy, from the GP practice: the unborn child, no NHS number. */
const midwife = (reference: string, child: object, relatedAdults: object[] = []) => ({
  agencyCode: "GP-K99001", agencyReference: reference, child, relatedAdults,
  health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", conditions: [{ description: "Maternal substance misuse in pregnancy" }] },
});
/** The maternity unit's birth notification: the baby, with the NHS number allocated at birth. */
const birth = (reference: string, child: object) => ({
  agencyCode: "TRUST-RX1", agencyReference: reference, child,
  health: { unscheduledCareAttendances: [{ attendedOn: "2026-05-02", setting: "EMERGENCY_DEPARTMENT", site: "Example General Hospital maternity unit" }] },
});
const school = (reference: string, child: object, labels: string[] = []) => ({
  agencyCode: "SCH-199001", agencyReference: reference, child, labels,
  education: { rollStatus: "ON_ROLL", onRollFrom: "2022-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
});
const csc = (reference: string, child: object) => ({
  agencyCode: "LA-E06000060", agencyReference: reference, child,
  socialCare: { status: "CHILD_IN_NEED", startDate: "2026-03-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: BUCKS },
});

/**
 * A pregnancy the midwife recorded, and the maternity unit's birth notification of the baby with its
 * NHS number, held for a steward: a family of the calling test's own.
 */
async function heldBirth(familyName: string, reference: string, address: object) {
  const babySui = next();
  const unborn = { givenNames: "Unborn", familyName, expectedDateOfBirth: "2026-05-10", sex: "NOT_KNOWN", address };
  const baby = { sui: babySui, givenNames: "Wren", familyName, dateOfBirth: "2026-05-02", sex: "FEMALE", address };
  const pregnancy = await submit("HEALTH", midwife(`MW-${reference}`, unborn, [mother(`GP-MUM-${reference}`, familyName)]));
  expect(pregnancy.link.outcome).toBe("NEW_CHILD");
  const notified = await submit("HEALTH", birth(`BN-${reference}`, baby));
  expect(notified.link).toMatchObject({ state: "POSSIBLE", outcome: "REVIEW_PENDING" });
  return { babySui, baby, unbornRecord: pregnancy.recordId, birthRecord: notified.recordId };
}

/** The GP practice registers the newborn, under the NHS number the birth notification brought. */
async function gpRegistration(reference: string, baby: object) {
  return submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: `GP-REG-${reference}`, child: baby, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2026-05-20" } });
}

describe("the birth notification of a child the hub held unborn", () => {
  it("founds no second child: the record is nobody's and the SUI names no child yet", async () => {
    const { babySui } = await heldBirth("Fernhollow", "FERN", home("3 Larkspur Row", "HP20 2LR"));
    expect(await childrenWithSui(babySui)).toBe(0);
    expect(await ask(CALLERS.hospitalDoctor, babySui)).toBeNull();
  });

  it("is proposed to the unborn child, with the arriving SUI and the expected date in the evidence", async () => {
    const { babySui, birthRecord } = await heldBirth("Larchmere", "LARC", home("5 Teasel Row", "HP20 2TR"));
    const [review] = await reviewsOf(birthRecord);
    expect(review).toMatchObject({ status: "OPEN", evidence: { arrivingSui: babySui, suiDisputed: false }, candidate: { sui: null, expectedDateOfBirth: "2026-05-10" } });
    // Born eight days before the expected date: the baby the midwife expected, so no evidence against.
    expect(review.evidence.fields.find((field) => field.field === "dateOfBirth")?.level).toBe("MISSING");
  });

  it("holds a later record with the same SUI on the same question, founding nothing", async () => {
    const { babySui, baby, birthRecord } = await heldBirth("Rushbrook", "RUSH", home("9 Campion Row", "HP20 2CP"));
    const registration = await gpRegistration("RUSH", baby);
    expect(registration.link).toMatchObject({ state: "POSSIBLE", outcome: "REVIEW_PENDING" });
    const [unbornChild] = (await reviewsOf(birthRecord)).map((review) => review.candidate.childId);
    expect(await reviewsOf(registration.recordId)).toEqual([expect.objectContaining({ status: "OPEN", evidence: expect.objectContaining({ arrivingSui: babySui }), candidate: expect.objectContaining({ childId: unbornChild }) })]);
    expect(await childrenWithSui(babySui)).toBe(0);
  });

  it("gives the unborn child the SUI and its date of birth when a steward links them, and links the held records by it", async () => {
    const { babySui, baby, unbornRecord, birthRecord } = await heldBirth("Tamberley", "TAMB", home("12 Yarrow Row", "HP20 2YR"));
    const registration = (await gpRegistration("TAMB", baby)).recordId;
    const [review] = await reviewsOf(birthRecord);
    expect((await resolve(review.id, "LINK")).errors).toBeUndefined();
    const seen = await ask(CALLERS.hospitalDoctor, babySui);
    expect(seen).not.toBeNull();
    expect(seen!.demographics.dateOfBirth).toBe("2026-05-02");
    expect(seen!.health.map((record: { recordId: string }) => record.recordId).sort()).toEqual([birthRecord, registration, unbornRecord].sort());
    // The GP practice's registration is linked by the SUI it carries: the practice is involved with the child.
    expect(await reviewStatuses(registration)).toEqual(["SUPERSEDED"]);
    expect(await ask(CALLERS.gp, babySui)).not.toBeNull();
    expect(await childrenWithSui(babySui)).toBe(1);
  });
});

describe("an arriving SUI against a child born long before the expected date", () => {
  it("is not proposed: an older sibling at the address is not the baby expected", async () => {
    const address = home("8 Quillet Close", "HP20 2QC");
    await submit("HEALTH", midwife("MW-QUIL-1", { givenNames: "Unborn", familyName: "Quillerby", expectedDateOfBirth: "2027-01-15", sex: "NOT_KNOWN", address }));
    const siblingSui = next();
    const receipt = await submit("EDUCATION", school("UPN-QUIL-SIB", { sui: siblingSui, givenNames: "Ottilie", familyName: "Quillerby", dateOfBirth: "2019-04-04", sex: "FEMALE", address }));
    expect(receipt.link).toMatchObject({ method: "SUI", state: "LINKED", outcome: "SUI" });
    expect(await reviewsOf(receipt.recordId)).toEqual([]);
  });
});

describe("an SUI arriving for a record not yet traced", () => {
  /** A school's record not yet traced, then children's social care's record of the same child with the SUI. */
  async function tracedLater(givenNames: string, familyName: string, reference: string, address: object) {
    const traced = next();
    const child = { givenNames, familyName, dateOfBirth: "2016-02-02", sex: "MALE", address };
    const untraced = (await submit("EDUCATION", school(`UPN-${reference}`, child))).recordId;
    const receipt = await submit("CHILDRENS_SOCIAL_CARE", csc(`CSC-${reference}`, { ...child, sui: traced }));
    expect(receipt.link).toMatchObject({ state: "POSSIBLE", outcome: "REVIEW_PENDING" });
    return { traced, untraced, arriving: receipt.recordId };
  }

  it("goes to a steward even when the match is certain: an SUI link opens the child's file, so no automation gives one", async () => {
    const { traced, arriving } = await tracedLater("Tobiah", "Quennell", "QUEN-1", home("21 Tansy Lane", "HP20 2TL"));
    const [review] = await reviewsOf(arriving);
    expect(review.evidence.fields.map((field) => field.level)).toEqual(["EXACT", "EXACT", "EXACT", "UNIT", "SAME"]);
    expect(await ask(CALLERS.socialWorker, traced)).toBeNull();
  });

  it("founds a child of its own by the SUI when the steward decides NEW_CHILD, leaving the untraced record where it was", async () => {
    const { traced, untraced, arriving } = await tracedLater("Ambrose", "Kettleby", "KETT-1", home("25 Vetch Lane", "HP20 2VL"));
    const [review] = await reviewsOf(arriving);
    expect((await resolve(review.id, "NEW_CHILD")).errors).toBeUndefined();
    const seen = await ask(CALLERS.socialWorker, traced);
    expect(seen!.socialCare.map((record: { recordId: string }) => record.recordId)).toEqual([arriving]);
    expect(seen!.education.map((record: { recordId: string }) => record.recordId)).not.toContain(untraced);
    expect(await childrenWithSui(traced)).toBe(1);
  });
});

describe("an arriving SUI a steward decides is no candidate's", () => {
  it("links the held records by the SUI, founding the child once, when every candidate is rejected", async () => {
    const address = home("2 Hazelmere Yard", "HP20 2HY");
    await submit("HEALTH", midwife("MW-HAZE-1", { givenNames: "Unborn", familyName: "Hazelmere", expectedDateOfBirth: "2026-08-01", sex: "NOT_KNOWN", address }));
    const arrivingSui = next();
    const child = { sui: arrivingSui, givenNames: "Bramwell", familyName: "Hazelmere", dateOfBirth: "2026-07-20", sex: "MALE", address };
    // Arriving together (one batch or two): the second joins the first's hold, neither founds a child.
    const [first, second] = await Promise.all([submit("HEALTH", birth("BN-HAZE-1", child)), submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-REG-HAZE", child, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2026-08-03" } })]);
    expect([first.link.outcome, second.link.outcome]).toEqual(["REVIEW_PENDING", "REVIEW_PENDING"]);
    expect(await childrenWithSui(arrivingSui)).toBe(0);

    const [review] = await reviewsOf(first.recordId);
    expect((await resolve(review.id, "NO_LINK")).errors).toBeUndefined();
    // The SUI is not that child's: the other record held on it is not proposed that child either.
    expect(await reviewStatuses(second.recordId)).toEqual(["NOT_LINKED"]);
    expect(await childrenWithSui(arrivingSui)).toBe(1);
    const seen = await ask(CALLERS.hospitalDoctor, arrivingSui);
    expect(seen!.health.map((record: { recordId: string }) => record.recordId).sort()).toEqual([first.recordId, second.recordId].sort());
  });
});

describe("twins' NHS numbers arriving for the one unborn child the hub knew", () => {
  it("gives the child one SUI; the other cannot be linked to it too, and founds its own child when rejected", async () => {
    const address = home("14 Osier Walk", "HP20 2OW");
    await submit("HEALTH", midwife("MW-OSIE-1", { givenNames: "Unborn", familyName: "Osierfield", expectedDateOfBirth: "2026-06-12", sex: "NOT_KNOWN", address }));
    const [firstSui, secondSui] = [next(), next()];
    const first = await submit("HEALTH", birth("BN-OSIE-1", { sui: firstSui, givenNames: "Ivo", familyName: "Osierfield", dateOfBirth: "2026-06-01", sex: "MALE", address }));
    const second = await submit("HEALTH", birth("BN-OSIE-2", { sui: secondSui, givenNames: "Isla", familyName: "Osierfield", dateOfBirth: "2026-06-01", sex: "FEMALE", address }));
    const [firstReview] = await reviewsOf(first.recordId);
    const [secondReview] = await reviewsOf(second.recordId);
    expect(secondReview.candidate.childId).toBe(firstReview.candidate.childId);

    expect((await resolve(firstReview.id, "LINK")).errors).toBeUndefined();
    const refused = await resolve(secondReview.id, "LINK");
    expect(refused.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await reviewStatuses(second.recordId)).toEqual(["OPEN"]);

    expect((await resolve(secondReview.id, "NO_LINK")).errors).toBeUndefined();
    expect((await ask(CALLERS.hospitalDoctor, secondSui))!.health.map((record: { recordId: string }) => record.recordId)).toEqual([second.recordId]);
    expect((await ask(CALLERS.hospitalDoctor, firstSui))!.health.map((record: { recordId: string }) => record.recordId)).toContain(first.recordId);
  });
});

describe("never across a seal", () => {
  it("founds a sealed record's child by its SUI: a new identity is never proposed to a child the hub holds", async () => {
    const address = home("6 Sorrel Mews", "HP20 2SM");
    const child = { givenNames: "Marisol", familyName: "Penhallow", dateOfBirth: "2014-10-10", sex: "FEMALE", address };
    await submit("EDUCATION", school("UPN-PENH-1", child));
    const newIdentity = next();
    const receipt = await submit("EDUCATION", school("UPN-PENH-SEALED", { ...child, sui: newIdentity }, ["SEALED"]));
    expect(receipt.link).toMatchObject({ method: "SUI", state: "LINKED", outcome: "SUI" });
    expect(await reviewsOf(receipt.recordId)).toEqual([]);
  });

  it("never proposes a child only a sealed record tells the hub of", async () => {
    const address = home("40 Bryony Court", "HP20 2BC");
    const child = { givenNames: "Caspian", familyName: "Wetherden", dateOfBirth: "2013-01-30", sex: "MALE", address };
    const sealed = await submit("EDUCATION", school("UPN-WETH-SEALED", child, ["SEALED"]));
    expect(sealed.link.outcome).toBe("NEW_CHILD");
    const arrivingSui = next();
    const receipt = await submit("CHILDRENS_SOCIAL_CARE", csc("CSC-WETH-1", { ...child, sui: arrivingSui }));
    expect(receipt.link).toMatchObject({ method: "SUI", state: "LINKED", outcome: "SUI" });
    expect(await reviewsOf(receipt.recordId)).toEqual([]);
  });
});
