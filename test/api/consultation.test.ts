import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { CALLERS } from "../support/claims";
import { statementsFor } from "../support/statementCount";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * Consultation without naming the child (issue 11 item 4; Working Together 2023 ch.2): a school's DSL
 * describes a concern with no identifying data; it reaches the MASH of the authority she names, whose
 * practitioner answers with advice that comes back to the school's inbox. The hub looks up no child
 * and says nothing of any; identifiers it can recognise are refused; both ways are audited, the text
 * on neither entry.
 */
let hub: TestHub;
const BUCKS = "E06000060";
const ASK = /* GraphQL */ `mutation ($c: ConsultationInput!) { requestConsultation(consultation: $c) { consultationId deliveredTo askedAt } }`;
const ANSWER = /* GraphQL */ `mutation ($id: ID!, $advice: String!) { answerConsultation(id: $id, advice: $advice) { id type response acknowledgedAt } }`;
const INBOX = /* GraphQL */ `query { notifications(first: 20) { nodes { id type disclosureId consultation { concern localAuthority askingAgency askingAgencyType askingRole askedAt } consultationAdvice { consultationId advice respondingAgency adviser respondedAt } } } }`;
const ACKNOWLEDGE = /* GraphQL */ `mutation ($id: ID!) { acknowledgeNotification(id: $id) { id } }`;
const CONCERN = "A Year 4 pupil has twice said she is hungry at school and that mum's new partner shouts at night. Is this a referral, or early help first?";

beforeAll(async () => {
  // Statement counts compare two requests: the agency-standing cache expiring between them would add one.
  hub = await startTestHub({ env: { AGENCY_STANDING_CACHE_SECONDS: "0" } });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await hub.stop();
});

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
async function as(caller: TestClaims, query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  return (await hub.graphql(query, variables, await hub.token(caller))).body as Body;
}
const entries = () => hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
const byRequester = (sub: string | undefined) => entries().find({ where: { principalSub: sub } as never, order: { occurredAt: "ASC", id: "ASC" } as never });
const dsl: TestClaims = { ...CALLERS.schoolDsl, sub: "dsl-consulting" };
const mash: TestClaims = { ...CALLERS.mash, sub: "mash-advising" };

describe("a practitioner consults a MASH without naming the child", () => {
  let consultationId: string;
  let requestDeliveryId: string;

  beforeAll(async () => {
    const asked = await as(dsl, ASK, { c: { localAuthority: BUCKS, concern: CONCERN } });
    expect(asked.errors).toBeUndefined();
    consultationId = asked.data!.requestConsultation.consultationId;
    const inbox = await as(mash, INBOX);
    requestDeliveryId = inbox.data!.notifications.nodes.find((node: { consultation: { concern: string } | null }) => node.consultation?.concern === CONCERN).id;
  });

  it("reaches the MASH of the authority named, saying nothing of any child", async () => {
    const asked = await as(dsl, ASK, { c: { localAuthority: BUCKS, concern: `${CONCERN} (asked again)` } });
    expect(Object.keys(asked.data!.requestConsultation).sort()).toEqual(["askedAt", "consultationId", "deliveredTo"]);
    expect(asked.data!.requestConsultation.deliveredTo).toEqual(["LA-E06000060"]);

    const inbox = await as(mash, INBOX);
    const delivered = inbox.data!.notifications.nodes.find((node: { consultation: { concern: string } | null }) => node.consultation?.concern === CONCERN);
    expect(delivered).toMatchObject({ id: requestDeliveryId, type: "CONSULTATION_REQUEST", consultation: { localAuthority: BUCKS, askingAgency: "SCH-199001", askingAgencyType: "EDUCATION", askingRole: "SCHOOL_DSL" } });
    // Read only by the MASH: not the authority's social workers, nor another agency.
    for (const other of [CALLERS.socialWorker, CALLERS.gp]) expect(JSON.stringify((await as(other, INBOX)).data)).not.toContain(CONCERN);

    const [entry] = (await byRequester("dsl-consulting")).filter((audit) => audit.operation === "NOTIFICATION_DELIVERY");
    expect(entry).toMatchObject({ outcome: "DISCLOSED", childSuis: [], details: expect.objectContaining({ notificationType: "CONSULTATION_REQUEST", recipientAgency: "LA-E06000060" }) });
    // The rule that let this person ask, and decided who at the MASH reads it, is named on the entry.
    expect(entry.details).toMatchObject({ consultationAskersRule: "consultation-askers" });
    expect(JSON.stringify(entry)).not.toContain("hungry");
  });

  it("is answered with advice from a MASH practitioner, once, which reaches the asking school's inbox", async () => {
    const advice = "From what you describe this is early help first: speak to mum, offer a family support referral, and call us at once if she discloses harm.";
    const answered = await as(mash, ANSWER, { id: requestDeliveryId, advice });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerConsultation).toMatchObject({ id: requestDeliveryId, type: "CONSULTATION_REQUEST", response: advice });

    const inbox = await as(dsl, INBOX);
    const back = inbox.data!.notifications.nodes.find((node: { type: string }) => node.type === "CONSULTATION_ADVICE");
    expect(back.consultationAdvice).toMatchObject({ consultationId, advice, respondingAgency: "LA-E06000060", adviser: "Test mash-1" });
    // Addressed to the DSL who asked: a colleague in the same role at the same school neither reads nor acknowledges it.
    const colleague: TestClaims = { ...CALLERS.schoolDsl, sub: "dsl-colleague" };
    expect(JSON.stringify((await as(colleague, INBOX)).data)).not.toContain("early help first");
    expect((await as(colleague, ACKNOWLEDGE, { id: back.id })).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });

    const again = await as(mash, ANSWER, { id: requestDeliveryId, advice: "Second thoughts." });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", problem: "ALREADY_ANSWERED" });
    const trail = await byRequester("mash-advising");
    expect(trail.filter((audit) => audit.operation === "NOTIFICATION_DELIVERY")).toEqual([expect.objectContaining({ outcome: "DISCLOSED", details: expect.objectContaining({ notificationType: "CONSULTATION_ADVICE", recipientAgency: "SCH-199001", answersDeliveryId: requestDeliveryId }) })]);
    expect(trail.filter((audit) => audit.operation === "CONSULTATION")).toEqual([expect.objectContaining({ outcome: "REFUSED", refusalProblem: "ALREADY_ANSWERED" })]);
    expect(JSON.stringify(trail)).not.toContain("early help first");
  });

  it("is answered by a person at the MASH only: not the agency's system, nor another agency", async () => {
    const asked = await as(dsl, ASK, { c: { localAuthority: BUCKS, concern: "A pupil in Year 9 is often collected by different older men in cars; she will not say who they are." } });
    const system = AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE");
    const delivered = (await as(system, INBOX)).data!.notifications.nodes.find((node: { consultation: { askedAt: string } | null }) => node.consultation?.askedAt === asked.data!.requestConsultation.askedAt);
    expect((await as(system, ANSWER, { id: delivered.id, advice: "Refer." })).errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "ADVICE_FROM_A_PERSON" });
    // Refused by the rule that names who advises: the entry names it.
    expect((await byRequester(system.sub)).filter((audit) => audit.operation === "CONSULTATION").at(-1)).toMatchObject({ refusalProblem: "ADVICE_FROM_A_PERSON", refusalRule: "consultation-askers" });
    expect((await as(CALLERS.gp, ANSWER, { id: delivered.id, advice: "Refer." })).errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses advice that would identify the child as a concern would, audited without the text, and delivers nothing", async () => {
    const asked = await as(dsl, ASK, { c: { localAuthority: BUCKS, concern: "A Year 2 pupil arrives with unexplained burns on his hands; his father says he touched the cooker." } });
    // Another MASH practitioner's refusal: the trail of the one who advises above stays that advice's alone.
    const adviser: TestClaims = { ...mash, sub: "mash-advising-identifying" };
    const request = (await as(adviser, INBOX)).data!.notifications.nodes.find((node: { consultation: { askedAt: string } | null }) => node.consultation?.askedAt === asked.data!.requestConsultation.askedAt);
    const refused = await as(adviser, ANSWER, { id: request.id, advice: "Is this the boy with NHS number 943 476 5919? Refer him today." });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem: "NHS_NUMBER_IN_CONCERN", path: "advice" });
    const trail = await byRequester(adviser.sub);
    expect(trail.filter((audit) => audit.operation === "CONSULTATION" && audit.refusalProblem === "NHS_NUMBER_IN_CONCERN")).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain("943 476");
    expect(JSON.stringify((await as(dsl, INBOX)).data)).not.toContain("943 476");
  });
});

describe("another authority's consultation id", () => {
  it("answers as a random id does: the same NOT_FOUND and the same statements", async () => {
    const asked = await as({ ...dsl, sub: "dsl-consulting-again" }, ASK, { c: { localAuthority: BUCKS, concern: `${CONCERN} (a third time)` } });
    expect(asked.errors).toBeUndefined();
    const [delivery] = await hub.hub.database.dataSource.query<{ id: string }[]>(
      `SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.id = $1`, [asked.data!.requestConsultation.consultationId]);
    // Lincolnshire's MASH: the consultation went to Buckinghamshire's.
    const lincolnshire: TestClaims = { ...CALLERS.mash, sub: "mash-lincolnshire", agency: "LA-E10000019", la: "E10000019" };
    const attempt = async (id: string) => (await as(lincolnshire, ANSWER, { id, advice: "Refer to us." })).errors?.[0]?.extensions;
    const random = "5a1c0e7e-3f5d-4c8b-9a41-6d2f0b9e8c17";
    expect(await attempt(delivery.id)).toEqual(await attempt(random));
    expect(await attempt(delivery.id)).toMatchObject({ code: "NOT_FOUND" });
    expect(await statementsFor(() => attempt(delivery.id))).toBe(await statementsFor(() => attempt(random)));
  });
});

describe("a consultation that would identify the child", () => {
  it.each([
    ["an NHS number", "The boy, NHS 943 476 5919, has bruises on both arms and flinches when touched.", "NHS_NUMBER_IN_CONCERN"],
    ["an NHS number grouped with non-breaking spaces", "The boy, NHS 999\u00a0000\u00a00018 on his letter, has bruises on both arms and flinches when touched.", "NHS_NUMBER_IN_CONCERN"],
    ["a date of birth", "The girl born 03/07/2015 has bruises on both arms and flinches when touched.", "DATE_IN_CONCERN"],
    ["a written-out date", "The girl, born 3rd July 2015, has bruises on both arms and flinches when touched.", "DATE_IN_CONCERN"],
    ["a postcode", "A child living near hp20 1ua has bruises on both arms and flinches when touched.", "POSTCODE_IN_CONCERN"],
  ])("is refused when the concern carries %s, audited without the text, and reaches no one", async (_what, concern, problem) => {
    const asker: TestClaims = { ...CALLERS.gp, sub: `gp-consulting-${problem}-${concern.length}` };
    const body = await as(asker, ASK, { c: { localAuthority: BUCKS, concern } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem, path: "consultation.concern" });
    expect(body.errors?.[0]?.message).not.toContain(concern.slice(0, 20));
    const trail = await byRequester(asker.sub);
    expect(trail).toEqual([expect.objectContaining({ operation: "CONSULTATION", outcome: "REFUSED", refusalProblem: problem, childSuis: [] })]);
    expect(JSON.stringify(trail)).not.toContain("bruises");
  });

  it("refuses a role that does not consult, and an authority no MASH serves, audited", async () => {
    const igLead: TestClaims = { ...CALLERS.igLead, sub: "ig-consulting" };
    expect((await as(igLead, ASK, { c: { localAuthority: BUCKS, concern: CONCERN } })).errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "CONSULTATION_NOT_PERMITTED" });
    expect(await byRequester("ig-consulting")).toEqual([expect.objectContaining({ operation: "CONSULTATION", outcome: "REFUSED", refusalProblem: "CONSULTATION_NOT_PERMITTED", refusalRule: "consultation-askers" })]);
    const nowhere = await as({ ...CALLERS.police, sub: "pc-consulting" }, ASK, { c: { localAuthority: "E06000999", concern: CONCERN } });
    expect(nowhere.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem: "AREA_UNKNOWN" });
    expect(await byRequester("pc-consulting")).toEqual([expect.objectContaining({ operation: "CONSULTATION", outcome: "REFUSED", refusalProblem: "AREA_UNKNOWN" })]);
  });
});
