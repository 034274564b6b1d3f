import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const DELIVERED = new Date("2026-11-16T10:00:00Z");
const release = (reference: string) => releaseOf(reference, {
  prisoner: { ...releaseOf("x").prisoner, prisonNumber: "A7720AT", givenNames: "Lorcan", familyName: "Vellacott", dateOfBirth: "1988-08-18" },
  childrenAtRisk: [{ ...releaseOf("x").childrenAtRisk![0], reference: "NF-ATOM-C1", sui: null, givenNames: "Saffron", familyName: "Vellacott", dateOfBirth: "2016-06-16" }],
});

/**
 * A delivery's disclosure audit entry and the delivery are one: both commit, or neither does. A
 * delivery that cannot be written (here, the database refuses the police force's row) leaves no entry
 * saying the force, or anyone, was told — the trail records what was disclosed, not what was tried —
 * and nothing was delivered to anyone. Resubmitting the reference then delivers, audited once.
 */
describe("a notification's deliveries and their audit entries commit together", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    await db.dataSource.query(`CREATE FUNCTION refuse_police_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.recipient_agency = 'POLICE-91' THEN RAISE EXCEPTION 'delivery refused'; END IF; RETURN NEW; END $$`);
    await db.dataSource.query(`CREATE TRIGGER refuse_police_delivery BEFORE INSERT ON notification_delivery FOR EACH ROW EXECUTE FUNCTION refuse_police_delivery()`);
  });
  afterAll(async () => db.close());

  test("a delivery that fails leaves no audit entry of any delivery, and nothing delivered", async () => {
    await expect(submitPprcNotification(services, PRISON_SYSTEM, "req-atomic-fail", release("NF-ATOM-1"), DELIVERED)).rejects.toThrow();
    const entries = await db.auditByRequest("req-atomic-fail");
    expect(entries.filter((entry) => entry.operation === "NOTIFICATION_DELIVERY")).toEqual([]);
    expect(await db.dataSource.getRepository(Notification).countBy({ sourceReference: "NF-ATOM-1" })).toBe(0);
    expect(await db.dataSource.getRepository(NotificationDelivery).count()).toBe(0);
  });

  test("resubmitted once the database accepts it, each delivery is audited once", async () => {
    await db.dataSource.query(`DROP TRIGGER refuse_police_delivery ON notification_delivery`);
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-atomic-retry", release("NF-ATOM-1"), DELIVERED);
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    const entries = (await db.auditByRequest("req-atomic-retry")).filter((entry) => entry.operation === "NOTIFICATION_DELIVERY");
    expect(deliveries.length).toBeGreaterThan(1);
    expect(entries.map((entry) => entry.id).sort()).toEqual(deliveries.map((delivery) => delivery.disclosureId).sort());
  });
});
