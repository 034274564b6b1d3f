import request from "supertest";
import { IsNull } from "typeorm";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { NotificationDelivery } from "../../src/notifications/NotificationDelivery";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";
import { csrfOf, visitedUrls, type Agent } from "../support/consoleRequests";

/**
 * The notifications inbox of the console (issue 14): a practitioner reads their agency's notifications
 * as the hub gives them to their role — newest first, by status, a page at a time — opens one with every
 * withheld field explained and its deadlines (overdue marked), and acknowledges it; all with their own
 * token, on the audit trail as them. Another role is given nothing; forms need the session's CSRF
 * token; no SUI, name or hub id reaches a URL or a log line. Notifications of this file's own: the
 * police refer child victims living in Lincolnshire to its children's social care.
 */
let hub: TestHub;
const LINCS = "E10000019";
const sui = syntheticNhsNumbers(917_500);
const GIVEN_NAMES = ["Marigold", "Bryony", "Clemency", "Delphine", "Emmeline", "Florentine", "Gwendolen", "Honora", "Isadora", "Jessamy", "Kerensa"];
const children = GIVEN_NAMES.map((givenNames, index) => ({
  sui: sui.next().value as string, givenNames, familyName: "Fennimore", dateOfBirth: `2012-0${(index % 9) + 1}-1${index % 9}`, sex: "FEMALE",
  address: { kind: "HOME", line1: `${index + 1} Fen Lane`, postcode: "PE20 1FL", localAuthority: LINCS },
}));
const PERSONAL = new RegExp(`${children.map((child) => child.sui).join("|")}|Fennimore|${GIVEN_NAMES.join("|")}|Sorcha|Inboxley|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}`, "i");
const { urls, get, post } = visitedUrls();
const POLICE_SYSTEM: TestClaims = { sub: "system-tvp-inbox", name: "TVP case system", agency: "POLICE-43", agency_type: "POLICE", roles: ["AGENCY_SYSTEM"], la: "E06000060" };
const REFER = /* GraphQL */ `mutation ($n: ChildVictimInput!) { submitChildVictimReferral(notification: $n) { outcome } }`;
const INBOX = /* GraphQL */ `query { notifications(first: 50) { nodes { id child { givenNames } redactions { path reason rule } } } }`;

beforeAll(async () => {
  hub = await startTestHub({ auth: "development" });
  const token = await hub.token(POLICE_SYSTEM);
  // Marigold's referral is the oldest: the newest ten fill the first page, she is alone on the second.
  for (const [index, child] of children.entries()) {
    const notification = { agencyCode: "POLICE-43", reference: `TVP-INBOX-${index}`, incidentType: "CRIME", occurredOn: "2026-11-03", reportedOn: "2026-11-03", crimeReference: `TVP-CR-${index}`, summary: "Named witness", intelligence: "Intel", officerContact: "cid@tvp.example", child };
    const body = (await hub.graphql(REFER, { n: notification }, token)).body;
    expect(body.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await hub.stop();
});

const sectionsOffered = (html: string) => [...html.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g)].map((match) => match[1]);
const notificationLinks = (html: string) => [...html.matchAll(/href="(\/console\/notifications\/[A-Za-z0-9_-]{22})"/g)].map((match) => match[1] ?? "");
const deliveries = () => hub.hub.database.dataSource.getRepository(NotificationDelivery);


/** Someone at Lincolnshire's children's social care, signed in through the demo sign-in page: the inbox asks no purpose. */
async function signedIn(role: string): Promise<{ agent: Agent; csrf: string; page: string }> {
  const agent = request.agent(hub.hub.app);
  const signInPage = await get(agent, "/console/sign-in");
  const signIn = await post(agent, "/console/sign-in", { _csrf: csrfOf(signInPage.text), role, name: "Sorcha Inboxley", agency: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", la: LINCS });
  expect(signIn.headers.location).toBe("/console/purpose");
  const page = await get(agent, "/console/purpose");
  return { agent, csrf: csrfOf(page.text), page: page.text };
}

/** The notification about this child, opened from the inbox's pages. */
async function openAbout(agent: Agent, givenNames: string) {
  let list = await get(agent, "/console/notifications");
  for (;;) {
    const at = list.text.indexOf(givenNames);
    if (at >= 0) return get(agent, notificationLinks(list.text.slice(at))[0] ?? "");
    const next = /href="(\/console\/notifications\?page=[A-Za-z0-9_-]{22})"/.exec(list.text)?.[1];
    if (next === undefined) throw new Error(`No notification about ${givenNames} in the inbox`);
    list = await get(agent, next);
  }
}

describe("a social worker's inbox", () => {
  it("lists the agency's notifications newest first a page at a time, by status, with deadlines", async () => {
    const { agent, page } = await signedIn("SOCIAL_WORKER");
    expect(sectionsOffered(page)).toContain("/console/notifications");
    const first = await get(agent, "/console/notifications");
    expect(first.status).toBe(200);
    expect(notificationLinks(first.text)).toHaveLength(10);
    expect(first.text).toContain("CHILD_VICTIM");
    expect(first.text).toContain(GIVEN_NAMES.at(-1));
    expect(first.text).not.toContain("Marigold");
    const next = /href="(\/console\/notifications\?page=[A-Za-z0-9_-]{22})"/.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await get(agent, next ?? "");
    expect(notificationLinks(second.text)).toHaveLength(1);
    expect(second.text).toContain("Marigold");
    expect(second.text).toContain("First page");
    const unacknowledged = await get(agent, "/console/notifications?status=UNACKNOWLEDGED");
    expect(notificationLinks(unacknowledged.text)).toHaveLength(10);
    const acknowledged = await get(agent, "/console/notifications?status=ACKNOWLEDGED");
    expect(notificationLinks(acknowledged.text)).toHaveLength(0);
    expect(acknowledged.text).toContain("No notifications.");
  });

  it("opens one with every withheld field shown as withheld with its reason, marks it overdue past its deadline, and acknowledges it as the user, on the trail", async () => {
    const { agent, csrf } = await signedIn("SOCIAL_WORKER");
    const delivery = await deliveries().findOneOrFail({ where: { recipientAgency: "LA-E10000019", acknowledgedAt: IsNull() }, order: { deliveredAt: "DESC" } });
    // Past, in British Summer Time: shown as a London clock reads it, not as the hub's UTC instant.
    await deliveries().update({ id: delivery.id }, { acknowledgeBy: new Date("2026-07-01T11:30:00Z") });
    const list = await get(agent, "/console/notifications");
    expect(list.text).toMatch(/Overdue/);
    expect(list.text).toContain("1 Jul 2026, 12:30:00");
    expect(list.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    const opened = await openAbout(agent, GIVEN_NAMES.at(-1) ?? "");
    expect(opened.status).toBe(200);
    expect(opened.text).toContain("Fennimore");
    expect(opened.text).toMatch(/Overdue/);
    expect(opened.text).toContain("1 Jul 2026, 12:30:00");
    expect(opened.text).toContain("police-victim-csc");
    // What the hub gives a social worker of this agency through the API: every withheld field is on the page, with its reason and rule.
    const asApi = (await hub.graphql(INBOX, {}, await hub.token({ sub: "sw-lincs-inbox", name: "Test worker", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], la: LINCS }))).body;
    const node = (asApi.data.notifications.nodes as { id: string; redactions: { path: string; reason: string; rule: string }[] }[]).find((candidate) => candidate.id === delivery.id);
    expect(node?.redactions.length).toBeGreaterThan(0);
    for (const redaction of node?.redactions ?? []) {
      expect(opened.text).toContain(redaction.path);
      expect(opened.text).toContain(redaction.rule);
    }
    expect(opened.text).not.toContain("Intel<");
    expect(opened.text).toMatch(/Withheld\s*<\/strong>/);

    const link = urls.at(-1) ?? "";
    const acknowledged = await post(agent, link, { _csrf: csrf });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.text).toContain("Acknowledged. Your acknowledgement is on the audit trail.");
    expect(acknowledged.text).not.toMatch(/Overdue/);
    const stored = await deliveries().findOneByOrFail({ id: delivery.id });
    expect(stored.acknowledgedAt).not.toBeNull();
    const entry = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneOrFail({ where: { operation: "NOTIFICATION_ACKNOWLEDGED" } as never, order: { occurredAt: "DESC" } as never });
    expect(entry.principalSub).toMatch(/^dev-user-/);
    expect(entry.principalRoles).toEqual(["SOCIAL_WORKER"]);
    expect(notificationLinks((await get(agent, "/console/notifications?status=ACKNOWLEDGED")).text)).toHaveLength(1);
  });
});

describe("what the trail says of opening one", () => {
  it("reads the notification opened alone: one entry on the trail, naming only its child — not the others listed before it", async () => {
    const { agent } = await signedIn("SOCIAL_WORKER");
    const audit = hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
    const bryony = children[1]?.sui ?? "";
    // Bryony's notification is well down the newest-first inbox, with others listed above it on its page.
    let list = await get(agent, "/console/notifications");
    while (!list.text.includes("Bryony")) list = await get(agent, /href="(\/console\/notifications\?page=[A-Za-z0-9_-]{22})"/.exec(list.text)?.[1] ?? "");
    expect(list.text.indexOf("Bryony")).toBeGreaterThan(list.text.indexOf("Fennimore"));
    const link = notificationLinks(list.text.slice(list.text.indexOf("Bryony")))[0] ?? "";
    const before = new Set((await audit.find({ select: { id: true } })).map((entry) => entry.id));
    expect((await get(agent, link)).status).toBe(200);
    const made = (await audit.find({ where: { operation: "NOTIFICATION_INBOX_READ" } as never })).filter((entry) => !before.has(entry.id));
    expect(made.map((entry) => entry.childSuis)).toEqual([[bryony]]);
  });
});

describe("who may, and forms", () => {
  it("gives a role the views were not decided for nothing, and offers a data steward no inbox", async () => {
    const mash = await signedIn("MASH_PRACTITIONER");
    const inbox = await get(mash.agent, "/console/notifications");
    expect(inbox.status).toBe(200);
    expect(notificationLinks(inbox.text)).toHaveLength(0);
    expect(inbox.text).not.toMatch(/Fennimore|CHILD_VICTIM/);
    const steward = await signedIn("DATA_STEWARD");
    expect(sectionsOffered(steward.page)).not.toContain("/console/notifications");
    const asked = await get(steward.agent, "/console/notifications");
    expect(asked.text).not.toMatch(/Fennimore|CHILD_VICTIM/);
  });

  it("refuses an acknowledgement without the session's CSRF token and records nothing; another session's handle opens nothing", async () => {
    const { agent } = await signedIn("SOCIAL_WORKER");
    const opened = await openAbout(agent, "Marigold");
    expect(opened.status).toBe(200);
    const link = urls.at(-1) ?? "";
    for (const token of [undefined, "forged"]) {
      const response = await post(agent, link, token === undefined ? {} : { _csrf: token });
      expect(response.status).toBe(403);
      expect(response.text).not.toContain("Fennimore");
    }
    expect(await deliveries().countBy({ recipientAgency: "LA-E10000019", acknowledgedAt: IsNull() })).toBeGreaterThanOrEqual(10);
    const other = await signedIn("SOCIAL_WORKER");
    const stranger = await get(other.agent, link);
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain("Fennimore");
    expect((await post(other.agent, link, { _csrf: other.csrf })).status).toBe(404);
  });

  it("puts no SUI, name or hub id in any URL the console used, nor in any log line", async () => {
    const { agent } = await signedIn("SOCIAL_WORKER");
    await openAbout(agent, "Marigold");
    for (const url of urls) expect(url).not.toMatch(PERSONAL);
    for (const line of hub.logLines) expect(line).not.toMatch(new RegExp(`${children.map((child) => child.sui).join("|")}|Fennimore|Sorcha|Inboxley`));
  });
});
