import { type DataSource } from "typeorm";
import { createLogger, type Logger } from "../logging/logger";

const loggers = new WeakMap<DataSource, Logger>();

/** Set by `openDatabase`: the process logger a DataSource was opened with. */
export function attachLogger(dataSource: DataSource, logger: Logger): void {
  loggers.set(dataSource, logger);
}

let fallback: Logger | undefined;

/**
 * The logger for work a DataSource does on no single request's behalf — a batch that stores many
 * callers' records or audit entries at once. Every hub DataSource is opened by `openDatabase`, which
 * attaches the process logger; one made any other way logs warnings and errors to the console.
 */
export function loggerOf(dataSource: DataSource): Logger {
  const logger = loggers.get(dataSource);
  if (logger !== undefined) return logger;
  fallback ??= createLogger("warn");
  return fallback;
}
