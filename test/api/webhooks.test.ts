import request from "supertest";
import { type JSONWebKeySet } from "jose";
import { Agency } from "../../src/directory/Agency";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { WebhookDelivery } from "../../src/webhooks/WebhookDelivery";
import { access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";
import { waitFor, WebhookReceiver } from "../support/webhookReceiver";

/**
 * Notifications reach agencies' registered endpoints as signed Standard Webhooks (issue 10 item 6): a
 * real HTTP receiver verifies each against the hub's published keys and sees exactly what the agency's
 * inbox shows; a receiver that keeps failing leaves a DEAD delivery an IG lead lists and replays.
 */
let hub: TestHub;
let receiver: WebhookReceiver;
let jwks: JSONWebKeySet;
let probationAnswer = 503;

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  receiver.answer = (path) => (path === "/probation" ? probationAnswer : 204);
  hub = await startTestHub({
    env: { WEBHOOK_POLL_SECONDS: "1", WEBHOOK_RETRY_DELAY_SECONDS: "1", WEBHOOK_RETRY_DELAY_MAX_SECONDS: "1", WEBHOOK_MAX_ATTEMPTS: "2", WEBHOOK_TIMEOUT_MS: "2000" },
  });
  const agencies = hub.hub.database.dataSource.getRepository(Agency);
  await agencies.update({ code: "LA-E06000060" }, { webhookUrl: receiver.url("/csc") });
  await agencies.update({ code: "POLICE-43" }, { webhookUrl: receiver.url("/police") });
  await agencies.update({ code: "PDU-BUCKS" }, { webhookUrl: receiver.url("/probation") });
  jwks = (await request(hub.hub.app).get("/.well-known/jwks.json")).body as JSONWebKeySet;
  receiver.keys = () => jwks;
});
afterAll(async () => {
  await hub.stop();
  await receiver.stop();
});

const claims = (sub: string, agency: string, agencyType: string, roles: string[], la = "E06000060"): TestClaims => ({ sub, name: `Officer ${sub}`, agency, agency_type: agencyType, roles, la });
const PRISON_SYSTEM = claims("system-exampleton", "HMP-EXAMPLETON", "PRISON", ["AGENCY_SYSTEM"], "E10000019");
const BUCKS_SOCIAL_WORKER = claims("sw-bucks-hooks", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const PROBATION_IG = claims("ig-pdu-bucks", "PDU-BUCKS", "PROBATION", ["IG_LEAD"]);
const PROBATION_OFFICER = claims("po-pdu-bucks", "PDU-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]);

const SUBMIT_PPRC = /* GraphQL */ `mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { notificationId recipients { agencyCode } } }`;
const INBOX = /* GraphQL */ `query { notifications(first: 10) { nodes { id disclosureId pprc { mappaCategory prisonerGivenNames } redactions { path rule } } } }`;
const DEAD = /* GraphQL */ `query ($access: AccessContext!) { deadWebhookDeliveries(access: $access, first: 10) { nodes { id deliveryId recipientAgency status attempts lastFailure replays } } }`;
const REPLAY = /* GraphQL */ `mutation ($id: ID!, $access: AccessContext!) { replayWebhookDelivery(id: $id, access: $access) { id status attempts replays } }`;

const release = (reference: string) => ({
  agencyCode: "HMP-EXAMPLETON", reference, event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED",
  mappa: { category: 2, level: 1 },
  prisoner: { prisonNumber: "H7730WB", givenNames: "Ansel", familyName: "Thorncroft", dateOfBirth: "1981-04-11", sex: "MALE", homeLocalAuthority: "E06000060" },
  release: { date: "2026-11-21", address: { kind: "HOME", line1: "14 Weir Lane", town: "Sampleton", postcode: "HP20 4WL", localAuthority: "E06000060" } },
  childrenAtRisk: [{ reference: `${reference}-C1`, sui: "9990072035", givenNames: "Maren", familyName: "Thorncroft", dateOfBirth: "2015-06-02", sex: "FEMALE",
    address: { kind: "HOME", line1: "2 Kiln Row", town: "Sampleton", postcode: "HP20 2KR", localAuthority: "E06000060" }, relationshipToPrisoner: "STEP_PARENT" }],
});

const bodyOf = (path: string) => {
  const send = receiver.sends.find((received) => received.path === path);
  return send === undefined ? undefined : (JSON.parse(send.body) as { type: string; data: Record<string, any> });
};

test("each recipient with an endpoint receives one signed webhook carrying exactly its inbox view", async () => {
  const submitted = (await hub.graphql(SUBMIT_PPRC, { n: release("EX-HOOK-REL-1") }, await hub.token(PRISON_SYSTEM))).body;
  expect(submitted.errors).toBeUndefined();
  await waitFor("the CSC's and the police's webhooks", () => receiver.sends.some((s) => s.path === "/csc") && receiver.sends.some((s) => s.path === "/police"));

  for (const path of ["/csc", "/police"]) {
    const sends = receiver.sends.filter((received) => received.path === path);
    expect(sends).toHaveLength(1);
    expect(sends[0].verdict).toMatchObject({ valid: true, kid: jwks.keys[0].kid });
  }
  const csc = bodyOf("/csc");
  const [inbox] = (await hub.graphql(INBOX, {}, await hub.token(BUCKS_SOCIAL_WORKER))).body.data.notifications.nodes;
  // The webhook is the inbox item: the same delivery, the same view, the same redactions.
  expect(csc).toMatchObject({ type: "notification.delivered", data: { id: inbox.id, notificationType: "PPRC", disclosureId: inbox.disclosureId } });
  expect(csc?.data.content.pprc.prisonerGivenNames).toBe("Ansel");
  expect(csc?.data.content.pprc.mappaCategory).toBeUndefined();
  expect(csc?.data.redactions.map((r: { path: string; rule: string }) => [r.path, r.rule])).toEqual(inbox.redactions.map((r: { path: string; rule: string }) => [r.path, r.rule]));
  // The police may see MAPPA detail; children's social care may not.
  expect(bodyOf("/police")?.data.content.pprc.mappaCategory).toBe(2);

  const settled = () => hub.hub.database.dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM webhook_delivery w JOIN notification_delivery d ON d.id = w.delivery_id WHERE d.notification_id = $1 AND w.status = 'DELIVERED'`,
    [submitted.data.submitPprcNotification.notificationId],
  );
  await waitFor("the rows to settle", async () => (await settled())[0].count === 2);
  const rows = await hub.hub.database.dataSource.getRepository(WebhookDelivery).find();
  expect(rows.find((row) => row.recipientAgency === "LA-E06000060")).toMatchObject({ id: receiver.sends.find((s) => s.path === "/csc")?.id, status: "DELIVERED", attempts: 1, lastFailure: null });
});

test("a receiver that keeps failing leaves a DEAD delivery; an IG lead lists it and replays it once, audited", async () => {
  await waitFor("probation's delivery to die", async () => (await hub.hub.database.dataSource.getRepository(WebhookDelivery).countBy({ status: "DEAD" })) === 1);
  expect(receiver.sends.filter((received) => received.path === "/probation")).toHaveLength(2);
  // The backlog and the outcomes, for the people who run the hub.
  const scrape = (await request(hub.hub.app).get("/metrics")).text;
  expect(scrape).toMatch(/^hub_webhook_deliveries\{status="DEAD"\} 1$/m);
  expect(scrape).toMatch(/^hub_webhook_deliveries\{status="PENDING"\} 0$/m);
  expect(scrape).toMatch(/^hub_webhook_attempts_total\{outcome="dead"\} [1-9]/m);
  expect(scrape).toMatch(/^hub_webhook_attempts_total\{outcome="failed"\} [1-9]/m);

  const refused = (await hub.graphql(DEAD, { access: IG_REVIEW }, await hub.token(PROBATION_OFFICER))).body;
  expect(refused.errors?.[0].extensions.code).toBe("FORBIDDEN");

  const listed = (await hub.graphql(DEAD, { access: IG_REVIEW }, await hub.token(PROBATION_IG))).body;
  expect(listed.errors).toBeUndefined();
  const [dead] = listed.data.deadWebhookDeliveries.nodes;
  expect(dead).toMatchObject({ recipientAgency: "PDU-BUCKS", status: "DEAD", attempts: 2, lastFailure: "HTTP_503", replays: 0 });
  expect(receiver.processed.has(dead.id)).toBe(false);

  // Another agency's IG lead does not see it.
  const elsewhere = (await hub.graphql(DEAD, { access: IG_REVIEW }, await hub.token(claims("ig-tvp", "POLICE-43", "POLICE", ["IG_LEAD"])))).body;
  expect(elsewhere.data.deadWebhookDeliveries.nodes).toEqual([]);

  probationAnswer = 200;
  const replayed = (await hub.graphql(REPLAY, { id: dead.id, access: IG_REVIEW }, await hub.token(PROBATION_IG))).body;
  expect(replayed.errors).toBeUndefined();
  expect(replayed.data.replayWebhookDelivery).toMatchObject({ id: dead.id, status: "PENDING", attempts: 0, replays: 1 });
  await waitFor("the replay to arrive", () => receiver.processed.has(dead.id));
  await waitFor("the replay to settle", async () => (await hub.hub.database.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: dead.id })).status === "DELIVERED");

  const again = (await hub.graphql(REPLAY, { id: dead.id, access: IG_REVIEW }, await hub.token(PROBATION_IG))).body;
  expect(again.errors?.[0].extensions.code).toBe("CONFLICT");
  const sent = receiver.sends.filter((received) => received.path === "/probation");
  expect(sent).toHaveLength(3);
  expect(new Set(sent.map((received) => received.id))).toEqual(new Set([dead.id]));

  const trail = await hub.hub.database.dataSource.query(`SELECT operation, outcome FROM disclosure_audit WHERE operation LIKE 'WEBHOOK_%' ORDER BY occurred_at`);
  expect(trail).toEqual(expect.arrayContaining([
    { operation: "WEBHOOK_DEAD_LETTERS_READ", outcome: "REFUSED" },
    { operation: "WEBHOOK_DEAD_LETTERS_READ", outcome: "DISCLOSED" },
    { operation: "WEBHOOK_REPLAYED", outcome: "RECORDED" },
  ]));
  // Nothing the receiver said, and nothing of the notification, is in the logs.
  const logs = hub.logLines.join("\n");
  expect(logs).toContain("webhook.dead");
  expect(logs).not.toMatch(/Ansel|Thorncroft|Weir Lane|HP20/);
});

test("a delivery about a child some of the agency's staff are kept out of reaches its system as a notice only; its inbox holds it for the rest", async () => {
  // Complex abuse: a social worker implicated is kept out of the girl's file, and may read the council's case system.
  const LINCS = "E10000019";
  await hub.hub.database.dataSource.getRepository(Agency).update({ code: "LA-E10000019" }, { webhookUrl: receiver.url("/csc-lincs") });
  const LINCS_SYSTEM = claims("system-la-lincs-hooks", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], LINCS);
  const POLICE_SYSTEM = claims("system-tvp-hooks", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"]);
  const MANAGER = claims("csc-mgr-lincs-hooks", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"], LINCS);
  const COLLEAGUE = claims("sw-lincs-hooks-colleague", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], LINCS);
  const IMPLICATED = claims("sw-lincs-hooks-implicated", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], LINCS);
  const sui = syntheticNhsNumbers(733_900).next().value as string;
  const child = { sui, givenNames: "Wenna", familyName: "Larchmoor", dateOfBirth: "2012-10-10", sex: "FEMALE", address: { kind: "HOME", line1: "3 Skylark Walk", town: "Lincoln", postcode: "LN2 3SW", localAuthority: LINCS } };
  const record = { agencyCode: "LA-E10000019", agencyReference: "CSC-HOOKS-WENNA", child, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "SEXUAL_ABUSE", startDate: "2026-08-01", allocatedWorkerName: "Sam Worker", responsibleLocalAuthority: LINCS } };
  expect((await hub.graphql(SUBMIT, { record }, await hub.token(LINCS_SYSTEM))).body.errors).toBeUndefined();
  const RECORD = /* GraphQL */ `mutation ($sui: ID!, $exclusion: ChildExclusionInput!, $access: AccessContext!) { recordChildExclusion(sui: $sui, exclusion: $exclusion, access: $access) { id } }`;
  const exclusion = { kind: "STAFF", subject: IMPLICATED.sub, reason: "Named in the allegation of abuse in the residential home." };
  expect((await hub.graphql(RECORD, { sui, exclusion, access: access("STRATEGY_DISCUSSION") }, await hub.token(MANAGER))).body.errors).toBeUndefined();
  const VICTIM = /* GraphQL */ `mutation ($n: ChildVictimInput!) { submitChildVictimReferral(notification: $n) { outcome } }`;
  const today = new Date().toISOString().slice(0, 10);
  const victim = { agencyCode: "POLICE-43", reference: "TVP-HOOKS-VICTIM", child, incidentType: "CRIME", occurredOn: today, reportedOn: today, summary: "Disclosure at school about a member of staff at the home.", officerName: "DC Example", officerContact: "dc.example@tvp.example" };
  expect((await hub.graphql(VICTIM, { n: victim }, await hub.token(POLICE_SYSTEM))).body.errors).toBeUndefined();
  const victimSend = () => receiver.sends.find((received) => received.path === "/csc-lincs");
  await waitFor("the council's webhook", () => victimSend() !== undefined);
  await waitFor("its row to settle", async () => (await hub.hub.database.dataSource.getRepository(WebhookDelivery).findOneBy({ id: victimSend()?.id }))?.status === "DELIVERED");

  const sent = victimSend();
  expect(sent?.verdict).toMatchObject({ valid: true });
  expect(sent?.body).not.toMatch(new RegExp(`${sui}|Wenna|Larchmoor|2012-10-10|Skylark`));
  const INBOX_CHILD = /* GraphQL */ `query { notifications(first: 50) { nodes { id type child { sui } } } }`;
  const inboxOf = async (caller: TestClaims) => ((await hub.graphql(INBOX_CHILD, {}, await hub.token(caller))).body.data.notifications.nodes as { id: string; type: string; child: { sui: string } | null }[]).filter((node) => node.child?.sui === sui);
  const [held] = await inboxOf(COLLEAGUE);
  expect(JSON.parse(sent?.body ?? "{}").data).toEqual({ id: held.id, notificationType: "CHILD_VICTIM", audience: "STAFF", deliveredAt: expect.any(String), content: null, notice: "AWAITS_STAFF_IN_HUB_INBOX" });
  expect(await inboxOf(IMPLICATED)).toEqual([]);
});
