import { captureLog } from "../../../test/support/capturedLog";
import { DeliveryAudience } from "../DeliveryAudience";
import { NotificationDelivery } from "../NotificationDelivery";
import { scheduleEscalation } from "../escalation/escalationSchedule";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

// Monday 16 November 2026: a release told that morning is due for acknowledgement by the end of the next working day.
const DELIVERED = new Date("2026-11-16T10:00:00Z");
const PAST_DEADLINE = new Date("2026-11-18T00:00:01Z");

/**
 * Overdue deliveries are escalated by the hub itself while it runs, not only when something calls
 * `escalateOverdue`: every ESCALATION_INTERVAL_SECONDS, on the hub's clock; 0 turns it off.
 */
describe("the escalation schedule", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  const escalations = () => db.dataSource.getRepository(NotificationDelivery).countBy({ audience: DeliveryAudience.IG_LEADS });

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    await submitPprcNotification(services, PRISON_SYSTEM, "req-schedule-release", releaseOf("NF-SCHEDULE-1"), DELIVERED);
  });
  afterAll(async () => db.close());

  it("escalates nothing when off, nothing before its interval, and every overdue delivery once its interval passes", async () => {
    const log = captureLog();
    await scheduleEscalation(db.dataSource, POLICY, 0, log.logger, () => PAST_DEADLINE)();
    expect(await escalations()).toBe(0);

    // Only the schedule's interval is simulated; the database's own timers run as they do.
    jest.useFakeTimers({ doNotFake: ["Date", "hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout"] });
    try {
      const early = scheduleEscalation(db.dataSource, POLICY, 60, log.logger, () => PAST_DEADLINE);
      jest.advanceTimersByTime(59_000);
      await early();
      expect(await escalations()).toBe(0);

      const due = scheduleEscalation(db.dataSource, POLICY, 60, log.logger, () => PAST_DEADLINE);
      jest.advanceTimersByTime(60_000);
      await due();
      const escalated = await escalations();
      expect(escalated).toBeGreaterThan(0);
      expect(log.entries().some((line) => line.event === "notification.escalated" && line.count === escalated)).toBe(true);

      // A later turn finds nothing left to escalate: each delivery is escalated once.
      const again = scheduleEscalation(db.dataSource, POLICY, 60, log.logger, () => PAST_DEADLINE);
      jest.advanceTimersByTime(60_000);
      await again();
      expect(await escalations()).toBe(escalated);
    } finally {
      jest.useRealTimers();
    }
  });
});
