import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepExtendedQueriesWhole } from "./extendedQueriesStayWhole";
import { countWaitingAsBusy } from "./waitingIsNotIdle";

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver (and so TypeORM) connects to. */
  url: string;
  /** Created by `initdb` just now (not from the template, not an existing data directory): worth keeping as the template once migrated. */
  initialised: boolean;
  /** The data directory as a gzipped tarball (`embeddedTemplate.ts`). */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the data lives; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** An owner-only directory (see privateDirectory.ts) for the socket; the caller alone may serve from it. */
  socketDir: string;
  /** Every connection of the hub's pool, and of the commands that connect beside it (pglite-socket defaults to 1). */
  maxConnections: number;
  /**
   * A connection with nothing in progress for this long is closed and its open transaction rolled back:
   * the embedded stand-in for idle_in_transaction_session_timeout, which PGlite cannot run. A connection
   * waiting for an answer is not idle (`waitingIsNotIdle.ts`).
   */
  idleTimeoutMs: number;
  /** A data directory to start from when there is none yet (`embeddedTemplate.ts`), instead of `initdb`. */
  template?: Blob | null;
  /**
   * PostgreSQL's `shared_buffers` (e.g. "16MB"); PGlite's own default otherwise (128MB). PGlite zeroes
   * the whole buffer pool in WASM memory at every start: a third of starting from the template. A
   * database that lives for one test file never fills 128MB.
   */
  sharedBuffers?: string;
}

/** The name libpq and node-postgres look for in a socket directory (port 5432). */
const SOCKET_FILE = ".s.PGSQL.5432";
/** sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included. */
const MAX_SOCKET_PATH_BYTES = 103;

/** The URL of the embedded server whose socket is in `socketDir`. */
export function embeddedUrl(socketDir: string): string {
  return `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
}

export function socketPath(socketDir: string): string {
  return path.join(socketDir, SOCKET_FILE);
}

/**
 * PostgreSQL in process (PGlite, WASM) behind pglite-socket's wire-protocol server on a Unix socket in
 * an owner-only directory. The hub then uses the same `postgres` driver as with a real server, and each
 * pooled connection keeps its own transaction: pglite-socket runs one connection's statements
 * exclusively while its transaction is open. (`typeorm-pglite` shares one session between pooled
 * connections, so one request's rollback could be committed by another's: never use it.)
 *
 * Never TCP: PGlite has no roles or passwords, so anyone who can connect is its superuser. On a
 * loopback port that is every process of every user on the machine; on a socket inside a 0700
 * directory it is the hub's own user only (the kernel checks the directory before connect).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const socket = socketPath(options.socketDir);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`The embedded database's socket path (${socket}) is longer than a Unix socket path may be (${MAX_SOCKET_PATH_BYTES} bytes): set HUB_DATA_DIR to a shorter path.`);
  }
  if (options.dataDir !== undefined) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true, mode: 0o700 });
  const fresh = options.dataDir === undefined || !fs.existsSync(path.join(options.dataDir, "PG_VERSION"));
  const template = fresh ? (options.template ?? null) : null;
  const db = await PGlite.create({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(template !== null ? { loadDataDir: template } : {}),
    extensions: { pg_trgm, fuzzystrmatch },
    ...(options.sharedBuffers !== undefined ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${options.sharedBuffers}`] } : {}),
  });
  countWaitingAsBusy();
  const server = new PGLiteSocketServer({ db, path: socket, maxConnections: options.maxConnections, idleTimeout: options.idleTimeoutMs });
  keepExtendedQueriesWhole(server, db);
  try {
    // Every connection shares this one session. PGlite ignores start-up and per-database settings but
    // reads postgresql.auto.conf: the hub's commits must not turn asynchronous through ALTER SYSTEM.
    await db.exec("SET synchronous_commit = on");
    // A socket left by a process that died: the caller holds the directory alone, so it is stale.
    fs.rmSync(socket, { force: true });
    await server.start();
    fs.chmodSync(socket, 0o600);
  } catch (error) {
    await server.stop();
    await db.close();
    throw error;
  }
  return {
    url: embeddedUrl(options.socketDir),
    initialised: fresh && template === null,
    dump: () => db.dumpDataDir("gzip"),
    async stop() {
      await server.stop();
      await db.close();
      fs.rmSync(socket, { force: true });
    },
  };
}
