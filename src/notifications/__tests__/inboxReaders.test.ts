import { ErrorCode } from "../../errors/HubError";
import { acknowledgeNotification } from "../inbox/acknowledgeNotification";
import { listNotifications } from "../inbox/listNotifications";
import { NotificationDelivery } from "../NotificationDelivery";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, person, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const DELIVERED = new Date("2026-11-16T10:00:00Z");
// Fenshire is the identified child's home authority: its delivery was decided as a SOCIAL_WORKER's view.
const fenshire = (sub: string, role: Parameters<typeof person>[3][number]) => person(sub, "LA-E10000019", "CHILDRENS_SOCIAL_CARE", [role], "E10000019");

/**
 * A delivery's view was decided by the engine for one role at the recipient agency (the routing rule's
 * `decidedAs`): only staff in that role read it — and the agency's own system, which receives the same
 * view by webhook. Another role of the same agency (a MASH practitioner, a manager, an IG lead) was
 * never decided for: the policy grants it nothing of the notification, so its inbox does not hold it.
 */
describe("a delivery is read only in the role its view was decided for", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  let deliveryId: string;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-readers", releaseOf("NF-READERS-1", {
      childrenAtRisk: [{ ...releaseOf("x").childrenAtRisk![0], reference: "NF-READERS-C1", sui: null, givenNames: "Elowen", familyName: "Marchbank", dateOfBirth: "2016-02-11" }],
    }), DELIVERED);
    deliveryId = (await db.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ notificationId: receipt.notificationId, recipientAgency: "LA-E10000019" })).id;
  });
  afterAll(async () => db.close());

  test("the social worker it was decided for reads it, and so does the agency's system", async () => {
    for (const reader of [fenshire("sw-fen-r", "SOCIAL_WORKER"), fenshire("system-fen-r", "AGENCY_SYSTEM")]) {
      const page = await listNotifications(services, reader, `req-read-${reader.sub}`, null, 10, null, DELIVERED);
      expect(page.deliveries.map((delivery) => delivery.id)).toEqual([deliveryId]);
    }
  });

  test.each(["MASH_PRACTITIONER", "CSC_MANAGER", "IG_LEAD"] as const)("a %s of the same agency neither lists nor acknowledges it: NOT_FOUND, as for a delivery that does not exist", async (role) => {
    const reader = fenshire(`reader-${role}`, role);
    const page = await listNotifications(services, reader, `req-list-${role}`, null, 10, null, DELIVERED);
    expect(page.deliveries).toEqual([]);
    expect((await db.auditByRequest(`req-list-${role}`))[0]?.childSuis).toEqual([]);
    await expect(acknowledgeNotification(services, reader, `req-ack-${role}`, deliveryId, null, DELIVERED)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    const stored = await db.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ id: deliveryId });
    expect(stored.acknowledgedAt).toBeNull();
  });

  test("a caller holding the decided role among others reads it", async () => {
    const reader = person("sw-mash-fen", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER", "SOCIAL_WORKER"], "E10000019");
    const page = await listNotifications(services, reader, "req-read-both", null, 10, null, DELIVERED);
    expect(page.deliveries.map((delivery) => delivery.id)).toEqual([deliveryId]);
  });
});
