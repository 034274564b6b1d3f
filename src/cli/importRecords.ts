import "./compileCache";
import "reflect-metadata";
import path from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command, Option } from "commander";
import winston from "winston";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { EmbeddedDatabaseInUseError } from "../db/embeddedAccess";
import { PrivateDirectoryError } from "../db/privateDirectory";
import { isHubError } from "../errors/HubError";
import { defaultMatchWeights } from "../identity/matching/defaultMatchWeights";
import { MatchWeightsError } from "../identity/matching/MatchWeightsError";
import { createLogger, describeError } from "../logging/logger";
import { importPrincipal } from "../records/import/importPrincipal";
import { importRecords, ImportState, type Rejection } from "../records/import/importRecords";
import { importSummaryTable } from "../records/import/importSummaryTable";
import { RECORD_FILE_FORMATS, type RecordFileFormat } from "../records/import/RecordFileFormat";

/**
 * `npm run import:records -- <file> --agency <code>`: submits an agency's export, NDJSON or CSV (see
 * src/records/import/README.md), through the same `submitRecord` as the API, resumably. Progress goes
 * to stderr, each refused line to stderr (line, agency reference, code, field; never a value) and the
 * summary to stdout. Exits 0 when the file is done (refused lines included), 130 when stopped by
 * Ctrl-C after writing the checkpoint, 1 when the import could not go on.
 */
const EXIT_INTERRUPTED = 130;

interface ImportCliOptions {
  agency: string;
  format?: RecordFileFormat;
  checkpoint?: string;
  restart: boolean;
}

async function main(): Promise<number> {
  const program = new Command()
    .name("npm run import:records --")
    .description("Submit an agency's records from an NDJSON or CSV file, resumably.")
    .argument("<file>", "the records: .ndjson/.jsonl (one AgencyRecordInput per line) or .csv")
    .requiredOption("--agency <code>", "the submitting agency's directory code, e.g. GP-K99001")
    .addOption(new Option("--format <format>", "the file's format, when its extension does not say").choices(RECORD_FILE_FORMATS))
    .option("--checkpoint <path>", "where progress is kept (default: <file>.checkpoint.json)")
    .option("--restart", "ignore the checkpoint and import from the first line", false)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<ImportCliOptions>();
  const filePath = path.resolve(program.args[0]);
  const checkpointPath = path.resolve(options.checkpoint ?? `${filePath}.checkpoint.json`);

  const config = loadConfig();
  // As the hub does at start-up: a broken match-weights file stops the import before its first record.
  defaultMatchWeights();
  // stdout carries only the summary, so it can be kept or piped; log lines go to stderr.
  const logger = createLogger(config.logLevel, [new winston.transports.Console({ stderrLevels: ["error", "warn", "info", "http", "verbose", "debug", "silly"] })]);
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, timeouts: config.databaseTimeouts, opener: { role: "command", name: "npm run import:records" } },
    logger,
  );
  const stop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    stop.abort();
    process.stderr.write("\nStopping: writing the checkpoint (Ctrl-C again to quit at once)…\n");
  };
  process.on("SIGINT", onInterrupt);
  const bar = new SingleBar(
    { stream: process.stderr, format: "{bar} {percentage}% | line {line} | {read} records | ETA {eta_formatted}", hideCursor: true, forceRedraw: true },
    Presets.shades_classic,
  );
  let barStarted = false;
  try {
    const principal = await importPrincipal(database.dataSource, options.agency);
    const summary = await importRecords({
      dataSource: database.dataSource,
      principal,
      filePath,
      checkpointPath,
      ...(options.format === undefined ? {} : { format: options.format }),
      restart: options.restart,
      signal: stop.signal,
      onProgress: ({ bytesRead, totalBytes, lastLine, tallies }) => {
        if (!barStarted) bar.start(totalBytes, 0, { line: 0, read: 0 });
        barStarted = true;
        bar.update(Math.min(bytesRead, totalBytes), { line: lastLine, read: tallies.read });
      },
      onRejected: (rejection) => process.stderr.write(`${process.stderr.isTTY ? "\r\x1b[K" : ""}${describeRejection(rejection)}\n`),
    });
    bar.stop();
    if (summary.state === ImportState.ALREADY_COMPLETE) {
      process.stderr.write(`${path.basename(filePath)} was imported in full before (${checkpointPath}); pass --restart to submit it again.\n`);
    }
    process.stdout.write(importSummaryTable(summary));
    if (summary.state !== ImportState.STOPPED) return 0;
    process.stderr.write(`Stopped after line ${summary.lastLine}; progress is in ${checkpointPath}. Run the same command again to resume.\n`);
    return EXIT_INTERRUPTED;
  } finally {
    bar.stop();
    process.off("SIGINT", onInterrupt);
    await database.close();
  }
}

/** A refused line as the agency can act on it: where, which record, what is wrong. HubError messages carry no personal data. */
function describeRejection({ line, agencyReference, error }: Rejection): string {
  return [`line ${line}`, agencyReference ?? "-", error.code, error.message].join("\t");
}

/**
 * The hub's own errors, configuration and file-system errors say what to do; anything else (a
 * database error can quote a row) is named by class and SQLSTATE only.
 */
function describeFailure(error: unknown): string {
  if (isHubError(error) || error instanceof ConfigError || error instanceof MatchWeightsError || error instanceof EmbeddedDatabaseInUseError || error instanceof PrivateDirectoryError) return error.message;
  if (isDatabaseUnavailable(error)) return "The database is unavailable or did not answer in time. What was done is in the checkpoint: run the same command again to resume.";
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string") return error.message;
  const { errorName, sqlState } = describeError(error);
  return `The import failed (${errorName}${sqlState === undefined ? "" : `, SQLSTATE ${sqlState}`}). What was done is in the checkpoint: run the same command again to resume.`;
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
