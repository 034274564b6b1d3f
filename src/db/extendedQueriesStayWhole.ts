import { type PGlite } from "@electric-sql/pglite";
import { type PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Frontend message types that leave an extended-protocol exchange open until its Sync (PostgreSQL protocol §55.2.3). */
const EXTENDED = new Set(["P", "B", "D", "E", "C", "H"].map((type) => type.charCodeAt(0)));
/** Sync, a simple Query and Terminate end one. */
const ENDS = new Set(["S", "Q", "X"].map((type) => type.charCodeAt(0)));

interface QueryQueue {
  db: PGlite;
}

/**
 * pglite-socket serves every connection from one PGlite session, one frontend message at a time, and
 * keeps to one connection's messages only while a transaction is open. Outside a transaction, two
 * connections' extended-protocol exchanges interleave — one's Parse, the other's Parse (or simple
 * Query), then the first's Bind — and the first binds the other's unnamed statement or none at all
 * (08P01, 26000): any two statements running at once, a hub's request and its webhook queue's polling
 * included. This makes an exchange behave like a transaction for the queue: from its Parse to its Sync,
 * only that connection's messages run. A connection that goes away mid-exchange is rolled back by the
 * server (its `ROLLBACK` ends the exchange), so the others never wait on it.
 */
export function keepExtendedQueriesWhole(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let open = false;
  queue.db = new Proxy(db, {
    get(target, property) {
      if (property === "isInTransaction") return () => target.isInTransaction() || open;
      if (property === "execProtocolRawStream") {
        return async (message: Uint8Array, options: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          const type = message[0];
          try {
            return await target.execProtocolRawStream(message, options);
          } finally {
            if (EXTENDED.has(type)) open = true;
            else if (ENDS.has(type)) open = false;
          }
        };
      }
      if (property === "exec") {
        return (query: string, options?: Parameters<PGlite["exec"]>[1]) => {
          open = false;
          return target.exec(query, options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
