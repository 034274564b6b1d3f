import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { RECORDS, SUBMIT } from "../support/fixtures";
import { DATA_QUALITY } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * Adults across agencies, end to end over GraphQL (HUB.md §8): a father social care reports and an
 * offender probation reports differently are proposed to a data steward as possibly one person; the
 * steward's decision — audited — makes them one (probation then holds an adult linked to the child:
 * HOLDS_LINKED_ADULT opens what policy gives probation for the child's conference), a split undoes it,
 * and a parent's consent decisions follow the person. Every child and adult is the test's own.
 */
const KIT_SUI = "9991003010";
const JUNO_SUI = "9991003029";
const HOME = { kind: "HOME", line1: "9 Ferrier Close", town: "Sampleton", postcode: "HP20 2FC", localAuthority: "E06000060" };
const KIT = { sui: KIT_SUI, givenNames: "Kit", familyName: "Ravelle", dateOfBirth: "2017-03-03", sex: "MALE", address: HOME };
const JUNO = { sui: JUNO_SUI, givenNames: "Juno", familyName: "Aske", dateOfBirth: "2012-10-10", sex: "FEMALE", address: { ...HOME, line1: "2 Mill Yard", postcode: "HP19 8MY" } };

const REVIEWS = /* GraphQL */ `
  query ($access: AccessContext!) {
    adultLinkReviews(access: $access, first: 50) {
      totalCount
      nodes { id status score evidence { rule fields { field level } identifiers { scheme agreement } }
        adult { adultId knownNames datesOfBirth references { identifierId agencyCode linkMethod } }
        candidate { adultId knownNames datesOfBirth references { identifierId agencyCode linkMethod } } }
    }
  }`;
const RESOLVE = "mutation ($id: ID!, $decision: AdultLinkDecision!, $reason: String!, $access: AccessContext!) { resolveAdultLinkReview(id: $id, decision: $decision, reason: $reason, access: $access) { id status resolvedBy } }";
const SPLIT = "mutation ($adultId: ID!, $ids: [ID!]!, $reason: String!, $access: AccessContext!) { splitAdult(adultId: $adultId, identifierIds: $ids, reason: $reason, access: $access) { kind fromAdultId toAdultId identifierIds } }";
const CONFERENCE = access("CHILD_PROTECTION_CONFERENCE");

let hub: TestHub;
const query = <T = unknown>(sql: string, values: unknown[] = []) => hub.hub.database.dataSource.query<T>(sql, values);

async function as(caller: TestClaims, text: string, variables: Record<string, unknown> = {}) {
  return (await hub.graphql(text, variables, await hub.token(caller))).body;
}

async function submit(record: Record<string, unknown>, agencyType: string) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType)))).body;
  expect(body.errors).toBeUndefined();
}

async function adultOf(agencyCode: string, reference: string): Promise<string> {
  const [row] = await query<{ adult_id: string }[]>(`SELECT adult_id FROM adult_identifier WHERE agency_code = $1 AND reference = $2`, [agencyCode, reference]);
  return row?.adult_id;
}

type Review = { id: string; evidence: { rule: string }; adult: { adultId: string; references: { identifierId: string; agencyCode: string }[] }; candidate: { adultId: string; knownNames: string[] } };
async function reviewOf(adultId: string): Promise<Review | undefined> {
  const body = await as(CALLERS.dataSteward, REVIEWS, { access: DATA_QUALITY });
  expect(body.errors).toBeUndefined();
  return (body.data.adultLinkReviews.nodes as Review[]).find((review) => review.adult.adultId === adultId);
}

beforeAll(async () => {
  hub = await startTestHub();
  // Social care: Kit on a plan; his father, as social care knows him.
  await submit({
    ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyReference: "AI-CSC-KIT", child: KIT,
    relatedAdults: [{ reference: "AI-FATHER", givenNames: "Desmond", familyName: "Ravelle", dateOfBirth: "1980-07-12", sex: "MALE", relationship: "FATHER", parentalResponsibility: true, postcode: "HP20 2FC" }],
  }, "CHILDRENS_SOCIAL_CARE");
  // Probation supervises "Desmond Ravelle", born (it says) 1980-07-21, for an offence against Juno.
  await submit({
    ...RECORDS.PROBATION, agencyReference: "AI-PB-JUNO", child: JUNO,
    relatedAdults: [{ reference: "AI-CRN", givenNames: "Desmond", familyName: "Ravelle", dateOfBirth: "1980-07-21", sex: "MALE", relationship: "NO_FAMILIAL_RELATIONSHIP", subjectOfRecord: true, posesRiskToChild: true }],
  }, "PROBATION");
});

afterAll(async () => {
  await hub.stop();
});

describe("an adult link review", () => {
  it("is refused to anyone but a data steward, and the refusal is audited", async () => {
    const before = await query<[{ count: number }]>(`SELECT count(*)::int AS count FROM disclosure_audit WHERE operation = 'ADULT_LINK_REVIEWS_READ' AND outcome = 'REFUSED'`);
    const body = await as(CALLERS.probation, REVIEWS, { access: DATA_QUALITY });
    expect(body.errors?.[0].extensions.code).toBe("FORBIDDEN");
    const after = await query<[{ count: number }]>(`SELECT count(*)::int AS count FROM disclosure_audit WHERE operation = 'ADULT_LINK_REVIEWS_READ' AND outcome = 'REFUSED'`);
    expect(after[0].count).toBe(before[0].count + 1);
  });

  it("proposes probation's offender as possibly Kit's father, and until a steward decides probation holds no adult of Kit's", async () => {
    const offender = await adultOf("PDU-BUCKS", "AI-CRN");
    const father = await adultOf("LA-E06000060", "AI-FATHER");
    expect(offender).not.toBe(father);
    const review = await reviewOf(offender);
    expect(review?.candidate).toMatchObject({ adultId: father, knownNames: ["Desmond Ravelle"] });
    const body = await as(CALLERS.probation, CHILD_QUERY, { sui: KIT_SUI, access: CONFERENCE });
    expect(body.data?.child?.relationships ?? []).not.toContain("HOLDS_LINKED_ADULT");
    expect(body.data?.child?.socialCare ?? []).toEqual([]);
  });

  it("once a steward decides they are one person, makes them one adult and gives probation what policy gives it for Kit's conference; a split takes it away again", async () => {
    const offender = await adultOf("PDU-BUCKS", "AI-CRN");
    const father = await adultOf("LA-E06000060", "AI-FATHER");
    const review = (await reviewOf(offender)) as Review;
    const resolved = await as(CALLERS.dataSteward, RESOLVE, { id: review.id, decision: "SAME_PERSON", reason: "Same man: probation's date of birth is a transposition; confirmed with the offender manager.", access: DATA_QUALITY });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data.resolveAdultLinkReview.status).toBe("SAME_PERSON");
    expect(await adultOf("PDU-BUCKS", "AI-CRN")).toBe(father);
    const [merge] = await query<{ child_suis: string[] }[]>(`SELECT child_suis FROM disclosure_audit WHERE operation = 'ADULTS_MERGED' AND outcome = 'RECORDED' ORDER BY occurred_at DESC LIMIT 1`);
    expect([...(merge?.child_suis ?? [])].sort()).toEqual([KIT_SUI, JUNO_SUI].sort());

    const joined = await as(CALLERS.probation, CHILD_QUERY, { sui: KIT_SUI, access: CONFERENCE });
    expect(joined.errors).toBeUndefined();
    expect(joined.data.child.relationships).toContain("HOLDS_LINKED_ADULT");
    expect(joined.data.child.socialCare[0]).toMatchObject({ status: "CHILD_PROTECTION_PLAN", summary: null });

    // The steward finds it was wrong: probation's reference is another man's.
    const references = await query<{ id: string }[]>(`SELECT id FROM adult_identifier WHERE agency_code = 'PDU-BUCKS' AND reference = 'AI-CRN'`);
    const split = await as(CALLERS.dataSteward, SPLIT, { adultId: father, ids: references.map((row) => row.id), reason: "Probation confirms a different date of birth on the PNC: two men.", access: DATA_QUALITY });
    expect(split.errors).toBeUndefined();
    const separated = await adultOf("PDU-BUCKS", "AI-CRN");
    expect(separated).not.toBe(father);
    expect(split.data.splitAdult.toAdultId).toBe(separated);
    const [offence] = await query<{ offender_id: string }[]>(`SELECT offender_id FROM probation_record p JOIN agency_record r ON r.id = p.record_id WHERE r.agency_reference = 'AI-PB-JUNO'`);
    expect(offence?.offender_id).toBe(separated);
    const after = await as(CALLERS.probation, CHILD_QUERY, { sui: KIT_SUI, access: CONFERENCE });
    expect(after.data?.child?.relationships ?? []).not.toContain("HOLDS_LINKED_ADULT");
  });

  it("refuses a merge of adults holding different values of one identifier scheme", async () => {
    await submit({
      ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyReference: "AI-CSC-JUNO", child: JUNO,
      relatedAdults: [{ reference: "AI-MOTHER-1", givenNames: "Rhian", familyName: "Aske", dateOfBirth: "1985-01-01", sex: "FEMALE", relationship: "MOTHER", nhsNumber: "9991003037" }],
    }, "CHILDRENS_SOCIAL_CARE");
    await submit({
      ...RECORDS.POLICE, agencyReference: "AI-PO-JUNO", child: JUNO,
      relatedAdults: [{ reference: "AI-NOMINAL", givenNames: "Rhian", familyName: "Aske", dateOfBirth: "1985-01-01", sex: "FEMALE", relationship: "MOTHER", nhsNumber: "9991003045" }],
    }, "POLICE");
    const mother = await adultOf("LA-E06000060", "AI-MOTHER-1");
    const nominal = await adultOf("POLICE-43", "AI-NOMINAL");
    expect(nominal).not.toBe(mother);
    const body = await as(CALLERS.dataSteward, "mutation ($s: ID!, $m: ID!, $r: String!, $a: AccessContext!) { mergeAdults(survivorId: $s, mergedId: $m, reason: $r, access: $a) { id } }", { s: mother, m: nominal, r: "Looks like the same woman to me.", a: DATA_QUALITY });
    expect(body.errors?.[0].extensions.code).toBe("CONFLICT");
  });

  it("re-keys a parent's consent decisions when a steward merges her into the adult another agency holds: one consent-giver", async () => {
    const sol = { sui: "9991003053", givenNames: "Sol", familyName: "Oriel", dateOfBirth: "2018-05-05", sex: "MALE", address: { ...HOME, line1: "4 Lark Rise", postcode: "HP22 5LR" } };
    await submit({
      ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyReference: "AI-CSC-SOL", child: sol,
      relatedAdults: [{ reference: "AI-SOL-MUM", givenNames: "Tegan", familyName: "Oriel", dateOfBirth: "1990-02-14", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true }],
    }, "CHILDRENS_SOCIAL_CARE");
    await submit({
      ...RECORDS.POLICE, agencyReference: "AI-PO-SOL", child: sol,
      relatedAdults: [{ reference: "AI-SOL-NOM", givenNames: "Tegan", familyName: "Marsh", dateOfBirth: "1990-02-14", sex: "FEMALE", relationship: "MOTHER" }],
    }, "POLICE");
    const mother = await adultOf("LA-E06000060", "AI-SOL-MUM");
    const nominal = await adultOf("POLICE-43", "AI-SOL-NOM");
    expect(nominal).not.toBe(mother);
    const consent = await as(CALLERS.socialWorker, "mutation ($sui: ID!, $consent: ConsentInput!) { recordConsent(sui: $sui, consent: $consent) { consentId } }", {
      sui: sol.sui, consent: { purposes: ["EARLY_HELP"], givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", parent: { agencyReference: "AI-SOL-MUM" }, decision: "GIVEN" },
    });
    expect(consent.errors).toBeUndefined();
    const merged = await as(CALLERS.dataSteward, "mutation ($s: ID!, $m: ID!, $r: String!, $a: AccessContext!) { mergeAdults(survivorId: $s, mergedId: $m, reason: $r, access: $a) { kind fromAdultId toAdultId } }", {
      s: nominal, m: mother, r: "Tegan Marsh is Tegan Oriel's maiden name: confirmed by her social worker.", a: DATA_QUALITY,
    });
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeAdults).toEqual({ kind: "MERGE", fromAdultId: mother, toAdultId: nominal });
    const [row] = await query<{ adult_id: string }[]>(`SELECT adult_id FROM consent_record WHERE id = $1`, [consent.data.recordConsent.consentId]);
    expect(row?.adult_id).toBe(nominal);
    expect(await adultOf("LA-E06000060", "AI-SOL-MUM")).toBe(nominal);
    const [retired] = await query<{ merged_into_id: string }[]>(`SELECT merged_into_id FROM adult WHERE id = $1`, [mother]);
    expect(retired?.merged_into_id).toBe(nominal);
  });
});
