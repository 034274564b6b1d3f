import path from "node:path";
import { DataSource } from "typeorm";
import { hubDataSourceOptions } from "../../ormconfig";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embeddedPostgres";
import { type Logger } from "../logging/logger";

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
  /** Embedded only: keep the data in memory. */
  inMemory?: boolean;
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

export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    embedded = await startEmbeddedPostgres({
      ...(options.inMemory === true ? {} : { dataDir: path.join(options.dataDir, "pgdata") }),
      maxConnections: options.poolSize,
    });
    url = embedded.url;
  }
  const dataSource = new DataSource(hubDataSourceOptions(url, options.poolSize));
  if (embedded !== undefined) embeddedDataSources.add(dataSource);
  try {
    await dataSource.initialize();
    await runMigrations(dataSource, logger);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  const mode = embedded === undefined ? "postgres" : "embedded";
  logger.info("database ready", { event: "database.ready", mode });
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
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
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
