import { PgBoss } from "pg-boss";
import { type DataSource } from "typeorm";
import { jobQueueDatabase } from "../db/jobQueueDatabase";
import { describeError, type Logger } from "../logging/logger";
import { type PolicySet } from "../policy/PolicySet";
import { countRetentionRun } from "./retentionMetrics";
import { type RetentionSchedule } from "./RetentionSchedule";
import { removeExpiredFacts, type RetentionRun } from "./removeExpiredFacts";

/** The pg-boss queue retention runs are jobs on; a job carries nothing. */
export const RETENTION_QUEUE = "retention";

/**
 * The retention job on the hub's job queue (pg-boss, as webhooks use it, in the same `pgboss` schema and
 * on the hub's pool): a cron schedule sends a job, one hub process takes it (the queue is `singleton`:
 * one run at a time across every process), and the run's counts are logged (`retention.applied`, no
 * personal data), counted (`hub_retention_*`) and — for what it removed — audited per agency
 * (`RETENTION_APPLIED`). A failed run is retried by pg-boss and logged by class and SQLSTATE.
 */
export class RetentionQueue {
  private readonly listeners = new Set<(run: RetentionRun | null) => void>();

  private constructor(private readonly boss: PgBoss) {}

  static async start(dataSource: DataSource, policy: PolicySet, schedule: RetentionSchedule, logger: Logger, clock: () => Date = () => new Date()): Promise<RetentionQueue> {
    const boss = new PgBoss({ db: jobQueueDatabase(dataSource), schema: "pgboss", schedule: schedule.cron !== null, supervise: true, registerInstance: false, openTelemetry: { enabled: false } });
    boss.on("error", (error: Error) => logger.error("retention queue error", { event: "retention.queue.error", ...describeError(error) }));
    await boss.start();
    const options = { policy: "singleton", retryLimit: 3, retryDelay: 300, expireInSeconds: 4 * 3600 } as const;
    if ((await boss.getQueue(RETENTION_QUEUE)) === null) await boss.createQueue(RETENTION_QUEUE, options);
    if (schedule.cron !== null) await boss.schedule(RETENTION_QUEUE, schedule.cron, null, { tz: "Europe/London" });
    const queue = new RetentionQueue(boss);
    await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: schedule.pollSeconds, batchSize: 1 }, async () => {
      let run: RetentionRun | null = null;
      try {
        run = await removeExpiredFacts({ dataSource, policy }, clock());
        const { runId, status, holds, recordsExamined, recordsRemoved, recordsHeld, recordsKeptForConsent, recordsKeptForRights, namesRemoved, addressesRemoved, relationshipsRemoved, childrenRemoved, childrenKept } = run;
        logger.info("retention applied", {
          event: "retention.applied", runId, status, holds, recordsExamined, recordsRemoved, recordsHeld, recordsKeptForConsent, recordsKeptForRights, namesRemoved, addressesRemoved, relationshipsRemoved, childrenRemoved, childrenKept,
        });
      } catch (error) {
        logger.warn("retention run failed", { event: "retention.failed", ...describeError(error) });
        throw error;
      } finally {
        countRetentionRun(run);
        for (const listener of queue.listeners) listener(run);
      }
    });
    return queue;
  }

  /** Sends a run now (an operator's, or a test's), besides the schedule. */
  async runNow(): Promise<void> {
    await this.boss.send(RETENTION_QUEUE, {});
  }

  /** The next run this process finishes (null: it failed). */
  nextRun(): Promise<RetentionRun | null> {
    return new Promise((resolve) => {
      const listener = (run: RetentionRun | null) => {
        this.listeners.delete(listener);
        resolve(run);
      };
      this.listeners.add(listener);
    });
  }

  /** The cron schedules pg-boss holds for retention. */
  async schedules(): Promise<{ cron: string; timezone: string | null }[]> {
    return (await this.boss.getSchedules(RETENTION_QUEUE)).map((entry) => ({ cron: entry.cron, timezone: entry.timezone ?? null }));
  }

  /** Stops taking jobs; a run in hand finishes (bounded), the pool is left to the hub. */
  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, close: false, timeout: Math.max(1000, timeoutMs) });
  }
}
