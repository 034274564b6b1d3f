import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataDirectoryLock, type LockHolder } from "./dataDirectoryLock";
import { embeddedUrl, startEmbeddedPostgres } from "./embeddedPostgres";
import { readEmbeddedTemplate, saveEmbeddedTemplate } from "./embeddedTemplate";
import { ensurePrivateDirectory } from "./privateDirectory";

/** Which process is opening the embedded database: named in its lock, and in what another process is told. */
export interface EmbeddedOpener {
  /** The hub serves the database to the commands run beside it; a command keeps it to itself while it runs. */
  role: "hub" | "command";
  /** "the hub", "npm run import:records"… */
  name: string;
}

export const HUB_OPENER: EmbeddedOpener = { role: "hub", name: "the hub" };

export interface EmbeddedAccess {
  url: string;
  /** `serving`: this process opened the data directory; `through-hub`: it uses the running hub's server. */
  how: "serving" | "through-hub";
  /** Through the hub: what to say when its socket does not answer. */
  unreachable?: string;
  /** Called once the database is migrated: a hub then lets commands connect through it. */
  ready(): void;
  /** Once migrated: a database this process just created keeps its data directory as the template for the next. */
  keepAsTemplate(): Promise<void>;
  close(): Promise<void>;
}

export interface EmbeddedAccessOptions {
  /** HUB_DATA_DIR: the data under `pgdata/`, the lock `pgdata.lock`, the socket in `run/`. */
  dataDir: string;
  /** Keep the data in memory (tests): no data directory, no lock, a socket in a fresh private directory. */
  inMemory: boolean;
  opener: EmbeddedOpener;
  maxConnections: number;
  idleTimeoutMs: number;
  /** PostgreSQL's `shared_buffers`; PGlite's default when absent. */
  sharedBuffers?: string;
}

/** The embedded database is open in another process, and this one cannot use it through that process. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedDatabaseInUseError";
  }
}

/**
 * Opens the embedded database, or reaches it through the hub that has it open. PGlite is one process's
 * database: two processes opening one data directory each run their own copy over the same files and
 * silently lose each other's writes. So the first process takes the directory's lock and serves it on
 * the socket in `run/`; a command started beside a running hub connects through that socket (the
 * hub's server multiplexes the connections onto its one PGlite); anything else is refused with who
 * holds the directory and what to do.
 */
export async function openEmbeddedAccess(options: EmbeddedAccessOptions): Promise<EmbeddedAccess> {
  if (options.inMemory) {
    // mkdtemp creates the directory 0700.
    const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-pg-"));
    try {
      const server = await startEmbeddedPostgres({
        socketDir,
        maxConnections: options.maxConnections,
        idleTimeoutMs: options.idleTimeoutMs,
        template: readEmbeddedTemplate(),
        ...(options.sharedBuffers !== undefined ? { sharedBuffers: options.sharedBuffers } : {}),
      });
      return {
        url: server.url,
        how: "serving",
        ready: () => undefined,
        keepAsTemplate: () => (server.initialised ? saveEmbeddedTemplate(() => server.dump()) : Promise.resolve()),
        async close() {
          await server.stop();
          fs.rmSync(socketDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      fs.rmSync(socketDir, { recursive: true, force: true });
      throw error;
    }
  }

  ensurePrivateDirectory(options.dataDir);
  const socketDir = runDirectory(options.dataDir);
  const holder = { pid: process.pid, ...options.opener, serving: false };
  const attempt = DataDirectoryLock.tryAcquire(path.join(options.dataDir, "pgdata.lock"), holder);
  if (!attempt.acquired) {
    if (attempt.holder?.role === "hub" && attempt.holder.serving && options.opener.role === "command") {
      const unreachable = `The hub (pid ${attempt.holder.pid}) has the embedded database in ${options.dataDir} open but does not answer on its socket in ${socketDir} (it may be stopping, or have no connection to spare). Try again in a moment.`;
      return { url: embeddedUrl(socketDir), how: "through-hub", unreachable, ready: () => undefined, keepAsTemplate: async () => undefined, close: async () => undefined };
    }
    throw new EmbeddedDatabaseInUseError(inUseMessage(options.dataDir, options.opener, attempt.holder));
  }
  const { lock } = attempt;
  try {
    ensurePrivateDirectory(socketDir);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, "pgdata"),
      socketDir,
      maxConnections: options.maxConnections,
      idleTimeoutMs: options.idleTimeoutMs,
      template: readEmbeddedTemplate(),
      ...(options.sharedBuffers !== undefined ? { sharedBuffers: options.sharedBuffers } : {}),
    });
    return {
      url: server.url,
      how: "serving",
      ready: () => lock.record({ ...holder, serving: options.opener.role === "hub" }),
      keepAsTemplate: () => (server.initialised ? saveEmbeddedTemplate(() => server.dump()) : Promise.resolve()),
      async close() {
        try {
          await server.stop();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Where the serving process's socket is. */
function runDirectory(dataDir: string): string {
  return path.join(dataDir, "run");
}

/** What a process that cannot have the directory is told: who has it, and what to do. */
function inUseMessage(dataDir: string, opener: EmbeddedOpener, holder: LockHolder | undefined): string {
  const where = `the embedded database in ${dataDir}`;
  if (holder === undefined) return `Another process is opening ${where} (it is starting up). Try again in a moment.`;
  if (holder.role === "hub" && opener.role === "hub") {
    return `A hub (pid ${holder.pid}) is already running on ${where}. Stop it first, or give ${opener.name} its own HUB_DATA_DIR.`;
  }
  if (holder.role === "hub") return `The hub (pid ${holder.pid}) is starting on ${where} (migrating it). Try again once it is listening.`;
  const hint = opener.role === "hub" ? "" : " Commands started while the hub runs connect through it instead.";
  return `${holder.name} (pid ${holder.pid}) has ${where} open, and two processes never open it at once. Wait for it to finish, then start ${opener.name} again.${hint}`;
}
