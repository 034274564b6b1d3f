import { Agency } from "../../src/directory/Agency";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";
import { waitFor, WebhookReceiver } from "../support/webhookReceiver";

/**
 * A webhook leaves as soon as the transaction that wrote it commits: the process that wrote it wakes its
 * own senders, so the poll (here the longest allowed, 60 s, against a 30 s wait) is not a delivery's
 * latency floor. A transaction that rolls back sends nothing.
 */
let hub: TestHub;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  receiver.answer = () => 204;
  hub = await startTestHub({ env: { WEBHOOK_POLL_SECONDS: "60" } });
  await hub.hub.database.dataSource.getRepository(Agency).update({ code: "LA-E06000060" }, { webhookUrl: receiver.url("/csc") });
});
afterAll(async () => {
  await hub.stop();
  await receiver.stop();
});

const PRISON_SYSTEM: TestClaims = { sub: "system-exampleton-wake", name: "Exampleton system", agency: "HMP-EXAMPLETON", agency_type: "PRISON", roles: ["AGENCY_SYSTEM"], la: "E10000019" };
const SUBMIT_PPRC = /* GraphQL */ `mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { notificationId recipients { agencyCode } } }`;

const reception = (reference: string, prisonNumber: string, childSui: string) => ({
  agencyCode: "HMP-EXAMPLETON", reference, event: "RECEPTION", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "POTENTIAL",
  prisoner: { prisonNumber, givenNames: "Corwin", familyName: "Hazeldene", dateOfBirth: "1979-02-17", sex: "MALE", homeLocalAuthority: "E06000060" },
  childrenAtRisk: [{ reference: `${reference}-C1`, sui: childSui, givenNames: "Wren", familyName: "Hazeldene", dateOfBirth: "2016-09-30", sex: "FEMALE",
    address: { kind: "HOME", line1: "9 Mill Yard", town: "Sampleton", postcode: "HP20 3MY", localAuthority: "E06000060" }, relationshipToPrisoner: "FATHER" }],
});

test("each notification's webhook arrives without waiting for the senders' next poll", async () => {
  // Two in a row: the senders sleep their full poll between them unless each commit wakes them.
  for (const [reference, prisonNumber, childSui] of [["EX-WAKE-1", "W1000AA", "9990072043"], ["EX-WAKE-2", "W1000AB", "9990072051"]]) {
    const before = receiver.sends.length;
    const submitted = (await hub.graphql(SUBMIT_PPRC, { n: reception(reference, prisonNumber, childSui) }, await hub.token(PRISON_SYSTEM))).body;
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitPprcNotification.recipients.map((r: { agencyCode: string }) => r.agencyCode)).toContain("LA-E06000060");
    await waitFor(`the webhook of ${reference}`, () => receiver.sends.length > before);
  }
  expect(receiver.sends.filter((send) => send.path === "/csc")).toHaveLength(2);
});
