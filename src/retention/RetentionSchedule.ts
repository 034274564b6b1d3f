/** When the retention job runs (`RETENTION_SCHEDULE`, `RETENTION_POLL_SECONDS`). */
export interface RetentionSchedule {
  /** A cron expression (five fields) in Europe/London, e.g. "30 2 * * *"; null: this process schedules nothing (it still runs jobs sent to it). */
  cron: string | null;
  /** How often this process looks for a retention job. */
  pollSeconds: number;
}
