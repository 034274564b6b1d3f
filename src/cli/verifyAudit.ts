import "./compileCache";
import "reflect-metadata";
import fs from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { type JSONWebKeySet } from "jose";
import winston from "winston";
import { readCheckpointFile, CheckpointFileError } from "../audit/readCheckpointFile";
import { startVerificationRun } from "../audit/verificationRuns";
import { type AuditCheckpoint } from "../audit/AuditCheckpoint";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { createLogger, describeError } from "../logging/logger";
import { loadHubSigningKeys } from "../signing/loadHubSigningKeys";
import { commandOperator } from "./commandOperator";

/**
 * `npm run audit:verify -- [--checkpoints <file> [--keys <jwks.json>] [--since <n|last>]]`: verifies the
 * disclosure audit from the raw rows, chains in parallel, against signed checkpoints held outside the
 * database. The run is recorded (`audit_verification_run`) for the IG lead. Prints the result as JSON;
 * exits 0 when every chain is intact, 1 when one is broken, 2 when the checkpoints cannot be trusted or
 * the run could not finish.
 */
const EXIT_BROKEN = 1;
const EXIT_UNUSABLE = 2;

interface VerifyCliOptions {
  checkpoints?: string;
  keys?: string;
  since?: string;
  concurrency: number;
  batch: number;
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError("a whole number from 1");
  return number;
}

async function main(): Promise<number> {
  const program = new Command()
    .name("npm run audit:verify --")
    .description("Verify the disclosure audit's hash chains, against signed checkpoints held outside the database.")
    .option("--checkpoints <file>", "exported checkpoints (npm run audit:checkpoints), one compact JWS a line")
    .option("--keys <file>", "the hub's published keys (a copy of /.well-known/jwks.json); default: the public half of HUB_SIGNING_KEYS_FILE")
    .option("--since <checkpoint>", "verify only what follows this checkpoint of the file (a number, or \"last\"): the entries before it were verified by an earlier run")
    .option("--concurrency <n>", "chains verified at once", positive, 4)
    .option("--batch <n>", "entries read per query", positive, 5000)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<VerifyCliOptions>();
  if (options.since !== undefined && options.checkpoints === undefined) throw new CheckpointFileError("--since needs --checkpoints");

  const config = loadConfig();
  let checkpoints: AuditCheckpoint[] = [];
  let from: AuditCheckpoint | undefined;
  if (options.checkpoints !== undefined) {
    const keys: JSONWebKeySet = options.keys === undefined ? loadHubSigningKeys(config.signing).jwks : (JSON.parse(fs.readFileSync(options.keys, "utf8")) as JSONWebKeySet);
    checkpoints = await readCheckpointFile(fs.readFileSync(options.checkpoints, "utf8"), keys);
    if (options.since !== undefined) {
      from = options.since === "last" ? checkpoints[checkpoints.length - 1] : checkpoints.find((checkpoint) => String(checkpoint.number) === options.since);
      if (from === undefined) throw new CheckpointFileError(`checkpoint ${options.since} is not in ${options.checkpoints}`);
    }
  }

  const logger = createLogger(config.logLevel, [new winston.transports.Console({ stderrLevels: ["error", "warn", "info", "http", "verbose", "debug", "silly"] })]);
  const database = await openDatabase(
    {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: options.concurrency + 1,
      timeouts: config.databaseTimeouts,
      opener: { role: "command", name: "npm run audit:verify" },
    },
    logger,
  );
  try {
    const started = process.hrtime.bigint();
    const job = await startVerificationRun(database.dataSource, commandOperator(), {
      checkpoints,
      ...(from === undefined ? {} : { from }),
      concurrency: options.concurrency,
      batchSize: options.batch,
    });
    process.stderr.write(`Verification run ${job.run.id} started.\n`);
    const { run, verification } = await job.finished;
    if (verification === null) {
      process.stderr.write(`Verification run ${run.id} could not finish (${run.status}).\n`);
      return EXIT_UNUSABLE;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`${JSON.stringify({ run: run.id, ...verification, seconds: Number(seconds.toFixed(2)), entriesPerSecond: Math.round(verification.entriesChecked / seconds) }, null, 2)}\n`);
    return verification.intact ? 0 : EXIT_BROKEN;
  } finally {
    await database.close();
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof CheckpointFileError || error instanceof ConfigError || error instanceof SyntaxError) return error.message;
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string") return error.message;
  if (isDatabaseUnavailable(error)) return "The database is unavailable or did not answer in time: the verification did not finish.";
  const { errorName, sqlState } = describeError(error);
  return `The verification could not finish (${errorName}${sqlState === undefined ? "" : `, SQLSTATE ${sqlState}`}).`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exit(EXIT_UNUSABLE);
  },
);
