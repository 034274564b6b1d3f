import "reflect-metadata";
import { DataSource, type DataSourceOptions } from "typeorm";
import { type DatabaseTimeouts } from "./src/config/config";
import { ENTITIES } from "./src/db/entities";
import { MIGRATIONS } from "./src/db/migrations";
import { SnakeNamingStrategy } from "./src/db/SnakeNamingStrategy";

export interface HubConnectionOptions {
  poolSize: number;
  /** How long to wait on the database; undefined: wait as long as it takes (the TypeORM CLI). */
  timeouts?: DatabaseTimeouts;
  /**
   * Migrations wait only for a connection: a migration may rightly run long (an index on a large
   * table), and a hub starting beside another waits on the migration lock until the other is done.
   */
  forMigrations?: boolean;
  /**
   * Whether the server applies start-up settings and cancels statements itself (real PostgreSQL).
   * PGlite ignores start-up parameters, cannot cancel a running statement, and hangs if
   * `idle_in_transaction_session_timeout` is set: there only the driver's own limits apply.
   */
  serverEnforcesTimeouts: boolean;
}

/**
 * On a real server the driver's query timeout is the server's statement timeout plus this, so the
 * server's own cancellation (with its SQLSTATE) comes first; the driver's only fires when the server
 * or the network has stopped answering altogether.
 */
const DRIVER_TIMEOUT_MARGIN_MS = 2000;

/**
 * The one definition of how the hub talks to PostgreSQL. The hub builds its DataSource from this with
 * either `DATABASE_URL` or the embedded server's address; the TypeORM CLI uses the default export.
 * The schema comes only from migrations: `synchronize` is never on.
 */
export function hubDataSourceOptions(url: string, connection: HubConnectionOptions = { poolSize: 10, serverEnforcesTimeouts: true }): DataSourceOptions {
  return {
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "schema_migration",
    migrationsTransactionMode: "each",
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: "pgcrypto",
    installExtensions: false,
    poolSize: connection.poolSize,
    applicationName: "safeguarding-hub",
    logging: false,
    extra: driverSettings(connection),
  };
}

/** node-postgres pool and start-up settings (`extra` is handed to `pg.Pool` as it is). */
function driverSettings({ timeouts, serverEnforcesTimeouts, forMigrations }: HubConnectionOptions): Record<string, unknown> {
  // A server configured with synchronous_commit = off (for the server, the database or the role)
  // acknowledges a commit before it is on disk, and a crash then loses writes the hub has reported
  // done: consent decisions, link decisions, submitted records. A start-up setting outranks all three.
  // The audit trail does not rely on this alone (see audit/auditBatcher.ts).
  const durable = { options: "-c synchronous_commit=on" };
  if (timeouts === undefined) return durable;
  if (forMigrations === true) return { ...durable, connectionTimeoutMillis: timeouts.connectMs };
  return {
    ...durable,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: serverEnforcesTimeouts ? timeouts.statementMs + DRIVER_TIMEOUT_MARGIN_MS : timeouts.statementMs,
    // Idle pooled connections are closed before the embedded server would close them as idle.
    idleTimeoutMillis: Math.min(10_000, Math.floor(timeouts.idleInTransactionMs / 2)),
    ...(serverEnforcesTimeouts
      ? { statement_timeout: timeouts.statementMs, lock_timeout: timeouts.lockMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionMs }
      : {}),
  };
}

export default new DataSource(hubDataSourceOptions(process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432/hub"));
