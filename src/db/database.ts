import { DataSource } from "typeorm";
import { hubDataSourceOptions } from "../../ormconfig";
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from "../config/config";
import { type Logger } from "../logging/logger";
import { attachLogger } from "./databaseLogger";
import { isDatabaseUnavailable } from "./databaseUnavailable";
import { EmbeddedDatabaseInUseError, openEmbeddedAccess, type EmbeddedAccess, type EmbeddedOpener } from "./embeddedAccess";

export interface Database {
  dataSource: DataSource;
  mode: "postgres" | "embedded";
  /** True when PostgreSQL answers a trivial query within the timeout. */
  isReachable(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  /** How long to wait on the database (default: the configuration's defaults). */
  timeouts?: DatabaseTimeouts;
  /** Embedded only: keep the data in memory. */
  inMemory?: boolean;
  /** Embedded only: who is opening it (default: a command, which connects through a running hub). */
  opener?: EmbeddedOpener;
  /** Embedded only: PostgreSQL's `shared_buffers` (default: PGlite's, 128MB); see `embeddedPostgres.ts`. */
  embeddedSharedBuffers?: string;
}

/**
 * DataSources on the embedded PostgreSQL. pglite-socket serves every pooled connection from one PGlite
 * session, so a named prepared statement made on one connection already exists on the others: named
 * statements are for a real server only.
 */
const embeddedDataSources = new WeakSet<DataSource>();

export function sharesOneSession(dataSource: DataSource): boolean {
  return embeddedDataSources.has(dataSource);
}

/** Any value works, as long as every hub process uses the same one. */
const MIGRATION_LOCK_KEY = 7_316_202_601;

/** The migration lock's connection and the migrations' own. */
const MIGRATION_POOL_SIZE = 2;

/**
 * Connections the embedded server takes beside the opener's pool: the commands run next to the hub
 * (`npm run import:records`, `linkage`, `migrate`; a pool of 2 each) and an operator's psql.
 * pglite-socket closes any connection over its limit at once.
 */
const EMBEDDED_CONNECTIONS_BESIDE_THE_POOL = 10;

const A_COMMAND: EmbeddedOpener = { role: "command", name: "a command" };

export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<Database> {
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  let embedded: EmbeddedAccess | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    embedded = await openEmbeddedAccess({
      dataDir: options.dataDir,
      inMemory: options.inMemory === true,
      opener: options.opener ?? A_COMMAND,
      maxConnections: Math.max(options.poolSize, MIGRATION_POOL_SIZE) + EMBEDDED_CONNECTIONS_BESIDE_THE_POOL,
      idleTimeoutMs: timeouts.idleInTransactionMs,
      ...(options.embeddedSharedBuffers !== undefined ? { sharedBuffers: options.embeddedSharedBuffers } : {}),
    });
    url = embedded.url;
  }
  const serverEnforcesTimeouts = embedded === undefined;
  const dataSource = new DataSource(hubDataSourceOptions(url, { poolSize: options.poolSize, timeouts, serverEnforcesTimeouts }));
  if (embedded !== undefined) embeddedDataSources.add(dataSource);
  attachLogger(dataSource, logger);
  try {
    const migrator = new DataSource(hubDataSourceOptions(url, { poolSize: MIGRATION_POOL_SIZE, timeouts, serverEnforcesTimeouts, forMigrations: true }));
    await migrator.initialize();
    try {
      await runMigrations(migrator, logger);
    } finally {
      await migrator.destroy();
    }
    // Migrated and still empty: the next fresh embedded database starts from here (`embeddedTemplate.ts`).
    await embedded?.keepAsTemplate();
    await dataSource.initialize();
    embedded?.ready();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.close();
    if (embedded?.unreachable !== undefined && isDatabaseUnavailable(error)) throw new EmbeddedDatabaseInUseError(embedded.unreachable);
    throw error;
  }
  const mode = embedded === undefined ? "postgres" : "embedded";
  logger.info("database ready", { event: "database.ready", mode, ...(embedded?.how === "through-hub" ? { database: "through the running hub" } : {}) });
  return {
    dataSource,
    mode,
    async isReachable(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const probe = dataSource.query("SELECT 1").then(() => true, () => false);
      const reachable = await Promise.race([probe, timeout]);
      clearTimeout(timer);
      return reachable;
    },
    async close() {
      try {
        if (dataSource.isInitialized) await dataSource.destroy();
      } finally {
        await embedded?.close();
      }
    },
  };
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so several hub processes starting together
 * against one database migrate it once, in order.
 */
export async function runMigrations(dataSource: DataSource, logger: Logger): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: "each" });
    if (applied.length > 0) {
      logger.info("migrations applied", { event: "database.migrated", migrations: applied.map((m) => m.name) });
    }
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
