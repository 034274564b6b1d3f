import { Writable } from "node:stream";
import winston from "winston";
import { createLogger, type Logger } from "../../src/logging/logger";

/** A logger whose lines a test reads back: each as written (`raw`, to search for what must never appear) and parsed. */
export interface CapturedLog {
  logger: Logger;
  raw: string[];
  entries(): Record<string, unknown>[];
}

export function captureLog(level = "debug"): CapturedLog {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: createLogger(level, [new winston.transports.Stream({ stream })]), raw, entries: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
