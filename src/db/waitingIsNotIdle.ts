import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

/** The parts of pglite-socket's connection handler (0.2.x) this file wraps; private in its typings. */
interface HandlerInternals {
  handleData: (this: HandlerInternals, data: Buffer) => Promise<number>;
  handleError: (this: HandlerInternals, error: Error) => void;
  resetIdleTimer: (this: HandlerInternals) => void;
}

/** Messages each connection has sent that PGlite has not finished answering. */
const unanswered = new WeakMap<object, number>();
let installed = false;

/**
 * pglite-socket's idle timeout (the embedded stand-in for idle_in_transaction_session_timeout) counts
 * from the last bytes a client sent, so a connection waiting its turn in PGlite's one-at-a-time queue —
 * behind another connection's transaction — is closed as "idle" while it waits for an answer. PostgreSQL
 * counts idleness only while a session has nothing in progress: so does the hub's embedded server once
 * this is installed. A connection is idle from when its last message was answered; while any message is
 * queued or running, the idle timer is re-armed instead of closing it. The statement timeout, which the
 * driver enforces in embedded mode, still bounds the wait.
 */
export function countWaitingAsBusy(): void {
  if (installed) return;
  installed = true;
  const handler = PGLiteSocketHandler.prototype as unknown as HandlerInternals;
  const handleData = handler.handleData;
  const handleError = handler.handleError;
  handler.handleData = async function (this: HandlerInternals, data: Buffer): Promise<number> {
    unanswered.set(this, (unanswered.get(this) ?? 0) + 1);
    try {
      return await handleData.call(this, data);
    } finally {
      unanswered.set(this, (unanswered.get(this) ?? 1) - 1);
      this.resetIdleTimer();
    }
  };
  handler.handleError = function (this: HandlerInternals, error: Error): void {
    if (error.message === "Idle timeout" && (unanswered.get(this) ?? 0) > 0) {
      this.resetIdleTimer();
      return;
    }
    handleError.call(this, error);
  };
}
