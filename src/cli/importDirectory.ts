import "./compileCache";
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import winston from "winston";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { EmbeddedDatabaseInUseError } from "../db/embeddedAccess";
import { PrivateDirectoryError } from "../db/privateDirectory";
import { DirectoryChangeSource } from "../directory/DirectoryChangeSource";
import { describeDirectoryFault, directoryImportReport } from "../directory/directoryImportReport";
import { importDirectory } from "../directory/importDirectory";
import { parseDirectoryCsv } from "../directory/parseDirectoryCsv";
import { isHubError } from "../errors/HubError";
import { createLogger, describeError } from "../logging/logger";
import { commandOperator } from "./commandOperator";

/**
 * `npm run directory:import -- <file.csv>`: creates and updates agencies from a CSV file (see
 * src/directory/README.md), all or nothing, each change a new version of the agency's entry. Faulty
 * lines go to stderr (line, code, problem, field, what to do), the summary to stdout. Exits 0 when
 * the file was applied, 1 when any line had a fault (nothing written) or the import could not run.
 * Into a directory that holds agencies, new agencies and changes to routing fields are proposed for a
 * directory administrator to approve, not written (`directory/importDirectory.ts`); the operator is
 * recorded as the process's operating-system account (`commandOperator.ts`).
 */
async function main(): Promise<number> {
  const program = new Command()
    .name("npm run directory:import --")
    .description("Create and update agencies in the hub's directory from a CSV file, keeping every version.")
    .argument("<file>", "the directory file: a header line, then one agency a line (src/directory/README.md)")
    .showHelpAfterError();
  program.parse();
  const filePath = path.resolve(program.args[0]);
  // Recorded as the process's own account, never a typed name: see commandOperator.ts.
  const changedBy = commandOperator();

  const config = loadConfig();
  // stdout carries only the summary; log lines go to stderr.
  const logger = createLogger(config.logLevel, [new winston.transports.Console({ stderrLevels: ["error", "warn", "info", "http", "verbose", "debug", "silly"] })]);
  const lines = await parseDirectoryCsv(fs.createReadStream(filePath));
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, timeouts: config.databaseTimeouts, opener: { role: "command", name: "npm run directory:import" } },
    logger,
  );
  try {
    const summary = await importDirectory(database.dataSource, lines, { changedBy, changedByAgency: null, source: DirectoryChangeSource.IMPORT }, { production: config.nodeEnv === "production" });
    for (const fault of summary.faults) process.stderr.write(`${describeDirectoryFault(fault)}\n`);
    process.stdout.write(directoryImportReport(summary));
    return summary.applied ? 0 : 1;
  } finally {
    await database.close();
  }
}

/** The hub's own errors and file-system errors say what to do; anything else is named by class and SQLSTATE only. */
function describeFailure(error: unknown): string {
  if (isHubError(error) || error instanceof ConfigError || error instanceof EmbeddedDatabaseInUseError || error instanceof PrivateDirectoryError) return error.message;
  if (isDatabaseUnavailable(error)) return "The database is unavailable or did not answer in time; nothing was written. Run the same command again.";
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string") return error.message;
  const { errorName, sqlState } = describeError(error);
  return `The import failed (${errorName}${sqlState === undefined ? "" : `, SQLSTATE ${sqlState}`}); nothing was written.`;
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
