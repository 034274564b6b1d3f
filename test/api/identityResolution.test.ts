import { AgencyRecord } from "../../src/records/AgencyRecord";
import { Child } from "../../src/people/Child";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { RECORDS, SUBMIT } from "../support/fixtures";
import { DATA_QUALITY, IG_REVIEW } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { storedLinkOf } from "../support/storedLink";
import { statementsFor } from "../support/statementCount";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";

/**
 * Identity resolution end to end (HUB.md §8, issue: records without an SUI): the three bands, twins,
 * link reviews and a steward's decisions, manual links surviving re-matching, merge, split and the
 * wrong-link report — each over GraphQL, each steward action on the audit trail.
 *
 * Matching depends on every child the hub already knows, so each group of tests gets a hub of its own
 * with just the children it is about, and each test makes the records it acts on: the tests hold
 * alone and in any order.
 */
const AMELIA_SUI = "9990000034";
const OLIVIA_SUI = "9990000042";
const HOME = { kind: "HOME", line1: "12 Harebell Row", town: "Sampleton", postcode: "HP20 1UA", localAuthority: "E06000060" };
const AMELIA = { givenNames: "Amelia", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "FEMALE", address: HOME };
/** Amelia's details as a record that needs a steward: another family name, the date of birth a digit out, a move within the district. */
const maybeAmelia = (familyName: string, dateOfBirth: string, postcode: string) => ({ ...AMELIA, familyName, dateOfBirth, address: { ...HOME, postcode } });

const REVIEWS = /* GraphQL */ `
  query ($first: Int, $after: String, $access: AccessContext!) {
    linkReviews(access: $access, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id status score otherOpenCandidates evidence { score weightsVersion fields { field level weight } }
        record { id agencyReference recordType reported { givenNames familyName dateOfBirth postcode } }
        candidate { childId sui givenNames familyName dateOfBirth knownNames postcodes } }
    }
  }`;
const RESOLVE = "mutation ($id: ID!, $decision: LinkDecision!, $reason: String!, $access: AccessContext!) { resolveLinkReview(id: $id, decision: $decision, reason: $reason, access: $access) { id status resolvedBy reason record { id } candidate { childId } } }";
const MERGE = "mutation ($survivorId: ID!, $mergedId: ID!, $reason: String!, $access: AccessContext!) { mergeChildren(survivorId: $survivorId, mergedId: $mergedId, reason: $reason, access: $access) { id kind fromChildId toChildId recordIds decidedBy reason } }";
const SPLIT = /* GraphQL */ `
  mutation ($childId: ID!, $recordIds: [ID!]!, $reason: String!, $access: AccessContext!) {
    splitChild(childId: $childId, recordIds: $recordIds, reason: $reason, access: $access) {
      change { id kind fromChildId toChildId recordIds }
      wrongLinkReport { childSui reportId disclosures { disclosureId principalAgency purpose carried recordIds } }
    }
  }`;
const HISTORY = "query ($recordId: ID!, $access: AccessContext!) { linkHistory(recordId: $recordId, access: $access) { action method origin childId childSui decidedBy reason causeId evidence { score fields { field level } } } }";
const REPORT = "query ($changeId: ID!, $access: AccessContext!) { wrongLinkReport(changeId: $changeId, access: $access) { childSui disclosures { disclosureId carried recordIds } } }";

let hub: TestHub;
let amelia: Child;
let olivia: Child;

const repo = <T extends object>(entity: new () => T) => hub.hub.database.dataSource.getRepository(entity);
const query = <T = unknown>(sql: string, values: unknown[] = []) => hub.hub.database.dataSource.query<T>(sql, values);

async function as(caller: TestClaims, text: string, variables: Record<string, unknown> = {}) {
  return (await hub.graphql(text, variables, await hub.token(caller))).body;
}

/** A GP record about `child`, without an SUI unless given. */
async function gpRecord(reference: string, child: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const body = (await hub.graphql(SUBMIT, { record: { ...RECORDS.HEALTH, agencyReference: reference, child, ...extra } }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH")))).body;
  expect(body.errors).toBeUndefined();
  const receipt = body.data.submitRecord as { recordId: string; outcome: string };
  // The agency is told neither the outcome nor the child (either would tell it whom the hub holds): the test reads the link from the database.
  const [{ child_id: childId }] = await query<{ child_id: string | null }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [receipt.recordId]);
  return { ...receipt, link: await storedLinkOf(hub.hub.database.dataSource, receipt.recordId), childId };
}

async function openReviewsFor(recordId: string) {
  const body = await as(CALLERS.dataSteward, REVIEWS, { first: 200, access: DATA_QUALITY });
  expect(body.errors).toBeUndefined();
  return (body.data.linkReviews.nodes as { id: string; record: { id: string }; candidate: { childId: string; sui: string | null }; score: number; evidence: { fields: { field: string; level: string }[] } }[]).filter((review) => review.record.id === recordId);
}

async function auditCount(operation: string, outcome = "RECORDED"): Promise<number> {
  const [{ count }] = await query<{ count: number }[]>(`SELECT count(*)::int AS count FROM disclosure_audit WHERE operation = $1 AND outcome = $2`, [operation, outcome]);
  return count;
}

/** A hub of the group's own, knowing Amelia by her NHS number; `also` adds what else the group needs. */
function aHubKnowingAmelia(also: () => Promise<void> = async () => undefined) {
  beforeAll(async () => {
    hub = await startTestHub({ env: { AGENCY_STANDING_CACHE_SECONDS: "0" } });
    await gpRecord("GP-AMELIA", { ...AMELIA, sui: AMELIA_SUI });
    amelia = await repo(Child).findOneByOrFail({ sui: AMELIA_SUI });
    await also();
  });
  afterAll(async () => {
    await hub.stop();
  });
}

async function andOlivia() {
  await gpRecord("GP-OLIVIA", { ...AMELIA, givenNames: "Olivia", sui: OLIVIA_SUI });
  olivia = await repo(Child).findOneByOrFail({ sui: OLIVIA_SUI });
}

/** A steward links a record that went to review to Amelia by hand. */
async function linkedByHandToAmelia(reference: string, identity: Record<string, unknown>, reason: string) {
  const receipt = await gpRecord(reference, identity);
  expect(receipt.link.outcome).toBe("REVIEW_PENDING");
  const review = (await openReviewsFor(receipt.recordId)).find((candidate) => candidate.candidate.childId === amelia.id);
  const body = await as(CALLERS.dataSteward, RESOLVE, { id: review?.id, decision: "LINK", reason, access: DATA_QUALITY });
  return { receipt, review, body };
}

describe("the three bands", () => {
  aHubKnowingAmelia();

  it("auto-links a misspelt record with the day and month swapped to the child it matches", async () => {
    const receipt = await gpRecord("GP-TYPO", { ...AMELIA, familyName: "Harebel", dateOfBirth: "2014-07-03" });
    expect(receipt.link).toEqual({ method: "PROBABILISTIC", state: "LINKED", origin: "AUTO", outcome: "MATCHED" });
    expect(receipt.childId).toBe(amelia.id);
    const [event] = await query<{ action: string; evidence: { levels: Record<string, string>; score: number } }[]>(`SELECT action, evidence FROM record_link_event WHERE record_id = $1`, [receipt.recordId]);
    expect(event?.action).toBe("LINKED");
    expect(event?.evidence.levels).toMatchObject({ familyName: "PHONETIC", dateOfBirth: "DAY_MONTH_SWAPPED", givenNames: "EXACT" });
  });

  it("keeps an automatic link when a resubmission changes the facts but not whom the record is about", async () => {
    // A child of this test's own, so that the names the matcher learns here change no other test's evidence.
    const rowan = { givenNames: "Rowan", familyName: "Pimpernel", dateOfBirth: "2013-06-11", sex: "MALE", address: { ...HOME, line1: "7 Vetch Lane", postcode: "HP22 5AB" } };
    await gpRecord("GP-ROWAN", { ...rowan, sui: "9990000077" });
    const rowanId = (await repo(Child).findOneByOrFail({ sui: "9990000077" })).id;
    const record = { ...rowan, familyName: "Pimpernell", dateOfBirth: "2013-11-06" };
    expect(await gpRecord("GP-ROWAN-TYPO", record)).toMatchObject({ outcome: "CREATED", link: { outcome: "MATCHED" }, childId: rowanId });
    const receipt = await gpRecord("GP-ROWAN-TYPO", record, { recordedAt: "2026-05-01T00:00:00Z" });
    expect(receipt).toMatchObject({ outcome: "UPDATED", link: { outcome: "MATCHED" }, childId: rowanId });
    const [{ count }] = await query<{ count: number }[]>(`SELECT count(*)::int AS count FROM record_link_event WHERE record_id = $1`, [receipt.recordId]);
    expect(count).toBe(1);
  });

  it("sends a record between the thresholds to a link review, and counts it as nobody's until decided", async () => {
    // Family name changed, date of birth one digit out, moved within the district.
    const receipt = await gpRecord("GP-MAYBE", { ...AMELIA, familyName: "Okonkwo", dateOfBirth: "2014-03-08", address: { ...HOME, postcode: "HP20 2QQ" } });
    expect(receipt).toMatchObject({ link: { state: "POSSIBLE", outcome: "REVIEW_PENDING" }, childId: null });
    const reviews = await openReviewsFor(receipt.recordId);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.candidate).toMatchObject({ childId: amelia.id, sui: AMELIA_SUI });
    expect(reviews[0]?.evidence.fields).toEqual(expect.arrayContaining([{ field: "familyName", level: "DIFFERENT", weight: expect.any(Number) }, { field: "dateOfBirth", level: "ONE_DIGIT", weight: expect.any(Number) }]));
    expect((await repo(AgencyRecord).findOneOrFail({ where: { id: receipt.recordId }, relations: { child: true } })).child).toBeNull();
  });

  it("starts a new child awaiting an SUI for a record that matches nobody", async () => {
    const receipt = await gpRecord("GP-NEW", { givenNames: "Zebedee", familyName: "Quillfeather", dateOfBirth: "2019-11-30", sex: "MALE", address: { ...HOME, postcode: "OX1 2JD" } });
    expect(receipt.link).toMatchObject({ state: "LINKED", outcome: "NEW_CHILD" });
    expect(await repo(Child).findOneByOrFail({ id: receipt.childId as string })).toMatchObject({ sui: null, givenNames: "Zebedee" });
    // A second record of the same new child links to it.
    const again = await gpRecord("GP-NEW-2", { givenNames: "Zebedee", familyName: "Quilfeather", dateOfBirth: "2019-11-30", sex: "MALE", address: { ...HOME, postcode: "OX1 2JE" } });
    expect(again).toMatchObject({ link: { outcome: "MATCHED" }, childId: receipt.childId });
  });

  it("answers an identical resubmission with the link outcome the record first had: a new child stays NEW_CHILD, a match MATCHED", async () => {
    const founding = { givenNames: "Tamsin", familyName: "Wolfsbane", dateOfBirth: "2018-02-14", sex: "FEMALE", address: { ...HOME, postcode: "OX2 6GG" } };
    expect((await gpRecord("GP-TAMSIN", founding)).link.outcome).toBe("NEW_CHILD");
    expect(await gpRecord("GP-TAMSIN", founding)).toMatchObject({ outcome: "UNCHANGED", link: { state: "LINKED", outcome: "NEW_CHILD" } });
    const matched = { ...founding, familyName: "Wolfsbain" };
    expect((await gpRecord("GP-TAMSIN-2", matched)).link.outcome).toBe("MATCHED");
    expect(await gpRecord("GP-TAMSIN-2", matched)).toMatchObject({ outcome: "UNCHANGED", link: { state: "LINKED", outcome: "MATCHED" } });
  });
});

describe("twins", () => {
  aHubKnowingAmelia(async () => {
    // Amelia is also known as "Harebel", through a record the matcher linked to her.
    await gpRecord("GP-TYPO", { ...AMELIA, familyName: "Harebel", dateOfBirth: "2014-07-03" });
    await andOlivia();
  });

  it("never auto-links one twin's record to the other: a third name sharing everything else goes to review", async () => {
    const receipt = await gpRecord("GP-TWIN-3", { ...AMELIA, givenNames: "Isla" });
    expect(receipt.link.outcome).toBe("REVIEW_PENDING");
    const candidates = (await openReviewsFor(receipt.recordId)).map((review) => review.candidate.childId).sort();
    expect(candidates).toEqual([amelia.id, olivia.id].sort());
  });

  it("still links each twin's own clean record to the right twin", async () => {
    expect(await gpRecord("GP-TWIN-O", { ...AMELIA, givenNames: "Olivia" })).toMatchObject({ link: { outcome: "MATCHED" }, childId: olivia.id });
    expect(await gpRecord("GP-TWIN-A", { ...AMELIA, address: { ...HOME, line1: "12 Harebell Row, flat 1" } })).toMatchObject({ link: { outcome: "MATCHED" }, childId: amelia.id });
  });

  it("sends a twin's record with another error besides to review: the twins are too close to tell apart automatically", async () => {
    // Amelia is also known as "Harebel" (an earlier auto-link), so against her the family name is exact.
    expect((await gpRecord("GP-TWIN-O2", { ...AMELIA, givenNames: "Olivia", familyName: "Harebel" })).link.outcome).toBe("REVIEW_PENDING");
  });
});

describe("a data steward's decisions", () => {
  aHubKnowingAmelia(async () => {
    await andOlivia();
    await gpRecord("GP-TWIN-3", { ...AMELIA, givenNames: "Isla" });
  });

  it("refuses link reviews to anyone but a data steward, and audits the refusal", async () => {
    const before = await auditCount("LINK_REVIEWS_READ", "REFUSED");
    const body = await as(CALLERS.socialWorker, REVIEWS, { access: DATA_QUALITY });
    expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(await auditCount("LINK_REVIEWS_READ", "REFUSED")).toBe(before + 1);
  });

  it("serves a steward's page of 200 reviews with every field, the page size written in the query", async () => {
    await gpRecord("GP-PAGE-200", maybeAmelia("Achterberg", "2014-03-02", "HP20 2QC"));
    const literal = REVIEWS.replace("query ($first: Int, $after: String,", "query ($after: String,").replace("first: $first", "first: 200");
    const body = await as(CALLERS.dataSteward, literal, { access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    expect(body.data.linkReviews.nodes.length).toBeGreaterThanOrEqual(1);
    expect(body.data.linkReviews.nodes.length).toBe(Math.min(200, body.data.linkReviews.totalCount));
  });

  it("pages the open reviews with a cursor, audited with the candidates' SUIs", async () => {
    await gpRecord("GP-PAGE-1", maybeAmelia("Achterberg", "2014-03-01", "HP20 2QA"));
    await gpRecord("GP-PAGE-2", maybeAmelia("Lindqvist", "2014-03-04", "HP20 2QB"));
    const first = await as(CALLERS.dataSteward, REVIEWS, { first: 1, access: DATA_QUALITY });
    expect(first.data.linkReviews.totalCount).toBeGreaterThanOrEqual(2);
    expect(first.data.linkReviews.pageInfo.hasNextPage).toBe(true);
    const second = await as(CALLERS.dataSteward, REVIEWS, { first: 1, after: first.data.linkReviews.pageInfo.endCursor, access: DATA_QUALITY });
    expect(second.data.linkReviews.nodes[0].id).not.toBe(first.data.linkReviews.nodes[0].id);
    const [{ most }] = await query<{ most: number }[]>(`SELECT max(cardinality(child_suis))::int AS most FROM disclosure_audit WHERE operation = 'LINK_REVIEWS_READ' AND outcome = 'DISCLOSED'`);
    expect(most).toBeGreaterThan(0);
    expect((await as(CALLERS.dataSteward, REVIEWS, { after: "bm90LWEtY3Vyc29y", access: DATA_QUALITY })).errors[0].extensions.code).toBe("INVALID_INPUT");
  });

  it("reads one review, open and then decided, audited with that review and its candidate alone", async () => {
    const ONE = /* GraphQL */ `query ($id: ID!, $access: AccessContext!) { linkReview(id: $id, access: $access) { id status record { id } candidate { childId sui } } }`;
    // Another record waiting in the queue (a record under review is nobody's child yet): the read of one review names neither it nor its candidate.
    expect((await gpRecord("GP-ONE-OTHER", maybeAmelia("Fairweather", "2014-03-02", "HP20 2QR"))).link.outcome).toBe("REVIEW_PENDING");
    const receipt = await gpRecord("GP-ONE", maybeAmelia("Abernethy", "2014-03-05", "HP20 2QS"));
    const [review] = await openReviewsFor(receipt.recordId);
    const open = await as(CALLERS.dataSteward, ONE, { id: review?.id, access: DATA_QUALITY });
    expect(open.errors).toBeUndefined();
    expect(open.data.linkReview).toEqual({ id: review?.id, status: "OPEN", record: { id: receipt.recordId }, candidate: { childId: amelia.id, sui: AMELIA_SUI } });
    const [entry] = await query<{ child_suis: string[]; details: { reviewIds: string[] } }[]>(`SELECT child_suis, details FROM disclosure_audit WHERE operation = 'LINK_REVIEWS_READ' AND outcome = 'DISCLOSED' ORDER BY occurred_at DESC LIMIT 1`);
    expect(entry).toEqual({ child_suis: [AMELIA_SUI], details: { reviewIds: [review?.id] } });
    expect((await as(CALLERS.dataSteward, RESOLVE, { id: review?.id, decision: "LINK", reason: "Same child: family name changed, confirmed with the practice.", access: DATA_QUALITY })).errors).toBeUndefined();
    expect((await as(CALLERS.dataSteward, ONE, { id: review?.id, access: DATA_QUALITY })).data.linkReview.status).toBe("LINKED");
    expect((await as(CALLERS.dataSteward, ONE, { id: "00000000-0000-4000-8000-00000000000f", access: DATA_QUALITY })).data.linkReview).toBeNull();
    expect((await as(CALLERS.dataSteward, ONE, { id: "not-an-id", access: DATA_QUALITY })).errors[0].extensions.code).toBe("INVALID_INPUT");
    expect((await as(CALLERS.socialWorker, ONE, { id: review?.id, access: DATA_QUALITY })).errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("LINK links the record by hand to the candidate; the decision is audited and cannot be taken twice", async () => {
    const before = await auditCount("LINK_REVIEW_RESOLVED");
    const { receipt, review, body } = await linkedByHandToAmelia("GP-MAYBE", maybeAmelia("Okonkwo", "2014-03-08", "HP20 2QQ"), "Same child: name changed on adoption, confirmed with the GP practice.");
    const record = { id: receipt.recordId };
    expect(body.errors).toBeUndefined();
    expect(body.data.resolveLinkReview).toMatchObject({ status: "LINKED", resolvedBy: "LA-E06000060/steward-1" });
    const stored = await repo(AgencyRecord).findOneOrFail({ where: { id: record?.id }, relations: { child: true } });
    expect(stored).toMatchObject({ linkMethod: "MANUAL", linkState: "LINKED", linkOrigin: "MANUAL" });
    expect(stored.child?.id).toBe(amelia.id);
    expect(await auditCount("LINK_REVIEW_RESOLVED")).toBe(before + 1);
    const again = await as(CALLERS.dataSteward, RESOLVE, { id: review?.id, decision: "NO_LINK", reason: "Second thoughts recorded by mistake.", access: DATA_QUALITY });
    expect(again.errors[0].extensions.code).toBe("CONFLICT");
  });

  it("shows the record's link history to a steward or an IG lead, audited: proposed, then linked by hand with the reason", async () => {
    const { receipt } = await linkedByHandToAmelia("GP-HISTORY", maybeAmelia("Pemberton", "2014-08-07", "HP20 2QC"), "Same child: name changed on adoption, confirmed with the GP practice.");
    const record = { id: receipt.recordId };
    const readsBefore = await auditCount("LINK_HISTORY_READ", "DISCLOSED");
    const body = await as(CALLERS.igLead, HISTORY, { recordId: record?.id, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    const history = body.data.linkHistory as { action: string; method: string; origin: string; childSui: string | null; reason: string | null; evidence: unknown }[];
    expect(history.map((entry) => [entry.action, entry.method, entry.origin, entry.childSui])).toEqual([
      ["PROPOSED", "PROBABILISTIC", "AUTO", AMELIA_SUI],
      ["LINKED", "MANUAL", "MANUAL", AMELIA_SUI],
    ]);
    expect(history[0]?.evidence).not.toBeNull();
    expect(history[1]?.reason).toBe("Same child: name changed on adoption, confirmed with the GP practice.");
    expect(await auditCount("LINK_HISTORY_READ", "DISCLOSED")).toBe(readsBefore + 1);
    expect((await as(CALLERS.socialWorker, HISTORY, { recordId: record?.id, access: IG_REVIEW })).errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("keeps a manual link when the agency resubmits the record, even with different identity details", async () => {
    await linkedByHandToAmelia("GP-MANUAL", maybeAmelia("Ferreira", "2014-04-07", "HP20 2QD"), "Same child: confirmed with the GP practice by telephone.");
    const receipt = await gpRecord("GP-MANUAL", { ...AMELIA, givenNames: "Someone", familyName: "Else", dateOfBirth: "2010-01-01" }, { recordedAt: "2026-06-01T00:00:00Z" });
    expect(receipt).toMatchObject({ outcome: "UPDATED", link: { method: "MANUAL", origin: "MANUAL", outcome: "MANUAL" }, childId: amelia.id });
  });

  it("NO_LINK on one twin leaves the other open; NEW_CHILD then closes all and creates the child", async () => {
    const [record] = await query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = 'GP-TWIN-3'`);
    const reviews = await openReviewsFor(record?.id);
    const onAmelia = reviews.find((review) => review.candidate.childId === amelia.id);
    expect((await as(CALLERS.dataSteward, RESOLVE, { id: onAmelia?.id, decision: "NO_LINK", reason: "Isla is a third triplet, not Amelia.", access: DATA_QUALITY })).data.resolveLinkReview.status).toBe("NOT_LINKED");
    const left = await openReviewsFor(record?.id);
    expect(left.map((review) => review.candidate.childId)).toEqual([olivia.id]);
    expect((await as(CALLERS.dataSteward, RESOLVE, { id: left[0]?.id, decision: "NEW_CHILD", reason: "Isla is a third triplet, not known to the hub.", access: DATA_QUALITY })).data.resolveLinkReview.status).toBe("NEW_CHILD");
    const stored = await repo(AgencyRecord).findOneOrFail({ where: { id: record?.id }, relations: { child: true } });
    expect(stored).toMatchObject({ linkOrigin: "MANUAL", linkState: "LINKED" });
    expect(stored.child).toMatchObject({ sui: null, givenNames: "Isla" });
    expect(await openReviewsFor(record?.id)).toHaveLength(0);
  });

  it("never proposes a rejected candidate again when the record is matched again", async () => {
    const identity = { ...AMELIA, familyName: "Fairweather", dateOfBirth: "2014-03-09", address: { ...HOME, postcode: "HP20 9ZZ" } };
    const receipt = await gpRecord("GP-REJECT", identity);
    const [review] = await openReviewsFor(receipt.recordId);
    expect(review?.candidate.childId).toBe(amelia.id);
    await as(CALLERS.dataSteward, RESOLVE, { id: review?.id, decision: "NO_LINK", reason: "Different child: checked with the surgery.", access: DATA_QUALITY });
    // The rejection left no other candidate: the matcher decided again without Amelia (a new child).
    const [{ child_id: decided }] = await query<{ child_id: string | null }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [receipt.recordId]);
    expect(decided).not.toBeNull();
    expect(decided).not.toBe(amelia.id);
    const resubmitted = await gpRecord("GP-REJECT", identity, { recordedAt: "2026-07-01T00:00:00Z" });
    expect(resubmitted.childId).not.toBe(amelia.id);
    expect((await openReviewsFor(receipt.recordId)).map((r) => r.candidate.childId)).not.toContain(amelia.id);
  });

  it("asks for a reason, and refuses steward decisions to other roles", async () => {
    const body = await as(CALLERS.dataSteward, RESOLVE, { id: "00000000-0000-4000-8000-000000000000", decision: "LINK", reason: "short", access: DATA_QUALITY });
    expect(body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path: "reason" });
    expect((await as(CALLERS.mash, MERGE, { survivorId: amelia.id, mergedId: olivia.id, reason: "not a steward at all", access: DATA_QUALITY })).errors[0].extensions.code).toBe("FORBIDDEN");
  });
});

describe("guards around matching", () => {
  aHubKnowingAmelia();

  const police = async (reference: string, child: Record<string, unknown>) => {
    const body = (await hub.graphql(SUBMIT, { record: { ...RECORDS.POLICE, agencyReference: reference, child } }, await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE")))).body;
    expect(body.errors).toBeUndefined();
    const receipt = body.data.submitRecord as { recordId: string };
    return { ...receipt, link: await storedLinkOf(hub.hub.database.dataSource, receipt.recordId) };
  };
  const policeRead = () => as(CALLERS.police, CHILD_QUERY, { sui: AMELIA_SUI, access: access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT") });

  it("does not let an agency open a child's file to its staff by submitting a matching record without the NHS number", async () => {
    expect((await policeRead()).data.child).toBeNull();
    const probe = await police("TVP-PROBE", { givenNames: "Amelia", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "FEMALE", address: HOME });
    expect(probe.link.outcome).toBe("MATCHED");
    expect((await policeRead()).data.child).toBeNull();
    // Once the NHS number confirms the record, the police are involved with the child.
    const confirmed = await police("TVP-PROBE", { ...AMELIA, sui: AMELIA_SUI });
    expect(confirmed.link).toMatchObject({ method: "SUI", outcome: "SUI" });
    expect((await policeRead()).data.child.relationships).toContain("AGENCY_INVOLVED");
  });

  // These two link police records to children of their own by NHS number, so that Amelia's file stays
  // closed to the police for the test above.
  it("keeps a link made by SUI when the agency resubmits the record without it", async () => {
    const mabel = { givenNames: "Mabel", familyName: "Quince", dateOfBirth: "2011-08-19", sex: "FEMALE", address: { ...HOME, line1: "4 Sorrel Close", postcode: "HP21 7AA" } };
    expect((await police("TVP-MABEL", { ...mabel, sui: "9990000050" })).link).toMatchObject({ method: "SUI", outcome: "SUI" });
    const resubmitted = await police("TVP-MABEL", { ...mabel, familyName: "Quinse" });
    expect(resubmitted.link).toMatchObject({ method: "SUI", outcome: "SUI" });
    const [{ child_id: childId }] = await query<{ child_id: string }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [resubmitted.recordId]);
    expect(childId).toBe((await repo(Child).findOneByOrFail({ sui: "9990000050" })).id);
  });

  it("matches again a record that loses its SUI on resubmission and now describes someone else", async () => {
    const nora = { givenNames: "Nora", familyName: "Abernethy", dateOfBirth: "2008-01-30", sex: "FEMALE", address: { ...HOME, line1: "9 Teasel Way", postcode: "HP19 8BB" } };
    expect((await police("TVP-NORA", { ...nora, sui: "9990000069" })).link).toMatchObject({ method: "SUI", outcome: "SUI" });
    const resubmitted = await police("TVP-NORA", { givenNames: "Desmond", familyName: "Ottershaw", dateOfBirth: "2009-12-24", sex: "MALE", address: { ...HOME, postcode: "LN1 1AA" } });
    expect(resubmitted.link).toMatchObject({ method: "PROBABILISTIC", outcome: "NEW_CHILD" });
    const [{ child_id: childId }] = await query<{ child_id: string }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [resubmitted.recordId]);
    expect(childId).not.toBe((await repo(Child).findOneByOrFail({ sui: "9990000069" })).id);
  });

  it("does not make a council responsible for a child through its social care record linked only by the matcher", async () => {
    const lincs = async () => (await as(CALLERS.lincolnshireSocialWorker, CHILD_QUERY, { sui: AMELIA_SUI, access: access("SECTION_47_ENQUIRY") })).data.child;
    expect(await lincs()).toBeNull();
    const body = (await hub.graphql(SUBMIT, { record: { ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyCode: "LA-E10000019", agencyReference: "LINCS-PROBE", child: AMELIA, socialCare: { ...RECORDS.CHILDRENS_SOCIAL_CARE.socialCare, responsibleLocalAuthority: "E10000019" } } }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E10000019", "CHILDRENS_SOCIAL_CARE", "E10000019")))).body;
    expect((await storedLinkOf(hub.hub.database.dataSource, body.data.submitRecord.recordId)).outcome).toBe("MATCHED");
    expect(await lincs()).toBeNull();
  });

  it("never moves a child's local authority on a match: another council does not become responsible through one", async () => {
    const receipt = await gpRecord("GP-LINCS", { ...AMELIA, address: { ...HOME, localAuthority: "E10000019" } });
    expect(receipt.childId).toBe(amelia.id);
    expect((await as(CALLERS.lincolnshireSocialWorker, CHILD_QUERY, { sui: AMELIA_SUI, access: access("SECTION_47_ENQUIRY") })).data.child).toBeNull();
  });

  it("shows a steward a location-withheld address as withheld, never its postcode", async () => {
    const refuge = { kind: "HOME", line1: "Confidential", postcode: "HP20 9XX", localAuthority: "E06000060", labels: ["LOCATION_WITHHELD"] };
    const receipt = await gpRecord("GP-REFUGE", { ...AMELIA, familyName: "Thistlewood", dateOfBirth: "2014-03-09", address: refuge });
    const [review] = await openReviewsFor(receipt.recordId);
    expect(review).toBeDefined();
    const body = await as(CALLERS.dataSteward, "query ($access: AccessContext!) { linkReviews(access: $access, first: 50) { nodes { id record { locationWithheld reported { postcode } } } } }", { access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    const node = body.data.linkReviews.nodes.find((n: { id: string }) => n.id === review?.id);
    expect(node.record).toEqual({ locationWithheld: true, reported: { postcode: null } });
  });

  it("never names a sealed record's agency in its link history, though a steward's own decisions stay named", async () => {
    const sealed = await gpRecord("GP-SEALED-HISTORY", { ...AMELIA, sui: AMELIA_SUI }, { labels: ["SEALED"] });
    const history = await as(CALLERS.dataSteward, "query ($id: ID!, $access: AccessContext!) { linkHistory(recordId: $id, access: $access) { action origin decidedBy } }", { id: sealed.recordId, access: DATA_QUALITY });
    expect(history.errors).toBeUndefined();
    expect(history.data.linkHistory).toEqual([{ action: "LINKED", origin: "AUTO", decidedBy: "AGENCY_SYSTEM" }]);
    expect(JSON.stringify(history.data)).not.toContain("GP-K99001");
  });

  it("shows a steward a brokered record's agency and type, never its reference or what it reported", async () => {
    const receipt = await gpRecord("CLINIC-PATIENT-4471", maybeAmelia("Vasquez", "2014-03-05", "HP20 2QE"), { labels: ["BROKERED"] });
    const [review] = await openReviewsFor(receipt.recordId);
    expect(receipt.link.outcome).toBe("REVIEW_PENDING");
    expect(review).toBeDefined();
    const body = await as(CALLERS.dataSteward, "query ($access: AccessContext!) { linkReviews(access: $access, first: 50) { nodes { id record { agencyCode agencyReference recordType masked reported { givenNames familyName dateOfBirth expectedDateOfBirth sex postcode } } } } }", { access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    const node = body.data.linkReviews.nodes.find((n: { id: string }) => n.id === review?.id);
    expect(node.record).toEqual({
      agencyCode: "GP-K99001", agencyReference: null, recordType: "HEALTH", masked: true,
      reported: { givenNames: null, familyName: null, dateOfBirth: null, expectedDateOfBirth: null, sex: "NOT_KNOWN", postcode: null },
    });
    expect(JSON.stringify(body.data)).not.toContain("CLINIC-PATIENT-4471");
  });
});

describe("merge and split", () => {
  let oldRecord: Awaited<ReturnType<typeof gpRecord>>;
  aHubKnowingAmelia(async () => {
    await andOlivia();
    await gpRecord("GP-TYPO", { ...AMELIA, familyName: "Harebel", dateOfBirth: "2014-07-03" });
    await gpRecord("GP-NEW", { givenNames: "Zebedee", familyName: "Quillfeather", dateOfBirth: "2019-11-30", sex: "MALE", address: { ...HOME, postcode: "OX1 2JD" } });
    await gpRecord("GP-NEW-2", { givenNames: "Zebedee", familyName: "Quilfeather", dateOfBirth: "2019-11-30", sex: "MALE", address: { ...HOME, postcode: "OX1 2JE" } });
    oldRecord = await gpRecord("GP-OLD", { ...AMELIA, address: { ...HOME, line1: "12 Harebell Row (old record)" } });
  });

  it("merges a child awaiting an SUI into the child with one, moving records and keeping the history", async () => {
    const [{ child_id: zebedee }] = await query<{ child_id: string }[]>(`SELECT child_id FROM agency_record WHERE agency_reference = 'GP-NEW'`);
    const zebedeeRecords = await repo(AgencyRecord).count({ where: { child: { id: zebedee } } });
    const linkMethods = `SELECT agency_reference, link_method, link_origin FROM agency_record WHERE agency_reference IN ('GP-NEW', 'GP-NEW-2') ORDER BY agency_reference`;
    const methodsBefore = await query<{ link_method: string }[]>(linkMethods);
    expect(methodsBefore.map((row) => row.link_method)).toContain("PROBABILISTIC");
    const body = await as(CALLERS.dataSteward, MERGE, { survivorId: olivia.id, mergedId: zebedee, reason: "Test merge: the records are the same child per the GP.", access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    expect(body.data.mergeChildren).toMatchObject({ kind: "MERGE", fromChildId: zebedee, toChildId: olivia.id });
    expect(body.data.mergeChildren.recordIds).toHaveLength(zebedeeRecords);
    expect(await repo(Child).findOneByOrFail({ id: zebedee })).toMatchObject({ mergedIntoId: olivia.id });
    expect(await repo(AgencyRecord).count({ where: { child: { id: zebedee } } })).toBe(0);
    const [{ count }] = await query<{ count: number }[]>(`SELECT count(*)::int AS count FROM record_link_event WHERE cause_id = $1 AND action = 'UNLINKED' AND child_id = $2`, [body.data.mergeChildren.id, zebedee]);
    expect(count).toBe(zebedeeRecords);
    // The steward decided that two children are one, not how each record was linked: a probabilistic
    // link stays probabilistic (it founds no relationship), in the record and in its history.
    expect(await query(linkMethods)).toEqual(methodsBefore);
    const linked = await query<{ method: string }[]>(`SELECT method FROM record_link_event WHERE cause_id = $1 AND action = 'LINKED' ORDER BY record_id`, [body.data.mergeChildren.id]);
    expect(linked.map((event) => event.method).sort()).toEqual(methodsBefore.map((row) => row.link_method).sort());
    // Merged away: never a candidate again.
    expect(await query(`SELECT 1 FROM child_match_key WHERE child_id = $1`, [zebedee])).toHaveLength(0);
    expect((await as(CALLERS.dataSteward, MERGE, { survivorId: olivia.id, mergedId: zebedee, reason: "Merging the same child a second time.", access: DATA_QUALITY })).errors[0].extensions.code).toBe("CONFLICT");
    expect((await as(CALLERS.dataSteward, MERGE, { survivorId: olivia.id, mergedId: amelia.id, reason: "Two NHS numbers cannot be merged here.", access: DATA_QUALITY })).errors[0].extensions.code).toBe("CONFLICT");
  });

  it("merges a child whose records report the same name: the name is the survivor's once, with both records as its sources", async () => {
    const wren = { givenNames: "Wren", familyName: "Ottoline", dateOfBirth: "2018-05-14", sex: "FEMALE", address: { ...HOME, postcode: "OX4 1AA" } };
    const first = await gpRecord("GP-WREN-1", wren);
    const second = await gpRecord("GP-WREN-2", wren);
    expect(second.childId).toBe(first.childId);
    const body = await as(CALLERS.dataSteward, MERGE, { survivorId: olivia.id, mergedId: first.childId, reason: "The GP confirms Wren is the same child as Olivia.", access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    const names = await query<{ sources: string[] }[]>(`SELECT sources FROM child_name WHERE child_id = $1 AND given_names = 'Wren' AND family_name = 'Ottoline'`, [olivia.id]);
    expect(names).toHaveLength(1);
    expect([...names[0].sources].sort()).toEqual([first.recordId, second.recordId].sort());
  });

  it("splits a wrongly linked record off and reports every disclosure that went out through the wrong link", async () => {
    const [{ id: typo }] = await query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = 'GP-TYPO'`);
    const splitsBefore = await auditCount("CHILD_SPLIT");
    const reportsBefore = await auditCount("WRONG_LINK_REPORT", "DISCLOSED");
    const read = await as(CALLERS.gp, CHILD_QUERY, { sui: AMELIA_SUI, access: access("SECTION_47_ENQUIRY") });
    expect(read.errors).toBeUndefined();
    expect(read.data.child.health.map((h: { recordId: string }) => h.recordId)).toContain(typo);

    const body = await as(CALLERS.dataSteward, SPLIT, { childId: amelia.id, recordIds: [typo], reason: "GP-TYPO is a different child with a similar name.", access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    const { change, wrongLinkReport } = body.data.splitChild;
    expect(change).toMatchObject({ kind: "SPLIT", fromChildId: amelia.id, recordIds: [typo] });
    expect(change.toChildId).not.toBe(amelia.id);
    expect(wrongLinkReport.childSui).toBe(AMELIA_SUI);
    expect(wrongLinkReport.disclosures).toContainEqual({ disclosureId: read.data.child.disclosureId, principalAgency: "GP-K99001", purpose: "SECTION_47_ENQUIRY", carried: "CARRIED", recordIds: [typo] });

    const after = await as(CALLERS.gp, CHILD_QUERY, { sui: AMELIA_SUI, access: access("SECTION_47_ENQUIRY") });
    expect(after.data.child.health.map((h: { recordId: string }) => h.recordId)).not.toContain(typo);
    // The IG lead can read the same report later; the steward's split and both reads are audited.
    const report = await as(CALLERS.igLead, REPORT, { changeId: change.id, access: IG_REVIEW });
    expect(report.data.wrongLinkReport.disclosures.map((d: { disclosureId: string }) => d.disclosureId)).toContain(read.data.child.disclosureId);
    expect(await auditCount("CHILD_SPLIT")).toBe(splitsBefore + 1);
    expect(await auditCount("WRONG_LINK_REPORT", "DISCLOSED")).toBe(reportsBefore + 2);
    expect((await as(CALLERS.socialWorker, REPORT, { changeId: change.id, access: DATA_QUALITY })).errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("reports disclosures through a wrong link even for a record linked before the link history existed", async () => {
    const receipt = oldRecord;
    expect(receipt.childId).toBe(amelia.id);
    await query(`DELETE FROM record_link_event WHERE record_id = $1`, [receipt.recordId]);
    const read = await as(CALLERS.gp, CHILD_QUERY, { sui: AMELIA_SUI, access: access("SECTION_47_ENQUIRY") });
    const body = await as(CALLERS.dataSteward, SPLIT, { childId: amelia.id, recordIds: [receipt.recordId], reason: "GP-OLD was another Amelia registered at the same surgery.", access: DATA_QUALITY });
    expect(body.errors).toBeUndefined();
    expect(body.data.splitChild.wrongLinkReport.disclosures).toContainEqual(expect.objectContaining({ disclosureId: read.data.child.disclosureId, carried: "CARRIED" }));
  });
});

describe("a sealed holder in what stewards and IG leads are shown of a wrong link", () => {
  // A child of this group's own: on a school's roll, held by a GP practice under a seal, and a police record
  // of another girl linked to her by a wrong NHS number. The practice's clinician reads her file meanwhile.
  const sealedSui = syntheticNhsNumbers(131_700).next().value as string;
  const girl = { sui: sealedSui, givenNames: "Saffron", familyName: "Wickenby", dateOfBirth: "2014-07-22", sex: "FEMALE", address: { ...HOME, line1: "5 Yarrow Close", postcode: "HP20 3YC" } };
  const SCHOOL_IG: TestClaims = { sub: "ig-school-wrong-link", name: "Test school IG", agency: "SCH-199001", agency_type: "EDUCATION", roles: ["IG_LEAD"], la: "E06000060" };
  const SCHOOL_STEWARD: TestClaims = { ...SCHOOL_IG, sub: "steward-school-wrong-link", roles: ["DATA_STEWARD"] };
  const GP_IG: TestClaims = { ...SCHOOL_IG, sub: "ig-gp-wrong-link", agency: "GP-K99001", agency_type: "HEALTH" };
  const BREACHES = /* GraphQL */ `query ($access: AccessContext!) { breaches(access: $access, status: OPEN) { breach { source disclosureIds recipients { sub agency } agenciesToTell } } }`;
  const REPORTED = "query ($changeId: ID!, $access: AccessContext!) { wrongLinkReport(changeId: $changeId, access: $access) { disclosures { disclosureId principalAgency principalSub } } }";
  const fixture = { gpRecord: "", policeRecord: "", gpReadId: "", changeId: "", splitDisclosures: [] as unknown[] };
  const submit = async (agencyType: string, record: Record<string, unknown>) => {
    const body = await as(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, "E06000060"), SUBMIT, { record });
    expect(body.errors).toBeUndefined();
    return body.data.submitRecord.recordId as string;
  };

  beforeAll(async () => {
    hub = await startTestHub({ env: { AGENCY_STANDING_CACHE_SECONDS: "0" } });
    await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: "UPN-WRONG-LINK-SEALED", child: girl, education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" } });
    fixture.gpRecord = await submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-WRONG-LINK-SEALED", child: girl, labels: ["SEALED"], health: { gpPracticeCode: "K99001", registeredOn: "2020-01-01" } });
    fixture.policeRecord = await submit("POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-WRONG-LINK-SORREL", child: { ...girl, givenNames: "Sorrel" }, police: { incidentType: "CHILD_CONCERN", childRole: "VICTIM", reportedOn: "2026-11-20" } });
    const read = await as({ ...CALLERS.gp, sub: "gp-wrong-link-reader" }, CHILD_QUERY, { sui: sealedSui, access: access("CHILD_PROTECTION_CONFERENCE") });
    expect(read.errors).toBeUndefined();
    fixture.gpReadId = read.data.child.disclosureId as string;
    const held = await repo(Child).findOneByOrFail({ sui: sealedSui });
    const split = await as(SCHOOL_STEWARD, SPLIT, { childId: held.id, recordIds: [fixture.policeRecord], reason: "The police record is of another girl: a wrong NHS number was sent.", access: DATA_QUALITY });
    expect(split.errors).toBeUndefined();
    fixture.changeId = split.data.splitChild.change.id as string;
    fixture.splitDisclosures = split.data.splitChild.wrongLinkReport.disclosures;
  }, 180_000);
  afterAll(async () => {
    await hub.stop();
  });

  it("the wrong-link report names the sealed practice's read to no other agency's steward or IG lead, and lists it to the practice's own", async () => {
    expect(JSON.stringify(fixture.splitDisclosures)).not.toContain("GP-K99001");
    const toSchool = await as(SCHOOL_IG, REPORTED, { changeId: fixture.changeId, access: IG_REVIEW });
    expect(toSchool.errors).toBeUndefined();
    expect(JSON.stringify(toSchool.data.wrongLinkReport)).not.toContain("GP-K99001");
    expect(JSON.stringify(toSchool.data.wrongLinkReport)).not.toContain(fixture.gpReadId);
    // The steward's own entry counts only what they were shown.
    const [entry] = await query<{ details: { disclosures: number } }[]>(`SELECT details FROM disclosure_audit WHERE operation = 'WRONG_LINK_REPORT' AND principal_sub = $1`, [SCHOOL_IG.sub]);
    expect(entry.details.disclosures).toBe(toSchool.data.wrongLinkReport.disclosures.length);
    const toPractice = await as(GP_IG, REPORTED, { changeId: fixture.changeId, access: IG_REVIEW });
    expect(toPractice.errors).toBeUndefined();
    expect(toPractice.data.wrongLinkReport.disclosures).toContainEqual({ disclosureId: fixture.gpReadId, principalAgency: "GP-K99001", principalSub: "gp-wrong-link-reader" });
  });

  it("the breach it opened is the practice's to be told of, and names it in no other agency's log", async () => {
    const practiceLog = await as(GP_IG, BREACHES, { access: IG_REVIEW });
    expect(practiceLog.errors).toBeUndefined();
    const practiceWrongLink = practiceLog.data.breaches.filter((entry: { breach: { source: string } }) => entry.breach.source === "WRONG_LINK");
    for (const caller of [SCHOOL_IG, { ...SCHOOL_IG, sub: "ig-police-wrong-link", agency: "POLICE-43", agency_type: "POLICE" }]) {
      const log = await as(caller, BREACHES, { access: IG_REVIEW });
      expect(log.errors).toBeUndefined();
      expect(JSON.stringify(log.data.breaches)).not.toContain("GP-K99001");
      expect(JSON.stringify(log.data.breaches)).not.toContain(fixture.gpReadId);
    }
    // Nor does the school's trail, where its steward's BREACH_OPENED and WRONG_LINK_REPORT entries are its own, in full.
    const trail = await as(SCHOOL_IG, "query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, first: 100, access: $access) { nodes { operation principal { agency } details } } }", { filter: { childSui: sealedSui }, access: IG_REVIEW });
    expect(trail.errors).toBeUndefined();
    expect(trail.data.disclosures.nodes.map((node: { operation: string }) => node.operation)).toContain("BREACH_OPENED");
    expect(JSON.stringify(trail.data.disclosures.nodes)).not.toContain("GP-K99001");
    expect(JSON.stringify(trail.data.disclosures.nodes)).not.toContain(fixture.gpReadId);
    // The practice's read carried the police record: the practice is a controller of its own part, told of it.
    expect(practiceWrongLink).toEqual([{ breach: expect.objectContaining({ disclosureIds: expect.arrayContaining([fixture.gpReadId]), agenciesToTell: expect.arrayContaining(["GP-K99001"]) }) }]);
  });

  it("a link history of the sealed record is, to another agency's IG lead, a record the hub does not hold, with the same statements", async () => {
    const missing = "00000000-0000-4000-8000-00000000f00d";
    const sealed = await as(SCHOOL_IG, HISTORY, { recordId: fixture.gpRecord, access: IG_REVIEW });
    const none = await as(SCHOOL_IG, HISTORY, { recordId: missing, access: IG_REVIEW });
    expect(sealed.errors?.[0]).toMatchObject({ message: none.errors[0].message, extensions: { code: "NOT_FOUND" } });
    expect(sealed.data).toEqual(none.data);
    expect(await statementsFor(() => as(SCHOOL_IG, HISTORY, { recordId: fixture.gpRecord, access: IG_REVIEW }))).toBe(await statementsFor(() => as(SCHOOL_IG, HISTORY, { recordId: missing, access: IG_REVIEW })));
    // Its own agency's IG lead, and a steward (whose work is the hub's links), read it.
    expect((await as(GP_IG, HISTORY, { recordId: fixture.gpRecord, access: IG_REVIEW })).data.linkHistory).toEqual([expect.objectContaining({ action: "LINKED", childSui: sealedSui })]);
    expect((await as(CALLERS.dataSteward, HISTORY, { recordId: fixture.gpRecord, access: DATA_QUALITY })).data.linkHistory).toHaveLength(1);
  });

  it("a link history of the wrongly linked record shows another agency's IG lead only its entries about children they reach", async () => {
    const toSchool = await as(SCHOOL_IG, HISTORY, { recordId: fixture.policeRecord, access: IG_REVIEW });
    expect(toSchool.errors).toBeUndefined();
    expect(toSchool.data.linkHistory.map((entry: { action: string; childSui: string | null }) => [entry.action, entry.childSui])).toEqual([["LINKED", sealedSui], ["UNLINKED", sealedSui]]);
    const toSteward = await as(SCHOOL_STEWARD, HISTORY, { recordId: fixture.policeRecord, access: DATA_QUALITY });
    expect(toSteward.data.linkHistory).toHaveLength(3);
  });
});
