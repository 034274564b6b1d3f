/**
 * Whether an error means the database could not be reached or did not answer in time — a state a
 * caller can wait out — as opposed to the database refusing what was asked of it (a constraint, a
 * missing table, a bug). The first is answered SERVICE_UNAVAILABLE with Retry-After; the second stays
 * an internal error for an operator to fix.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const candidate of causes(error)) {
    const { code, message, syscall } = candidate as { code?: unknown; message?: unknown; syscall?: unknown };
    if (typeof code === "string") {
      if (isUnavailableSqlState(code)) return true;
      if (UNREACHABLE_ERRNO.has(code)) return true;
      // A missing or forbidden socket file is an unreachable server only when connecting to it.
      if (syscall === "connect" && (code === "ENOENT" || code === "EACCES")) return true;
    }
    if (typeof message === "string" && UNAVAILABLE_DRIVER_MESSAGES.some((known) => message.startsWith(known))) return true;
  }
  return false;
}

/**
 * SQLSTATE classes and codes (PostgreSQL Appendix A) that say the server is away, full or too slow:
 * 08 connection exception, 53 insufficient resources (53300 too many connections), 57P01–57P05 the
 * server or database shutting down, 57014 a statement cancelled by statement_timeout, 55P03 a lock
 * not granted within lock_timeout, 25P03 a session ended by idle_in_transaction_session_timeout.
 */
function isUnavailableSqlState(code: string): boolean {
  if (!/^[0-9A-Z]{5}$/.test(code)) return false;
  return code.startsWith("08") || code.startsWith("53") || code.startsWith("57P") || code === "57014" || code === "55P03" || code === "25P03";
}

/** Network failures Node reports while reaching the server. */
const UNREACHABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * node-postgres reports these without a code: the pool's acquire timeout, a connection cut or timed out,
 * the client-side query timeout, a pool already closed by shutdown. (pglite-socket refuses a connection
 * over its limit with the bare text "Too many connections", which the driver sees as a cut connection.)
 */
const UNAVAILABLE_DRIVER_MESSAGES = [
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "timeout expired",
  "Query read timeout",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "Cannot use a pool after calling end on the pool",
];

/**
 * The error and what it wraps: the driver error under TypeORM's QueryFailedError, each `cause`, and the
 * value under graphql-js's NonErrorThrown (what a resolver threw that was not an `Error` of its realm).
 */
function* causes(error: unknown): Generator<object> {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    yield current;
    const { driverError, cause, thrownValue } = current as { driverError?: unknown; cause?: unknown; thrownValue?: unknown };
    pending.push(driverError, cause, thrownValue);
  }
}
