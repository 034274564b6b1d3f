import { ErrorCode } from "../../errors/HubError";
import { NotificationOutcome } from "../NotificationReceipt";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const DELIVERED = new Date("2026-11-16T10:00:00Z");
// This file's own prisoner and child.
const release = (parts: Parameters<typeof releaseOf>[1] = {}) => releaseOf("NF-REUSE-1", {
  prisoner: { ...releaseOf("x").prisoner, prisonNumber: "A4417QR", givenNames: "Tamsin", familyName: "Oakhurst", dateOfBirth: "1990-01-30", sex: "FEMALE" },
  childrenAtRisk: [{ ...releaseOf("x").childrenAtRisk![0], reference: "NF-REUSE-C1", sui: null, givenNames: "Linnet", familyName: "Oakhurst", dateOfBirth: "2018-07-02" }],
  ...parts,
});

/**
 * An agency's reference makes a resubmission the same notification: the same content answers its first
 * receipt and nothing is routed again. Different content under a reference already used is not a
 * resubmission — answering the old receipt would tell the agency its new facts were delivered when no
 * one heard them — so it is refused (CONFLICT, REFERENCE_REUSED) and nothing is stored or delivered.
 */
describe("a notification reference used again", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    expect((await submitPprcNotification(services, PRISON_SYSTEM, "req-reuse-first", release(), DELIVERED)).outcome).toBe(NotificationOutcome.CREATED);
  });
  afterAll(async () => db.close());

  test("with the same content answers the first receipt, nothing delivered again", async () => {
    const before = await db.dataSource.getRepository(NotificationDelivery).count();
    const again = await submitPprcNotification(services, PRISON_SYSTEM, "req-reuse-same", release(), new Date("2026-11-16T11:00:00Z"));
    expect(again.outcome).toBe(NotificationOutcome.UNCHANGED);
    expect(await db.dataSource.getRepository(NotificationDelivery).count()).toBe(before);
  });

  test.each([
    ["another release date", { release: { ...releaseOf("x").release!, date: "2026-11-27" } }],
    ["another event", { event: "RECEPTION" as const, release: null }],
    ["another child", { childrenAtRisk: [{ ...releaseOf("x").childrenAtRisk![0], reference: "NF-REUSE-C2", sui: null, givenNames: "Wren", familyName: "Oakhurst", dateOfBirth: "2020-03-14" }] }],
  ])("with %s is refused: CONFLICT, REFERENCE_REUSED, nothing stored or delivered", async (_what, parts) => {
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).count();
    const audit = (await db.auditByRequest("req-reuse-other")).length;
    await expect(submitPprcNotification(services, PRISON_SYSTEM, "req-reuse-other", release(parts), new Date("2026-11-16T12:00:00Z")))
      .rejects.toMatchObject({ code: ErrorCode.CONFLICT, details: { path: "notification.reference", problem: "REFERENCE_REUSED" } });
    expect(await db.dataSource.getRepository(NotificationDelivery).count()).toBe(deliveries);
    expect(await db.dataSource.getRepository(Notification).countBy({ sourceReference: "NF-REUSE-1" })).toBe(1);
    expect((await db.auditByRequest("req-reuse-other")).length).toBe(audit);
  });
});
