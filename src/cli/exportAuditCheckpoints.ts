import "./compileCache";
import "reflect-metadata";
import fs from "node:fs";
import { Command } from "commander";
import winston from "winston";
import { storedCheckpoints, takeAuditCheckpoint } from "../audit/takeAuditCheckpoint";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { createLogger, describeError } from "../logging/logger";
import { loadHubSigningKeys } from "../signing/loadHubSigningKeys";
import { SigningKeyError } from "../signing/hubSigningKeys";

/**
 * `npm run audit:checkpoints -- --out <file> [--take]`: appends to `<file>` the signed checkpoints it
 * does not hold yet (one compact JWS a line), so the file can live in write-once storage or with the
 * IG lead and grow by appending; `--take` first signs a checkpoint of the trail as it is now.
 * Without `--out` the checkpoints go to stdout.
 */
class CheckpointFileNotAppendable extends Error {}

interface ExportCliOptions {
  out?: string;
  take: boolean;
}

async function main(): Promise<number> {
  const program = new Command()
    .name("npm run audit:checkpoints --")
    .description("Export the hub's signed audit checkpoints, appending to a file those it does not hold yet.")
    .option("--out <file>", "the checkpoint file to append to (created if missing); default: stdout, every checkpoint")
    .option("--take", "sign a checkpoint of the trail as it is now first", false)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<ExportCliOptions>();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, [new winston.transports.Console({ stderrLevels: ["error", "warn", "info", "http", "verbose", "debug", "silly"] })]);
  const held = options.out !== undefined && fs.existsSync(options.out) ? lastNumberIn(fs.readFileSync(options.out, "utf8")) : 0;
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, timeouts: config.databaseTimeouts, opener: { role: "command", name: "npm run audit:checkpoints" } },
    logger,
  );
  try {
    if (options.take) {
      const taken = await takeAuditCheckpoint(database.dataSource, loadHubSigningKeys(config.signing));
      process.stderr.write(taken === null ? "No checkpoint taken: the trail has not grown since the last one.\n" : `Signed checkpoint ${taken.checkpoint.number} over ${taken.checkpoint.entries} entries.\n`);
    }
    const lines = await storedCheckpoints(database.dataSource, held);
    const text = lines.map((jws) => `${jws}\n`).join("");
    if (options.out === undefined) process.stdout.write(text);
    else fs.appendFileSync(options.out, text, { mode: 0o600 });
    process.stderr.write(`${lines.length} checkpoint(s) exported${options.out === undefined ? "" : ` to ${options.out}`}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** The number of the last checkpoint a file holds, read from its payload (the verifier checks the signatures). */
function lastNumberIn(text: string): number {
  const last = text.trim().split("\n").pop() ?? "";
  if (last === "") return 0;
  try {
    return (JSON.parse(Buffer.from(last.split(".")[1] ?? "", "base64url").toString("utf8")) as { number: number }).number;
  } catch {
    throw new CheckpointFileNotAppendable("The last line of the checkpoint file is not a checkpoint: refusing to append to it.");
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof SigningKeyError || error instanceof CheckpointFileNotAppendable) return error.message;
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string") return error.message;
  if (isDatabaseUnavailable(error)) return "The database is unavailable or did not answer in time.";
  const { errorName, sqlState } = describeError(error);
  return `The export failed (${errorName}${sqlState === undefined ? "" : `, SQLSTATE ${sqlState}`}).`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exit(1);
  },
);
