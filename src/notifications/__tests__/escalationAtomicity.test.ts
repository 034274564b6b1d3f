import { escalateOverdue } from "../escalation/escalateOverdue";
import { NotificationDelivery } from "../NotificationDelivery";
import { DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const DELIVERED = new Date("2026-11-16T10:00:00Z");
const OVERDUE = new Date("2026-11-18T00:00:01.000Z");

/**
 * Two hub processes escalating at once escalate each overdue delivery once — and the trail says so:
 * the one that loses the claim writes no entry for an escalation it never made.
 */
describe("escalations and their audit entries commit together", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    await submitPprcNotification(services, PRISON_SYSTEM, "req-esc-atomic", releaseOf("NF-ESC-ATOM-1", {
      prisoner: { ...releaseOf("x").prisoner, prisonNumber: "A8830EA", givenNames: "Ambrose", familyName: "Quillfeather", dateOfBirth: "1983-03-13" },
      childrenAtRisk: [{ ...releaseOf("x").childrenAtRisk![0], reference: "NF-ESC-ATOM-C1", sui: null, givenNames: "Clemency", familyName: "Quillfeather", dateOfBirth: "2015-01-15" }],
    }), DELIVERED);
  });
  afterAll(async () => db.close());

  test("run twice at once, each overdue delivery is escalated once and audited once", async () => {
    const [first, second] = await Promise.all([escalateOverdue(services, OVERDUE, "req-esc-a"), escalateOverdue(services, OVERDUE, "req-esc-b")]);
    const escalations = await db.dataSource.getRepository(NotificationDelivery).findBy({ audience: "IG_LEADS" });
    expect(first + second).toBe(escalations.length);
    const entries = await db.dataSource.getRepository(DisclosureAuditEntry).find({ where: [{ requestId: "req-esc-a" }, { requestId: "req-esc-b" }] });
    expect(entries.map((entry) => entry.id).sort()).toEqual(escalations.map((delivery) => delivery.disclosureId).sort());
  });
});
