import { isSpanContextValid, trace } from "@opentelemetry/api";
import winston from "winston";
import { requestContext } from "./requestContext";

/**
 * The only keys a log line may carry besides `level`, `message` and `timestamp`. Anything else a
 * caller passes is replaced with "[withheld]": a log is copied to places no information-sharing
 * agreement covers, so personal data (names, dates of birth, addresses, record content) must never
 * reach it, even by mistake in a future change.
 */
export const LOGGABLE_KEYS = new Set([
  "requestId", "event", "operationName", "operationType", "sub", "agency", "agencyType", "roles",
  "ruleId", "code", "codes", "status", "method", "path", "durationMs", "outcome", "recordType",
  "recordId", "port", "host", "database", "mode", "migrations", "count", "counts", "errorName", "sqlState",
  "constraint", "signal", "version", "policyVersion", "weightsVersion", "ms", "stack", "traceId", "spanId",
  "webhookId", "attempts", "failure",
  "constraint", "signal", "version", "policyVersion", "weightsVersion", "ms", "stack", "traceId", "spanId", "checkpoint",
]);

const WITHHELD = "[withheld]";

/** Drops every meta key not in LOGGABLE_KEYS. Exported for its test. */
export const allowListedFields = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === "level" || key === "message" || key === "timestamp") continue;
    if (!LOGGABLE_KEYS.has(key)) info[key] = WITHHELD;
  }
  return info;
});

/**
 * Every line written while serving a request carries its request id (`http/requestId.ts` keeps it in
 * `requestContext`) and, when tracing is on, the trace and span it belongs to — so a line, an audit
 * entry and a trace can be found from one another.
 */
export const correlation = winston.format((info) => {
  const requestId = requestContext.getStore()?.requestId;
  if (requestId !== undefined && info.requestId === undefined) info.requestId = requestId;
  const span = trace.getActiveSpan()?.spanContext();
  if (span !== undefined && isSpanContextValid(span)) {
    info.traceId = span.traceId;
    info.spanId = span.spanId;
  }
  return info;
});

export type Logger = winston.Logger;

export function createLogger(level: string, transports?: winston.transport[]): Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(allowListedFields(), correlation(), winston.format.timestamp(), winston.format.json()),
    transports: transports ?? [new winston.transports.Console({ stderrLevels: ["error", "warn"] })],
  });
}

/**
 * What may be logged about an unexpected error: its class, PostgreSQL's SQLSTATE and constraint name,
 * and the stack frames — never the message, which for a database error can quote the row's values.
 */
export function describeError(error: unknown): { errorName: string; sqlState?: string; constraint?: string; stack?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  // Only "at …" lines: a multi-line message would otherwise spill into the frames.
  const frames = error.stack?.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("at ")).slice(0, 8).join(" | ");
  return {
    errorName: error.name,
    ...(typeof driverError.code === "string" ? { sqlState: driverError.code } : {}),
    ...(typeof driverError.constraint === "string" ? { constraint: driverError.constraint } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}
