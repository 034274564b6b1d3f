import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver (and so TypeORM) connects to. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the data lives; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** At least the pg pool size: each pooled connection is one socket (pglite-socket defaults to 1). */
  maxConnections: number;
}

/**
 * PostgreSQL in process (PGlite, WASM) behind pglite-socket's wire-protocol server on a free loopback
 * port. The hub then uses the same `postgres` driver as with a real server, and each pooled connection
 * keeps its own transaction: pglite-socket runs one connection's statements exclusively while its
 * transaction is open. (`typeorm-pglite` shares one session between pooled connections, so one
 * request's rollback could be committed by another's: never use it.)
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir !== undefined) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const db = await PGlite.create({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    extensions: { pg_trgm, fuzzystrmatch },
  });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: options.maxConnections + 2 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
