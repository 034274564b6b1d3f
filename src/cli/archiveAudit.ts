import "./compileCache";
import "reflect-metadata";
import fs from "node:fs";
import { Command } from "commander";
import { type JSONWebKeySet } from "jose";
import { type DataSource } from "typeorm";
import winston from "winston";
import { archiveAuditSegment, AuditArchiveError, verifyAuditArchive } from "../audit/auditArchive";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { createLogger, describeError } from "../logging/logger";
import { loadHubSigningKeys } from "../signing/loadHubSigningKeys";

/**
 * `npm run audit:archive -- --checkpoint <n|last> --out <file> [--keys <jwks.json>] [--keep]`: archives the
 * disclosure audit up to a signed checkpoint (`audit/README.md`, retention) — writes the segment to a
 * new file, verifies the file on its own against the checkpoint's signature, and only then detaches the
 * segment from the database, recording the checkpoint as the trail's genesis (`--keep`: write and
 * verify, detach nothing).
 * `npm run audit:archive -- --verify <file> [--keys <jwks.json>]`: verifies an archive file with nothing
 * but the published keys. Prints the result as JSON; exits 0 on success, 1 when the archive does not
 * verify or cannot be made, 2 when the command could not run.
 */
const EXIT_REFUSED = 1;
const EXIT_UNUSABLE = 2;

interface ArchiveCliOptions {
  checkpoint?: string;
  out?: string;
  verify?: string;
  keys?: string;
  keep?: boolean;
}

async function main(): Promise<number> {
  const program = new Command()
    .name("npm run audit:archive --")
    .description("Archive the disclosure audit up to a signed checkpoint, or verify an archive file.")
    .option("--checkpoint <n>", 'the signed checkpoint the segment ends at (a number, or "last")')
    .option("--out <file>", "the archive file to write (must not exist)")
    .option("--keep", "write and verify the archive, but detach nothing from the database")
    .option("--verify <file>", "verify an archive file against the published keys, without the database")
    .option("--keys <file>", "the hub's published keys (a copy of /.well-known/jwks.json); default: the public half of HUB_SIGNING_KEYS_FILE")
    .showHelpAfterError();
  program.parse();
  const options = program.opts<ArchiveCliOptions>();
  const config = loadConfig();
  const keys: JSONWebKeySet = options.keys === undefined ? loadHubSigningKeys(config.signing).jwks : (JSON.parse(fs.readFileSync(options.keys, "utf8")) as JSONWebKeySet);

  if (options.verify !== undefined) {
    const verified = await verifyAuditArchive(options.verify, keys);
    process.stdout.write(`${JSON.stringify({ file: options.verify, checkpoint: verified.checkpoint.number, from: verified.from, entries: verified.entries, sha256: verified.sha256 }, null, 2)}\n`);
    return 0;
  }
  if (options.checkpoint === undefined || options.out === undefined) throw new AuditArchiveError("--checkpoint and --out are required (or --verify <file>)");

  const logger = createLogger(config.logLevel, [new winston.transports.Console({ stderrLevels: ["error", "warn", "info", "http", "verbose", "debug", "silly"] })]);
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, timeouts: config.databaseTimeouts, opener: { role: "command", name: "npm run audit:archive" } },
    logger,
  );
  try {
    const number = options.checkpoint === "last" ? await lastCheckpoint(database.dataSource) : Number(options.checkpoint);
    if (!Number.isSafeInteger(number) || number < 1) throw new AuditArchiveError(`--checkpoint ${options.checkpoint}: a checkpoint number, or "last"`);
    const archived = await archiveAuditSegment(database.dataSource, keys, number, options.out, { detach: options.keep !== true });
    logger.info("audit segment archived", { event: "audit.archived", checkpoint: number, entries: archived.entries, detached: archived.detached });
    process.stdout.write(`${JSON.stringify({ file: options.out, checkpoint: number, from: archived.from, entries: archived.entries, sha256: archived.sha256, detached: archived.detached }, null, 2)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function lastCheckpoint(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<{ number: string | null }[]>(`SELECT max(number) AS number FROM audit_checkpoint`);
  if (row.number === null) throw new AuditArchiveError("no checkpoint has been signed: nothing can be archived");
  return Number(row.number);
}

function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof AuditArchiveError) return { message: error.message, code: EXIT_REFUSED };
  if (error instanceof ConfigError || error instanceof SyntaxError) return { message: error.message, code: EXIT_UNUSABLE };
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string") return { message: error.message, code: EXIT_UNUSABLE };
  if (isDatabaseUnavailable(error)) return { message: "The database is unavailable or did not answer in time: nothing was detached.", code: EXIT_UNUSABLE };
  const { errorName, sqlState } = describeError(error);
  return { message: `The archive could not be made (${errorName}${sqlState === undefined ? "" : `, SQLSTATE ${sqlState}`}): nothing was detached.`, code: EXIT_UNUSABLE };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, code } = describeFailure(error);
    process.stderr.write(`${message}\n`);
    process.exit(code);
  },
);
