import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { DATA_QUALITY } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { storedLinkOf } from "../support/storedLink";

/**
 * An SUI names the child, but an agency's system can carry the wrong one (a sibling's NHS number typed
 * in) or claim a child it does not hold. A record whose SUI names a child it cannot be — another date
 * of birth and a given name that is not the child's — is held for a data steward instead of opening
 * the child's file to its agency; everything short of that still links by the SUI. Children of this
 * file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(820_000);
const next = () => sui.next().value as string;
const BUCKS = "E06000060";

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const REVIEWS = /* GraphQL */ `
  query ($access: AccessContext!) {
    linkReviews(access: $access, first: 50) {
      nodes { id status evidence { suiDisputed fields { field level } } record { id } candidate { sui } }
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

async function ask(caller: TestClaims, childSui: string) {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access("STRATEGY_DISCUSSION") }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as Record<string, any> | null;
}

async function reviewsOf(recordId: string) {
  const body = (await hub.graphql(REVIEWS, { access: DATA_QUALITY }, await hub.token(CALLERS.dataSteward))).body;
  expect(body.errors).toBeUndefined();
  return (body.data.linkReviews.nodes as { id: string; status: string; evidence: { suiDisputed: boolean }; record: { id: string }; candidate: { sui: string } }[]).filter((review) => review.record.id === recordId);
}

const csc = (child: object, reference: string) => ({
  agencyCode: "LA-E06000060", agencyReference: reference, child,
  socialCare: { status: "CHILD_IN_NEED", startDate: "2026-03-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: BUCKS },
});
const school = (child: object, reference: string) => ({
  agencyCode: "SCH-199001", agencyReference: reference, child,
  education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
});

function aKnownChild(givenNames: string, familyName: string, dateOfBirth: string) {
  const childSui = next();
  const child = { sui: childSui, givenNames, familyName, dateOfBirth, sex: "FEMALE", address: { kind: "HOME", line1: "5 Mill Lane", postcode: "HP20 5ML", localAuthority: BUCKS } };
  return { childSui, child, known: () => submit("CHILDRENS_SOCIAL_CARE", csc(child, `CSC-${childSui}`)) };
}

describe("a record whose SUI names a child it cannot be", () => {
  /** A known child, and a school record carrying her SUI for another pupil: held for review, its id. */
  const aDisputedRecord = async (given: string, family: string, reference: string) => {
    const { childSui, child, known } = aKnownChild(given, family, "2012-01-20");
    await known();
    // The school typed the child's NHS number for another pupil: another child, another birthday.
    const pupil = { ...child, givenNames: "Connor", familyName: "Ashby", dateOfBirth: "2015-06-06", sex: "MALE" };
    const receipt = await submit("EDUCATION", school(pupil, reference));
    expect(receipt.link).toMatchObject({ state: "POSSIBLE", outcome: "REVIEW_PENDING" });
    return { childSui, recordId: receipt.recordId };
  };
  // The review the steward resolves below is of a record of its own, so these read a review still open.
  let childSui: string;
  let recordId: string;
  beforeAll(async () => {
    ({ childSui, recordId } = await aDisputedRecord("Mabli", "Rees", "UPN-DISPUTED-1"));
  });

  it("does not open the child's file to the agency", async () => {
    expect(await ask(CALLERS.schoolDsl, childSui)).toBeNull();
  });

  it("is not shown as the child's record, nor its names as the child's", async () => {
    const seen = await ask(CALLERS.socialWorker, childSui);
    expect(seen!.education).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain("Connor");
  });

  it("is held for a data steward against the child, marked as a disputed SUI", async () => {
    expect(await reviewsOf(recordId)).toEqual([expect.objectContaining({ status: "OPEN", evidence: expect.objectContaining({ suiDisputed: true }), candidate: { sui: childSui } })]);
  });

  it("links once a steward decides it is the child's after all", async () => {
    const disputed = await aDisputedRecord("Eirlys", "Pryce", "UPN-DISPUTED-2");
    const [review] = await reviewsOf(disputed.recordId);
    const body = (await hub.graphql(RESOLVE, { id: review.id, decision: "LINK", reason: "Confirmed with the school: the pupil's records were merged in error.", access: DATA_QUALITY }, await hub.token(CALLERS.dataSteward))).body;
    expect(body.errors).toBeUndefined();
    expect((await ask(CALLERS.schoolDsl, disputed.childSui))!.education.map((record: { recordId: string }) => record.recordId)).toEqual([disputed.recordId]);
  });
});

describe("a record whose SUI names the child under details that still fit", () => {
  it.each([
    ["a nickname, the date of birth a digit out", { givenNames: "Abi", familyName: "Penrose", dateOfBirth: "2013-04-12" }, { givenNames: "Abigail", dateOfBirth: "2013-04-17" }],
    ["another name the child is known by, the same date of birth", { givenNames: "Tegan", familyName: "Morrow", dateOfBirth: "2011-09-09" }, { givenNames: "Jade", familyName: "Collins" }],
    ["the day and month swapped", { givenNames: "Lowri", familyName: "Vaughan", dateOfBirth: "2012-03-04" }, { familyName: "Vaughan-Price", dateOfBirth: "2012-04-03" }],
  ])("links by the SUI: %s", async (_case, known, reported) => {
    const { childSui, child, known: submitKnown } = aKnownChild(known.givenNames, known.familyName, known.dateOfBirth);
    await submitKnown();
    const receipt = await submit("EDUCATION", school({ ...child, ...reported }, `UPN-FITS-${childSui}`));
    expect(receipt.link).toMatchObject({ method: "SUI", state: "LINKED", outcome: "SUI" });
    expect((await ask(CALLERS.schoolDsl, childSui))!.education).toHaveLength(1);
  });

  it("links a sealed record by the SUI when it reports the child under another name: a new identity keeps its birthday", async () => {
    const { childSui, child, known } = aKnownChild("Carys", "Prothero", "2010-10-10");
    await known();
    const receipt = await submit("EDUCATION", { ...school({ ...child, givenNames: "Elin", familyName: "Ward" }, `UPN-SEALED-${childSui}`), labels: ["SEALED"] });
    expect(receipt.link).toMatchObject({ method: "SUI", state: "LINKED" });
  });

  it("links a pre-birth record's expected date to the child born near it", async () => {
    const { childSui, child, known } = aKnownChild("Nia", "Llewellyn", "2026-02-10");
    await known();
    const { dateOfBirth: _born, ...unborn } = child;
    const receipt = await submit("EDUCATION", school({ ...unborn, givenNames: "Baby", expectedDateOfBirth: "2026-03-01" }, `UPN-EXPECTED-${childSui}`));
    expect(receipt.link).toMatchObject({ method: "SUI", state: "LINKED" });
  });
});

describe("a record whose SUI names a child it cannot be, however it is put", () => {
  it.each([
    ["sealed", { labels: ["SEALED"] }, { givenNames: "Osian", familyName: "Hale", dateOfBirth: "2016-08-08", sex: "MALE" }],
    ["brokered", { labels: ["BROKERED"] }, { givenNames: "Osian", familyName: "Hale", dateOfBirth: "2016-08-08", sex: "MALE" }],
    ["with only an expected date of birth, years from the child's", {}, { givenNames: "Osian", familyName: "Hale", dateOfBirth: undefined, expectedDateOfBirth: "2027-03-01", sex: "MALE" }],
  ])("is held for a data steward, not linked: %s", async (_case, extra, reported) => {
    const { childSui, child, known } = aKnownChild("Heledd", "Pryce", "2012-05-05");
    await known();
    const receipt = await submit("EDUCATION", { ...school({ ...child, ...reported }, `UPN-HELD-${childSui}`), ...extra });
    expect(receipt.link).toMatchObject({ state: "POSSIBLE", outcome: "REVIEW_PENDING" });
    expect(await ask(CALLERS.schoolDsl, childSui)).toBeNull();
    expect(await reviewsOf(receipt.recordId)).toEqual([expect.objectContaining({ status: "OPEN", evidence: expect.objectContaining({ suiDisputed: true }), candidate: { sui: childSui } })]);
  });
});
