import { Agency } from "../../src/directory/Agency";
import { WebhookDelivery } from "../../src/webhooks/WebhookDelivery";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";
import { waitFor, WebhookReceiver } from "../support/webhookReceiver";

/**
 * Restrictions, erasure, supplementary statements and named-staff exclusions hold on every path a fact
 * leaves by, not only `child`: the notification inbox, a delivery's webhook (sent, retried or replayed)
 * and the list of plans held elsewhere. Fixtures of each test's own: PPRC notifications from HMP
 * Exampleton about children 999138xxxx, and Lincolnshire's plans for children living in Buckinghamshire.
 */
let hub: TestHub;
let receiver: WebhookReceiver;
/** What the council's and the probation unit's endpoints answer: a test that needs a delivery to die sets 503. */
const answers: Record<string, number> = {};

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  receiver.answer = (path) => answers[path] ?? 204;
  hub = await startTestHub({ env: { WEBHOOK_POLL_SECONDS: "1", WEBHOOK_RETRY_DELAY_SECONDS: "1", WEBHOOK_RETRY_DELAY_MAX_SECONDS: "1", WEBHOOK_MAX_ATTEMPTS: "1", WEBHOOK_TIMEOUT_MS: "2000" } });
  const agencies = hub.hub.database.dataSource.getRepository(Agency);
  await agencies.update({ code: "LA-E06000060" }, { webhookUrl: receiver.url("/csc") });
  await agencies.update({ code: "PDU-BUCKS" }, { webhookUrl: receiver.url("/probation") });
}, 180_000);
afterAll(async () => {
  await hub.stop();
  await receiver.stop();
});

const claims = (sub: string, agency: string, agencyType: string, roles: string[], la = "E06000060"): TestClaims => ({ sub, name: `Officer ${sub}`, agency, agency_type: agencyType, roles, la });
const PRISON_SYSTEM = claims("system-exampleton", "HMP-EXAMPLETON", "PRISON", ["AGENCY_SYSTEM"], "E10000019");
const PRISON_IG = claims("ig-exampleton", "HMP-EXAMPLETON", "PRISON", ["IG_LEAD"], "E10000019");
const CSC_WORKER = claims("sw-outbound", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const CSC_IG = claims("ig-outbound", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]);
const PROBATION_IG = claims("ig-pdu-outbound", "PDU-BUCKS", "PROBATION", ["IG_LEAD"]);
const LINCS_SYSTEM = claims("system-lincs", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");
const LINCS_IG = claims("ig-lincs", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"], "E10000019");

const SUBMIT_PPRC = /* GraphQL */ `mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { notificationId } }`;
const INBOX = /* GraphQL */ `query ($first: Int) { notifications(first: $first) {
  nodes { id childrenAtRisk { sui } pprc { pprcStatus offenderManagementUnitContact prisonerGivenNames } redactions { path rule } supplementaryStatements { path statement } restrictions { path } }
  pageInfo { hasNextPage } } }`;
const ATTACH = "mutation ($recordId: ID!, $field: String, $statement: String!, $access: AccessContext!) { attachSupplementaryStatement(recordId: $recordId, field: $field, statement: $statement, access: $access) { id } }";
const RESTRICT = "mutation ($recordId: ID!, $field: String, $kind: RestrictionKind!, $ground: RestrictionGround!, $reason: String!, $access: AccessContext!) { restrictProcessing(recordId: $recordId, field: $field, kind: $kind, ground: $ground, reason: $reason, access: $access) { id } }";
const ERASE = "mutation ($recordId: ID!, $field: String!, $grounds: [String!]!, $exemptions: [String!]!, $reason: String!, $access: AccessContext!) { decideErasure(recordId: $recordId, field: $field, groundsMet: $grounds, exemptionsApplying: $exemptions, reason: $reason, access: $access) { outcome } }";
const EXCLUDE = /* GraphQL */ `mutation ($sui: ID!, $exclusion: ChildExclusionInput!, $access: AccessContext!) { recordChildExclusion(sui: $sui, exclusion: $exclusion, access: $access) { id } }`;
const DEAD = /* GraphQL */ `query ($access: AccessContext!) { deadWebhookDeliveries(access: $access, first: 10) { nodes { id deliveryId } } }`;
const REPLAY = /* GraphQL */ `mutation ($id: ID!, $access: AccessContext!) { replayWebhookDelivery(id: $id, access: $access) { id status } }`;
const PLANS = /* GraphQL */ `query ($a: AccessContext!, $first: Int) { plansHeldElsewhere(access: $a, first: $first) {
  nodes { sui status planCategory redactions { path rule } supplementaryStatements { path statement } } pageInfo { hasNextPage } } }`;
const TRIAGE = { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Checking children placed in the county by other authorities" };

const STATEMENT = "The prisoner states the OMU named here never held his case.";
const REASON = "The prisoner disputes the status; the prison is checking it with the PPRC panel.";

async function as(caller: TestClaims, query: string, variables: Record<string, unknown> = {}) {
  const body = (await hub.graphql(query, variables, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** The OMU contact a release notification gives: one per notification, so a test finds its own in every table. */
const omuContact = (reference: string) => `omu-${reference.toLowerCase()}@exampleton.example`;

const release = (reference: string, sui: string, givenNames: string) => ({
  agencyCode: "HMP-EXAMPLETON", reference, event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED",
  offenderManagementUnitContact: omuContact(reference),
  prisoner: { prisonNumber: `H${sui.slice(-4)}OB`, givenNames: `Prisoner${givenNames}`, familyName: "Outbound", dateOfBirth: "1980-02-03", sex: "MALE", homeLocalAuthority: "E06000060" },
  release: { date: "2026-11-21", address: { kind: "HOME", line1: "5 Egress Row", town: "Sampleton", postcode: "HP20 5ER", localAuthority: "E06000060" } },
  childrenAtRisk: [{ reference: `${reference}-C1`, sui, givenNames, familyName: "Outbound", dateOfBirth: "2015-06-02", sex: "FEMALE",
    address: { kind: "HOME", line1: "6 Egress Row", town: "Sampleton", postcode: "HP20 5ER", localAuthority: "E06000060" }, relationshipToPrisoner: "STEP_PARENT" }],
});

async function notify(reference: string, sui: string, givenNames: string): Promise<string[]> {
  await as(PRISON_SYSTEM, SUBMIT_PPRC, { n: release(reference, sui, givenNames) });
  const [row] = await hub.hub.database.dataSource.query<{ record_ids: string[] }[]>(`SELECT record_ids FROM notification WHERE source_reference = $1`, [reference]);
  return row.record_ids;
}

const webhookOf = (agency: string, sui: string) => hub.hub.database.dataSource.getRepository(WebhookDelivery).createQueryBuilder("w")
  .where("w.recipient_agency = :agency AND :sui = ANY(w.child_suis)", { agency, sui }).orderBy("w.created_at", "DESC").getOneOrFail();
/** The tables, of the hub's and of its job queue's, any row of which holds the value, read as the database stores it. */
async function tablesHolding(value: string): Promise<string[]> {
  const db = hub.hub.database.dataSource;
  const tables = await db.query<{ name: string }[]>(`SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'pgboss')`);
  const holding: string[] = [];
  for (const { name } of tables) {
    const [{ rows }] = await db.query<{ rows: number }[]>(`SELECT count(*)::int AS rows FROM ${name} t WHERE strpos(t::text, $1) > 0`, [value]);
    if (rows > 0) holding.push(name);
  }
  return holding;
}
const sentTo = (path: string, id: string) => receiver.sends.filter((send) => send.path === path && send.id === id).map((send) => JSON.parse(send.body) as { data: Record<string, any> });

describe("a notification's delivery, in the inbox and by webhook", () => {
  /** A release notification whose webhooks to the council and to probation both died, as a test of its own sent it. */
  async function undelivered(reference: string, sui: string, givenNames: string): Promise<string[]> {
    answers["/csc"] = 503;
    answers["/probation"] = 503;
    const records = await notify(reference, sui, givenNames);
    await waitFor("both webhooks to die", async () => (await hub.hub.database.dataSource.getRepository(WebhookDelivery).createQueryBuilder("w")
      .where("w.status = 'DEAD' AND :sui = ANY(w.child_suis)", { sui }).getCount()) === 2);
    return records;
  }
  const inboxNodeOf = async (sui: string) => ((await as(CSC_WORKER, INBOX, { first: 50 })).notifications.nodes as { childrenAtRisk: { sui: string }[] }[])
    .find((node) => node.childrenAtRisk[0]?.sui === sui) as Record<string, any>;
  /** Since the delivery: the prison restricts the PPRC status and the prisoner's statement is attached to the OMU contact. */
  async function restrictAndAttach(record: string) {
    await as(PRISON_IG, RESTRICT, { recordId: record, field: "pprcStatus", kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS", reason: REASON, access: IG_REVIEW });
    await as(PRISON_IG, ATTACH, { recordId: record, field: "offenderManagementUnitContact", statement: STATEMENT, access: IG_REVIEW });
  }

  it("withholds a fact restricted since it was delivered, and carries a statement with the fact it is about", async () => {
    const SUI = "9991380019";
    const records = await undelivered("OB-REL-1", SUI, "Wren");
    await restrictAndAttach(records[0]);
    const node = await inboxNodeOf(SUI);
    expect(node.pprc).toMatchObject({ pprcStatus: null, offenderManagementUnitContact: omuContact("OB-REL-1"), prisonerGivenNames: "PrisonerWren" });
    expect(node.redactions).toContainEqual({ path: "pprc.pprcStatus", rule: "data-subject-rights" });
    expect(node.supplementaryStatements).toEqual([{ path: `prison[${records[0]}].offenderManagementUnitContact`, statement: STATEMENT }]);
  });

  it("a replayed webhook is built as the delivery leaves now: the restricted fact is not resent, the statement goes with it", async () => {
    const SUI = "9991380116";
    const records = await undelivered("OB-REL-6", SUI, "Wren");
    await restrictAndAttach(records[0]);
    answers["/csc"] = 204;
    const webhook = await webhookOf("LA-E06000060", SUI);
    expect(sentTo("/csc", webhook.id)[0].data.content.pprc.pprcStatus).toBe("CONFIRMED");
    await as(CSC_IG, REPLAY, { id: webhook.id, access: IG_REVIEW });
    await waitFor("the replay to arrive", () => sentTo("/csc", webhook.id).length === 2);
    const [, replayed] = sentTo("/csc", webhook.id);
    expect(replayed.data.content.pprc.pprcStatus).toBeUndefined();
    expect(replayed.data.content.pprc.prisonerGivenNames).toBe("PrisonerWren");
    expect(replayed.data.redactions).toContainEqual(expect.objectContaining({ path: "pprc.pprcStatus", rule: "data-subject-rights" }));
    expect(replayed.data.supplementaryStatements).toEqual([expect.objectContaining({ statement: STATEMENT })]);
  });

  it("an erased fact is in no inbox and no webhook still to be sent, nor is the statement on it", async () => {
    const SUI = "9991380124";
    const contact = omuContact("OB-REL-7");
    const records = await undelivered("OB-REL-7", SUI, "Wren");
    await restrictAndAttach(records[0]);
    expect((await as(PRISON_IG, ERASE, { recordId: records[0], field: "offenderManagementUnitContact", grounds: ["NO_LONGER_NECESSARY"], exemptions: [], reason: "Decided on the prisoner's request; see the IG file.", access: IG_REVIEW })).decideErasure.outcome).toBe("ERASED");
    const node = await inboxNodeOf(SUI);
    expect(node.pprc.offenderManagementUnitContact).toBeNull();
    expect(node.redactions).toContainEqual({ path: "pprc.offenderManagementUnitContact", rule: "data-subject-rights" });
    expect(node.supplementaryStatements).toEqual([]);
    // Erased, not hidden: the fact is in no row of the database — not in the deliveries it went out in, nor on the trail.
    expect(await tablesHolding(contact)).toEqual([]);
    // Nothing of an undelivered webhook is kept to send later: probation's dead delivery, replayed, carries no erased fact.
    const stored = JSON.stringify(await hub.hub.database.dataSource.query(`SELECT * FROM webhook_delivery`));
    expect(stored).not.toContain(contact);
    answers["/probation"] = 204;
    const toProbation = await webhookOf("PDU-BUCKS", SUI);
    const dead = ((await as(PROBATION_IG, DEAD, { access: IG_REVIEW })).deadWebhookDeliveries.nodes as { id: string }[]).find((node) => node.id === toProbation.id)!;
    expect(dead).toBeDefined();
    await as(PROBATION_IG, REPLAY, { id: dead.id, access: IG_REVIEW });
    await waitFor("probation's replay to arrive", () => sentTo("/probation", dead.id).length === 2);
    const [first, replayed] = sentTo("/probation", dead.id);
    expect(first.data.content.pprc.offenderManagementUnitContact).toBe(contact);
    expect(replayed.data.content.pprc.offenderManagementUnitContact).toBeUndefined();
    expect(replayed.data.redactions).toContainEqual(expect.objectContaining({ path: "pprc.offenderManagementUnitContact", rule: "data-subject-rights" }));
  });
});

describe("a delivery to one person, and its agency's webhook", () => {
  const PROBATION_OFFICER = claims("po-consulting", "PDU-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]);
  const PROBATION_SYSTEM = claims("system-pdu-bucks", "PDU-BUCKS", "PROBATION", ["AGENCY_SYSTEM"]);
  const MASH = claims("mash-outbound", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER"]);
  const ASK = /* GraphQL */ `mutation ($c: ConsultationInput!) { requestConsultation(consultation: $c) { consultationId } }`;
  const ANSWER = /* GraphQL */ `mutation ($id: ID!, $advice: String!) { answerConsultation(id: $id, advice: $advice) { id } }`;
  const ADVICE_INBOX = /* GraphQL */ `query { notifications(first: 20) { nodes { id consultationAdvice { advice } } } }`;
  const ADVICE = "Talk to the family's health visitor first, then call the duty desk if the bruising is seen again.";
  let advice: { id: string; webhook: string };

  beforeAll(async () => {
    const { consultationId } = (await as(PROBATION_OFFICER, ASK, { c: { localAuthority: "E06000060", concern: "A man on licence says his partner's toddler has bruises he cannot explain. Referral or advice?" } })).requestConsultation;
    const [request] = await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM notification_delivery WHERE notification_id = $1`, [consultationId]);
    await as(MASH, ANSWER, { id: request.id, advice: ADVICE });
    [advice] = await hub.hub.database.dataSource.query<{ id: string; webhook: string }[]>(
      `SELECT d.id, w.id AS webhook FROM notification_delivery d JOIN notification n ON n.id = d.notification_id JOIN webhook_delivery w ON w.delivery_id = d.id
        WHERE n.type = 'CONSULTATION_ADVICE' AND d.recipient_agency = 'PDU-BUCKS'`,
    );
  });

  it("sends the agency's system a notice that advice awaits its addressee in the hub, never the advice", async () => {
    await waitFor("the advice's webhook to be sent", () => sentTo("/probation", advice.webhook).length > 0);
    const [sent] = sentTo("/probation", advice.webhook);
    expect(JSON.stringify(sent)).not.toContain("health visitor");
    expect(sent.data).toMatchObject({ id: advice.id, notificationType: "CONSULTATION_ADVICE", audience: "ADDRESSEE", content: null, notice: "AWAITS_ADDRESSEE_IN_HUB_INBOX" });
  });

  it("is read in the hub by its addressee, not by the agency's system the notice went to", async () => {
    expect((await as(PROBATION_OFFICER, ADVICE_INBOX)).notifications.nodes).toContainEqual({ id: advice.id, consultationAdvice: { advice: ADVICE } });
    expect(JSON.stringify(await as(PROBATION_SYSTEM, ADVICE_INBOX))).not.toContain(advice.id);
    const acknowledged = (await hub.graphql("mutation ($id: ID!) { acknowledgeNotification(id: $id) { id } }", { id: advice.id }, await hub.token(PROBATION_SYSTEM))).body;
    expect(acknowledged.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the answer to probation's enquiry, back in probation's inbox", () => {
  const SUI = "9991380094";
  const PROBATION_SYSTEM = claims("system-pdu-bucks-enq", "PDU-BUCKS", "PROBATION", ["AGENCY_SYSTEM"]);
  const PRACTITIONER = claims("po-outbound-enq", "PDU-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]);
  // Asked of Lincolnshire, so the Buckinghamshire inboxes the other tests count are as they were.
  const LINCS_WORKER = claims("sw-lincs-enq", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
  const ENQUIRE = /* GraphQL */ `mutation ($n: SafeguardingEnquiryInput!) { submitSafeguardingEnquiry(notification: $n) { notificationId } }`;
  const REPLY = /* GraphQL */ `mutation ($id: ID!, $response: String) { acknowledgeNotification(id: $id, response: $response) { id } }`;
  const ANSWERS = /* GraphQL */ `query { notifications(first: 50) { nodes { id enquiryResponse { response } children { sui givenNames } redactions { path rule } supplementaryStatements { path statement } } } }`;
  const ENQUIRY_STATEMENT = "The family state this child has never lived with the offender.";
  let record: string;
  let answerId: string;
  const answer = async () => ((await as(PRACTITIONER, ANSWERS)).notifications.nodes as { id: string }[]).find((node) => node.id === answerId) as Record<string, any>;

  beforeAll(async () => {
    const { notificationId } = (await as(PROBATION_SYSTEM, ENQUIRE, { n: {
      agencyCode: "PDU-BUCKS", reference: "OB-ENQ-1", court: "Sampleton Magistrates' Court", hearingOn: "2026-11-16",
      offender: { crn: "X990094", givenNames: "Enquired", familyName: "Outbound", dateOfBirth: "1984-04-04", sex: "MALE", homeLocalAuthority: "E10000019", postcode: "LN1 1EQ" },
      offence: "Criminal damage (domestic)", question: "Is the child known to you?", risk: { roshLevel: "MEDIUM" },
      children: [{ reference: "OB-ENQ-1-C1", sui: SUI, givenNames: "Juniper", familyName: "Outbound", dateOfBirth: "2016-01-01", sex: "FEMALE",
        address: { kind: "HOME", line1: "2 Enquiry Lane", town: "Lincoln", postcode: "LN1 1EQ", localAuthority: "E10000019" }, relationshipToOffender: "FATHER" }],
    } })).submitSafeguardingEnquiry;
    ({ record, answerId } = await answeredBy(LINCS_WORKER, REPLY, notificationId, "Juniper is known to us: a child in need plan closed last year."));
  });

  it("carries a statement made since on the records the enquiry was told from, and withholds them once restricted", async () => {
    expect((await answer()).children).toEqual([{ sui: SUI, givenNames: "Juniper" }]);
    await as(PROBATION_IG, ATTACH, { recordId: record, field: null, statement: ENQUIRY_STATEMENT, access: IG_REVIEW });
    expect((await answer()).supplementaryStatements).toEqual([{ path: `probation[${record}]`, statement: ENQUIRY_STATEMENT }]);
    await as(PROBATION_IG, RESTRICT, { recordId: record, field: null, kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", reason: "The family dispute that the offender is this child's father.", access: IG_REVIEW });
    const restricted = await answer();
    expect(restricted.children).toEqual([]);
    expect(restricted.redactions).toContainEqual({ path: "children[0].givenNames", rule: "data-subject-rights" });
  });
});

describe("a right over one fact of probation's record, on the answer to its enquiry", () => {
  const SUI = "9991380108";
  const PROBATION_SYSTEM = claims("system-pdu-bucks-fact", "PDU-BUCKS", "PROBATION", ["AGENCY_SYSTEM"]);
  const PRACTITIONER = claims("po-outbound-fact", "PDU-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]);
  const LINCS_WORKER = claims("sw-lincs-fact", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
  const ENQUIRE = /* GraphQL */ `mutation ($n: SafeguardingEnquiryInput!) { submitSafeguardingEnquiry(notification: $n) { notificationId } }`;
  const REPLY = /* GraphQL */ `mutation ($id: ID!, $response: String) { acknowledgeNotification(id: $id, response: $response) { id } }`;
  const ANSWERS = /* GraphQL */ `query { notifications(first: 50) { nodes { id enquiryResponse { enquiryReference response } children { sui givenNames relationshipToOffender } redactions { path rule } supplementaryStatements { path statement } restrictions { path } } } }`;
  const REPLIED = "Rowan is known to us: early help closed in the spring.";
  const answerOf = async (answerId: string) => ((await as(PRACTITIONER, ANSWERS)).notifications.nodes as { id: string }[]).find((node) => node.id === answerId) as Record<string, any>;
  const rightsWithheld = (node: Record<string, any>) => (node.redactions as { rule: string }[]).filter((redaction) => redaction.rule === "data-subject-rights");

  /** Probation's enquiry at sentencing about a child of the test's own, and Lincolnshire's answer to it. */
  async function answeredEnquiry(reference: string, sui: string, crn: string): Promise<{ record: string; answer: () => Promise<Record<string, any>> }> {
    const { notificationId } = (await as(PROBATION_SYSTEM, ENQUIRE, { n: {
      agencyCode: "PDU-BUCKS", reference, court: "Sampleton Magistrates' Court", hearingOn: "2026-11-16",
      offender: { crn, givenNames: "Fielded", familyName: "Outbound", dateOfBirth: "1985-05-05", sex: "MALE", homeLocalAuthority: "E10000019", postcode: "LN1 1FA" },
      offence: "Harassment (domestic)", question: "Is the child known to you?", risk: { roshLevel: "MEDIUM" },
      children: [{ reference: `${reference}-C1`, sui, givenNames: "Rowan", familyName: "Outbound", dateOfBirth: "2015-03-03", sex: "MALE",
        address: { kind: "HOME", line1: "4 Enquiry Lane", town: "Lincoln", postcode: "LN1 1FA", localAuthority: "E10000019" }, relationshipToOffender: "FATHER" }],
    } })).submitSafeguardingEnquiry;
    const { record, answerId } = await answeredBy(LINCS_WORKER, REPLY, notificationId, REPLIED);
    return { record, answer: () => answerOf(answerId) };
  }

  it("a restriction or an objection on a fact the answer does not carry leaves the answer whole", async () => {
    const { record, answer } = await answeredEnquiry("OB-ENQ-FACT", SUI, "X990108");
    await as(PROBATION_IG, RESTRICT, { recordId: record, field: "riskManagementSummary", kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", reason: "The offender disputes the summary of his risk management plan.", access: IG_REVIEW });
    await as(PROBATION_IG, RESTRICT, { recordId: record, field: "supervisionEndDate", kind: "OBJECTION", ground: "OBJECTION_PENDING", reason: "The offender objects to his supervision end date being shared.", access: IG_REVIEW });
    const held = await answer();
    expect(held.enquiryResponse).toEqual({ enquiryReference: "OB-ENQ-FACT", response: REPLIED });
    expect(held.children).toEqual([{ sui: SUI, givenNames: "Rowan", relationshipToOffender: "FATHER" }]);
    expect(rightsWithheld(held)).toEqual([]);
    expect(held.restrictions).toEqual([]);
  });

  it("a statement on a fact the answer does not carry stays off it; a restriction of a fact it carries withholds that fact only", async () => {
    const SECOND_SUI = "9991380132";
    const { record, answer } = await answeredEnquiry("OB-ENQ-FACT-2", SECOND_SUI, "X990132");
    await as(PROBATION_IG, ATTACH, { recordId: record, field: "supervisionEndDate", statement: "The offender states his supervision ends a year earlier than recorded.", access: IG_REVIEW });
    expect((await answer()).supplementaryStatements).toEqual([]);
    // The offender as the child's relation is a law-enforcement fact: restricted, never rectified (DPA 2018 s.46(4)).
    await as(PROBATION_IG, RESTRICT, { recordId: record, field: "offender", kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", reason: "The family dispute that the offender is this child's father.", access: IG_REVIEW });
    const held = await answer();
    expect(held.enquiryResponse).toEqual({ enquiryReference: "OB-ENQ-FACT-2", response: REPLIED });
    expect(held.children).toEqual([{ sui: SECOND_SUI, givenNames: "Rowan", relationshipToOffender: null }]);
    expect(rightsWithheld(held)).toEqual([{ path: "children[0].relationshipToOffender", rule: "data-subject-rights" }]);
  });
});

describe("named-staff exclusions on the inbox and on webhooks", () => {
  it("leaves a delivery the caller is kept out of out of the query: a full page, and no page after it to hint at it", async () => {
    const suisOf = (connection: { nodes: { childrenAtRisk: { sui: string }[] }[] }) => connection.nodes.map((node) => node.childrenAtRisk[0]?.sui);
    // What the council's inbox held before this test's notifications (other tests' deliveries), newest first.
    const earlier = suisOf((await as(CSC_WORKER, INBOX, { first: 50 })).notifications);
    await notify("OB-REL-8", "9991380140", "Bryn");
    await notify("OB-REL-2", "9991380027", "Ash");
    await notify("OB-REL-3", "9991380035", "Rook");
    await as(CSC_IG, EXCLUDE, { sui: "9991380035", exclusion: { kind: "STAFF", subject: CSC_WORKER.sub, reason: "Related to the family; must not see the file." }, access: IG_REVIEW });
    // The newest delivery is the excluded child's: the page of one is the next one down, and every delivery after it is still there.
    const first = (await as(CSC_WORKER, INBOX, { first: 1 })).notifications;
    expect(suisOf(first)).toEqual(["9991380027"]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const visible = ["9991380027", "9991380140", ...earlier];
    const all = (await as(CSC_WORKER, INBOX, { first: visible.length })).notifications;
    expect(suisOf(all)).toEqual(visible);
    expect(all.pageInfo.hasNextPage).toBe(false);
  });

  it("never makes a delivery, nor a push, to an agency kept out of the child: decided at routing", async () => {
    // The child's lead agency (the council where the child lives) keeps the probation delivery unit out, after the first notification.
    await notify("OB-REL-4", "9991380043", "Sloe");
    await as(CSC_IG, EXCLUDE, { sui: "9991380043", exclusion: { kind: "AGENCY", agencyCode: "PDU-BUCKS", reason: "The unit's staff are implicated in the allegation." }, access: IG_REVIEW });
    await notify("OB-REL-5", "9991380043", "Sloe");
    const toProbation = (reference: string) => hub.hub.database.dataSource.query<{ deliveries: number; pushes: number }[]>(
      `SELECT count(DISTINCT d.id)::int AS deliveries, count(w.id)::int AS pushes FROM notification n
         JOIN notification_delivery d ON d.notification_id = n.id AND d.recipient_agency = 'PDU-BUCKS'
         LEFT JOIN webhook_delivery w ON w.delivery_id = d.id WHERE n.source_reference = $1`, [reference]);
    expect(await toProbation("OB-REL-4")).toEqual([{ deliveries: 1, pushes: 1 }]);
    expect(await toProbation("OB-REL-5")).toEqual([{ deliveries: 0, pushes: 0 }]);
    // A push still pending when the exclusion is recorded is withheld as it would leave: exclusionsOfChildAwaitingSui.test.ts.
  });
});

describe("plans held elsewhere", () => {
  const plan = (reference: string, sui: string, givenNames: string) => ({
    agencyCode: "LA-E10000019", agencyReference: reference,
    child: { sui, givenNames, familyName: "Elsewhere", dateOfBirth: "2013-08-08", sex: "FEMALE", address: { kind: "PLACEMENT", line1: "9 Egress Close", postcode: "HP20 9EC", localAuthority: "E06000060" } },
    socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2025-11-01", responsibleLocalAuthority: "E10000019" },
  });

  it("holds a restriction and carries a statement; leaves out a child the caller is kept out of", async () => {
    const restricted = (await as(LINCS_SYSTEM, SUBMIT, { record: plan("LINCS-OB-1", "9991380051", "Fern") })).submitRecord.recordId as string;
    await as(LINCS_SYSTEM, SUBMIT, { record: plan("LINCS-OB-2", "9991380159", "Ash") });
    await as(LINCS_IG, RESTRICT, { recordId: restricted, field: "planCategory", kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS", reason: REASON, access: IG_REVIEW });
    const statement = "The family states the plan's category was changed at the last review.";
    await as(LINCS_IG, ATTACH, { recordId: restricted, field: "status", statement, access: IG_REVIEW });
    // Lincolnshire holds the plan (the child's lead agency), so it keeps another council's social worker out.
    await as(LINCS_IG, EXCLUDE, { sui: "9991380159", exclusion: { kind: "STAFF", subject: CSC_WORKER.sub, agencyCode: "LA-E06000060", reason: "Related to the family; must not see the file." }, access: IG_REVIEW });

    const list = (await as(CSC_WORKER, PLANS, { a: TRIAGE, first: 1 })).plansHeldElsewhere;
    expect(list.pageInfo.hasNextPage).toBe(false);
    expect(list.nodes).toEqual([{
      sui: "9991380051", status: "CHILD_PROTECTION_PLAN", planCategory: null,
      redactions: [expect.objectContaining({ path: `socialCare[${restricted}].planCategory`, rule: "data-subject-rights" })],
      supplementaryStatements: [{ path: `socialCare[${restricted}].status`, statement }],
    }]);
  });
});

/**
 * The enquiry's record, and the answer the Lincolnshire worker's reply became: the worker replies to the
 * enquiry's delivery to their council, and the hub sends the reply back as a notification of its own.
 */
async function answeredBy(worker: TestClaims, reply: string, notificationId: string, response: string): Promise<{ record: string; answerId: string }> {
  const db = hub.hub.database.dataSource;
  const [{ record_ids: [record] }] = await db.query<{ record_ids: string[] }[]>(`SELECT record_ids FROM notification WHERE id = $1`, [notificationId]);
  const [asked] = await db.query<{ id: string }[]>(`SELECT id FROM notification_delivery WHERE notification_id = $1 AND recipient_agency = 'LA-E10000019'`, [notificationId]);
  await as(worker, reply, { id: asked.id, response });
  const [{ id: answerId }] = await db.query<{ id: string }[]>(`SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.source_reference = $1`, [`ANSWER-${asked.id}`]);
  return { record, answerId };
}
