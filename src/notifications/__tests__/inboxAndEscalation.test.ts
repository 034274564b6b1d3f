import { ErrorCode } from "../../errors/HubError";
import { escalateOverdue } from "../escalation/escalateOverdue";
import { acknowledgeNotification } from "../inbox/acknowledgeNotification";
import { listNotifications } from "../inbox/listNotifications";
import { NotificationDelivery } from "../NotificationDelivery";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, person, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

// Monday 16 November 2026: acknowledgement is due by the end of Tuesday 17th (one working day).
const DELIVERED = new Date("2026-11-16T10:00:00Z");
const VALE_SOCIAL_WORKER = person("sw-vale-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const VALE_IG_LEAD = person("ig-vale-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]);
const FENSHIRE_SOCIAL_WORKER = person("sw-fen-1", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
const VALE_POLICE = person("pc-vale-1", "POLICE-91", "POLICE", ["POLICE_OFFICER"]);

describe("who may notify a PPRC event", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  test.each([
    ["a social worker", VALE_SOCIAL_WORKER],
    ["a police officer", VALE_POLICE],
    ["another prison's OMU", person("omu-saltmarsh-1", "HMP-SALTMARSH", "PRISON", ["PRISON_OMU"])],
    ["a prison's IG lead", person("ig-northfen-1", "HMP-NORTHFEN", "PRISON", ["IG_LEAD"])],
    ["a probation system", person("system-pdu", "PDU-E06000060", "PROBATION", ["AGENCY_SYSTEM"])],
  ])("%s may not: FORBIDDEN, nothing stored", async (_who, principal) => {
    const before = await db.dataSource.getRepository(NotificationDelivery).count();
    await expect(submitPprcNotification(services, principal, "req-forbidden", releaseOf("NF-FORBIDDEN"), DELIVERED)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(await db.dataSource.getRepository(NotificationDelivery).count()).toBe(before);
  });

  test("a token claiming a prison's type for an agency the directory holds as another is FORBIDDEN, children or none", async () => {
    const claimed = person("omu-claimed", "LA-E06000060", "PRISON", ["PRISON_OMU"]);
    for (const childrenAtRisk of [[], releaseOf("x").childrenAtRisk]) {
      await expect(submitPprcNotification(services, claimed, "req-claimed", { ...releaseOf("LA-CLAIMED-1"), agencyCode: "LA-E06000060", childrenAtRisk }, DELIVERED))
        .rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.agencyCode" } });
    }
  });

  test("the prison's own system may", async () => {
    const receipt = await submitPprcNotification(services, person("system-northfen", "HMP-NORTHFEN", "PRISON", ["AGENCY_SYSTEM"]), "req-system", releaseOf("NF-SYSTEM-1"), DELIVERED);
    expect(receipt.recipients).toHaveLength(4);
  });

  test.each([
    ["a release without its address", { release: null }, "notification.release", "RELEASE_DETAILS_REQUIRED"],
    ["a release address without its area", { release: { date: "2026-11-20", address: { kind: "HOME" as const, line1: "4 Larchmere Close" } } }, "notification.release.address.localAuthority", "RELEASE_AREA_REQUIRED"],
    ["a request to change name without the name", { event: "NAME_CHANGE_REQUEST" as const, release: null }, "notification.requestedName", "REQUESTED_NAME_REQUIRED"],
    ["a requested name left blank", { event: "NAME_CHANGE_REQUEST" as const, release: null, requestedName: { givenNames: "Corwin", familyName: "  " } }, "notification.requestedName.familyName", "REQUESTED_NAME_REQUIRED"],
    ["a requested name on a release", { requestedName: { givenNames: "A", familyName: "B" } }, "notification.requestedName", "NOT_FOR_THIS_EVENT"],
    ["NO_LONGER_PPRC told as a release", { pprcStatus: "NO_LONGER_PPRC" as const }, "notification.pprcStatus", "STATUS_NOT_FOR_THIS_EVENT"],
    ["a MAPPA level 4", { mappa: { category: 1, level: 4 } }, "notification.mappa", "INVALID_MAPPA"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitPprcNotification(services, PRISON_SYSTEM, "req-invalid", releaseOf("NF-INVALID", parts), DELIVERED)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  test("an invalid SUI for a child is INVALID_SUI at its path", async () => {
    const [child] = releaseOf("x").childrenAtRisk ?? [];
    await expect(submitPprcNotification(services, PRISON_SYSTEM, "req-invalid-sui", releaseOf("NF-INVALID-SUI", { childrenAtRisk: [{ ...child, sui: "9990071005" }] }), DELIVERED))
      .rejects.toMatchObject({ code: ErrorCode.INVALID_SUI, details: { path: "notification.childrenAtRisk[0].sui" } });
  });

  test("with no child identified, a prisoner the hub does not hold is refused: CHILD_AT_RISK_REQUIRED", async () => {
    const unknown = releaseOf("NF-NO-CHILD", { childrenAtRisk: [], prisoner: { ...releaseOf("x").prisoner, prisonNumber: "B1111ZZ" } });
    await expect(submitPprcNotification(services, PRISON_SYSTEM, "req-no-child", unknown, DELIVERED)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { problem: "CHILD_AT_RISK_REQUIRED" } });
  });
});

describe("the inbox, acknowledgement and escalation", () => {
  // Every test reads whole inboxes and escalates whatever is overdue, so each has a database of its own:
  // what it reads is the first day's release and only what the test itself added, read or acknowledged.
  const opened: NotificationDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });

  /** The first day's release, delivered to its four agencies (the Vale's CSC among them), none of them read or acknowledged. */
  async function releaseDelivered(): Promise<{ db: NotificationDatabase; services: NotificationServices; valeDeliveryId: string }> {
    const db = await openNotificationDatabase();
    opened.push(db);
    const services = { dataSource: db.dataSource, policy: POLICY };
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-inbox", releaseOf("NF-INBOX-1"), DELIVERED);
    const valeDeliveryId = (await db.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ notificationId: receipt.notificationId, recipientAgency: "LA-E06000060" })).id;
    return { db, services, valeDeliveryId };
  }

  test("an agency's staff read its own inbox, and reading it is audited with the children it names", async () => {
    const { db, services, valeDeliveryId } = await releaseDelivered();
    const page = await listNotifications(services, VALE_SOCIAL_WORKER, "req-read-vale", null, 10, null, DELIVERED);
    expect(page.deliveries.map((delivery) => delivery.id)).toEqual([valeDeliveryId]);
    const [entry] = await db.auditByRequest("req-read-vale");
    expect(entry).toMatchObject({ operation: "NOTIFICATION_INBOX_READ", principalSub: "sw-vale-1", principalAgency: "LA-E06000060", childSuis: ["9990071004"] });
    expect(entry?.details).toMatchObject({ count: 1, deliveryIds: [valeDeliveryId] });
  });

  test("another agency's staff never see it: their inbox holds only their own agency's deliveries", async () => {
    const { services } = await releaseDelivered();
    const fenshire = await listNotifications(services, FENSHIRE_SOCIAL_WORKER, "req-read-fen", null, 10, null, DELIVERED);
    expect(fenshire.deliveries.map((delivery) => delivery.recipientAgency)).toEqual(["LA-E10000019"]);
    const school = await listNotifications(services, person("dsl-vale-1", "SCH-700001", "EDUCATION", ["SCHOOL_DSL"]), "req-read-school", null, 10, null, DELIVERED);
    expect(school.deliveries).toEqual([]);
  });

  test("the agency's data steward and directory administrator do not read it: the content was decided for those who safeguard the child", async () => {
    const { services, valeDeliveryId } = await releaseDelivered();
    for (const [sub, role] of [["steward-vale-1", "DATA_STEWARD"], ["admin-vale-1", "DIRECTORY_ADMIN"]] as const) {
      const caller = person(sub, "LA-E06000060", "CHILDRENS_SOCIAL_CARE", [role]);
      expect((await listNotifications(services, caller, `req-read-${sub}`, null, 10, null, DELIVERED)).deliveries).toEqual([]);
      await expect(acknowledgeNotification(services, caller, `req-ack-${sub}`, valeDeliveryId, null, DELIVERED)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    }
  });

  test("another agency cannot acknowledge it: NOT_FOUND, as for a delivery that does not exist", async () => {
    const { services, valeDeliveryId } = await releaseDelivered();
    await expect(acknowledgeNotification(services, FENSHIRE_SOCIAL_WORKER, "req-ack-fen", valeDeliveryId, null, DELIVERED)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(acknowledgeNotification(services, VALE_SOCIAL_WORKER, "req-ack-none", "00000000-0000-4000-8000-000000000000", null, DELIVERED)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });

  test("pages follow the cursor, newest first", async () => {
    const { services } = await releaseDelivered();
    for (const [index, day] of ["2026-11-17T09:00:00Z", "2026-11-18T09:00:00Z"].entries()) {
      await submitPprcNotification(services, PRISON_SYSTEM, `req-page-${index}`, releaseOf(`NF-PAGE-${index}`, { event: "RECEPTION", release: null }), new Date(day));
    }
    const first = await listNotifications(services, VALE_SOCIAL_WORKER, "req-page-a", null, 2, null, DELIVERED);
    const second = await listNotifications(services, VALE_SOCIAL_WORKER, "req-page-b", null, 2, first.end, DELIVERED);
    expect(first.hasNextPage).toBe(true);
    expect(second.hasNextPage).toBe(false);
    expect([...first.deliveries, ...second.deliveries].map((delivery) => delivery.deliveredAt.toISOString())).toEqual(["2026-11-18T09:00:00.000Z", "2026-11-17T09:00:00.000Z", "2026-11-16T10:00:00.000Z"]);
  });

  test("nothing is escalated before its deadline; past it, once, to the agency's escalation contact and its IG leads only", async () => {
    const { db, services, valeDeliveryId } = await releaseDelivered();
    expect(await escalateOverdue(services, new Date("2026-11-17T23:59:59.000Z"), "req-escalate-early")).toBe(0);

    const police = await listNotifications(services, VALE_POLICE, "req-read-police", "UNACKNOWLEDGED", 10, null, DELIVERED);
    await acknowledgeNotification(services, VALE_POLICE, "req-ack-police", police.deliveries[0]?.id ?? "", null, DELIVERED);

    const escalated = await escalateOverdue(services, new Date("2026-11-18T00:00:01.000Z"), "req-escalate");
    // The first day's four deliveries, less the one the police acknowledged; not the next days' (still in time).
    expect(escalated).toBe(3);
    expect(await escalateOverdue(services, new Date("2026-11-18T00:00:02.000Z"), "req-escalate-again")).toBe(0);

    const staffView = await listNotifications(services, VALE_SOCIAL_WORKER, "req-read-after", null, 10, null, DELIVERED);
    expect(staffView.deliveries.every((delivery) => delivery.audience === "STAFF")).toBe(true);
    const igView = await listNotifications(services, VALE_IG_LEAD, "req-read-ig", "UNACKNOWLEDGED", 10, null, DELIVERED);
    const escalation = igView.deliveries.find((delivery) => delivery.audience === "IG_LEADS");
    expect(escalation).toMatchObject({ contact: "front.door@vale.example", childSuis: [], redactions: [], acknowledgeBy: null });
    expect(escalation?.content).toEqual({ escalation: expect.objectContaining({ deliveryId: valeDeliveryId, event: "RELEASE", acknowledgeBy: "2026-11-17T23:59:59.999Z", routingRules: ["pprc-csc-prisoner-home-area"] }) });
    const original = await db.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ id: valeDeliveryId });
    expect(original.escalatedAt).toEqual(new Date("2026-11-18T00:00:01.000Z"));
    const entry = await db.auditEntry(escalation?.disclosureId ?? "");
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E06000060", principalRoles: ["IG_LEAD"], childSuis: [] });
  });

  test("acknowledging is audited and stands; a second acknowledgement changes nothing but is audited as the read it is", async () => {
    const { db, services, valeDeliveryId } = await releaseDelivered();
    const acknowledged = await acknowledgeNotification(services, VALE_SOCIAL_WORKER, "req-ack-vale", valeDeliveryId, null, new Date("2026-11-18T09:00:00Z"));
    expect(acknowledged).toMatchObject({ acknowledgedBy: "sw-vale-1", acknowledgedAt: new Date("2026-11-18T09:00:00Z") });
    const again = await acknowledgeNotification(services, VALE_SOCIAL_WORKER, "req-ack-vale-2", valeDeliveryId, null, new Date("2026-11-18T10:00:00Z"));
    expect(again.acknowledgedAt).toEqual(new Date("2026-11-18T09:00:00Z"));
    expect(await db.auditByRequest("req-ack-vale")).toEqual([expect.objectContaining({ operation: "NOTIFICATION_ACKNOWLEDGED", outcome: "RECORDED", principalSub: "sw-vale-1" })]);
    // The answer is the delivery, content and all: returning it is a read of the inbox, audited like any other.
    expect(await db.auditByRequest("req-ack-vale-2")).toEqual([expect.objectContaining({
      operation: "NOTIFICATION_INBOX_READ", principalSub: "sw-vale-1", childSuis: ["9990071004"], details: expect.objectContaining({ deliveryIds: [valeDeliveryId], alreadyAcknowledged: true }),
    })]);
  });

  test("a consultation is acknowledged only with the reply it asks for", async () => {
    const { db, services } = await releaseDelivered();
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-consult", releaseOf("NF-NAME-1", { event: "NAME_CHANGE_REQUEST", release: null, requestedName: { givenNames: "Corwin", familyName: "Hollis" } }), DELIVERED);
    const delivery = await db.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ notificationId: receipt.notificationId, recipientAgency: "LA-E06000060" });
    await expect(acknowledgeNotification(services, VALE_SOCIAL_WORKER, "req-consult-ack", delivery.id, "  ", DELIVERED)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path: "response", problem: "RESPONSE_REQUIRED" } });
    const replied = await acknowledgeNotification(services, VALE_SOCIAL_WORKER, "req-consult-ack", delivery.id, "Objection: the new name would hide him from the family's safety plan.", DELIVERED);
    expect(replied.response).toBe("Objection: the new name would hide him from the family's safety plan.");
  });
});
