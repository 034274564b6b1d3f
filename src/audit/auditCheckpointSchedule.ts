import { type DataSource } from "typeorm";
import { describeError, type Logger } from "../logging/logger";
import { type HubSigningKeys } from "../signing/hubSigningKeys";
import { auditBatcherFor } from "./auditBatcher";
import { takeAuditCheckpoint } from "./takeAuditCheckpoint";

export interface CheckpointSchedule {
  /** Every this many entries written (counted in this process; 0: by time only). */
  everyEntries: number;
  /** And at least this often while the trail grows (seconds; 0: by count only). */
  everySeconds: number;
}

/**
 * Takes signed checkpoints while the hub runs (`AUDIT_CHECKPOINT_ENTRIES`, `AUDIT_CHECKPOINT_SECONDS`):
 * when this process has written `everyEntries` entries since its last attempt, and every
 * `everySeconds` whatever it wrote. Each hub process counts only its own entries, so with several
 * processes the trail grows by more than `everyEntries` between count-driven checkpoints; the timer
 * bounds the gap. Several processes may try at once: `takeAuditCheckpoint` lets one write each.
 * A failed checkpoint is logged and tried again at the next turn; it never fails a disclosure.
 * Returns the function that stops it (waiting for a checkpoint being taken).
 */
export function scheduleAuditCheckpoints(dataSource: DataSource, keys: HubSigningKeys, schedule: CheckpointSchedule, logger: Logger): () => Promise<void> {
  let written = 0;
  let running: Promise<void> | null = null;
  let stopped = false;

  const attempt = (minEntries: number) => {
    if (running !== null || stopped) return;
    running = takeAuditCheckpoint(dataSource, keys, { minEntries })
      .then((taken) => {
        if (taken !== null) {
          logger.info("audit checkpoint signed", { event: "audit.checkpoint", checkpoint: taken.checkpoint.number, count: taken.checkpoint.entries });
        }
      })
      .catch((error: unknown) => {
        logger.warn("an audit checkpoint could not be taken", { event: "audit.checkpoint_failed", ...describeError(error) });
      })
      .finally(() => {
        running = null;
      });
  };

  const unsubscribe =
    schedule.everyEntries > 0
      ? auditBatcherFor(dataSource).onCommitted((count) => {
          written += count;
          if (written >= schedule.everyEntries) {
            written = 0;
            attempt(schedule.everyEntries);
          }
        })
      : () => undefined;
  const timer = schedule.everySeconds > 0 ? setInterval(() => attempt(1), schedule.everySeconds * 1000) : null;
  timer?.unref();

  return async () => {
    stopped = true;
    unsubscribe();
    if (timer !== null) clearInterval(timer);
    await running;
  };
}
