import { type DataSource } from "typeorm";
import { describeError, type Logger } from "../../logging/logger";
import { type PolicySet } from "../../policy/PolicySet";
import { escalateOverdue } from "./escalateOverdue";

/**
 * Escalates overdue deliveries while the hub runs (`ESCALATION_INTERVAL_SECONDS`): every interval,
 * `escalateOverdue` on the hub's own clock. Every hub process runs it; each delivery is escalated once
 * however many race for it (`escalateOverdue` claims it in the transaction that escalates it). A
 * failed turn is logged and tried again at the next; one turn runs at a time. `0` turns it off (another
 * process, or an operator's job, escalates). Returns the function that stops it, waiting for a turn
 * being run.
 */
export function scheduleEscalation(dataSource: DataSource, policy: PolicySet, everySeconds: number, logger: Logger, clock: () => Date = () => new Date()): () => Promise<void> {
  if (everySeconds === 0) return () => Promise.resolve();
  let running: Promise<void> | null = null;
  let stopped = false;
  const turn = () => {
    if (running !== null || stopped) return;
    running = escalateOverdue({ dataSource, policy }, clock())
      .then((count) => {
        if (count > 0) logger.info("overdue notifications escalated", { event: "notification.escalated", count });
      })
      .catch((error: unknown) => {
        logger.warn("overdue notifications could not be escalated", { event: "notification.escalation_failed", ...describeError(error) });
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(turn, everySeconds * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
