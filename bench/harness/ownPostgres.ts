import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** PostgreSQL's server binaries; PG_BIN overrides. */
const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface OwnPostgres {
  /** The server's `postgres` database, trust authentication. */
  url: string;
  /** `pg_ctl restart -m fast`: every connection cut, the server back when it settles. */
  restart(): Promise<void>;
  /** Stops the server and deletes its data directory; safe to call twice. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the fault script's own (`initdb` into a temporary directory, a free port,
 * trust authentication, on 127.0.0.1 and a socket in that directory), so restarting a database under
 * load never touches a server anything else uses. As root, the server runs as the `postgres` user
 * (PostgreSQL refuses to run as root).
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-faults-pg-"));
  const data = path.join(directory, "data");
  const log = path.join(directory, "server.log");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) fs.chownSync(directory, ...postgresIds());
  const tool = (name: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", path.join(BIN, name), ...args]) : run(path.join(BIN, name), args));
  const pgCtl = (...args: string[]) => tool("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", ...args]);
  let destroyed = false;
  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    await pgCtl("stop", "-m", "immediate").catch(() => undefined);
    fs.rmSync(directory, { recursive: true, force: true });
  };
  try {
    await tool("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
    await pgCtl("-o", `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`, "start");
  } catch (error) {
    await destroy();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => void (await pgCtl("restart", "-m", "fast")),
    destroy,
  };
}

function postgresIds(): [number, number] {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((entry) => entry.startsWith("postgres:"));
  if (line === undefined) throw new Error("running as root, and no postgres user to run PostgreSQL as");
  const [, , uid, gid] = line.split(":");
  return [Number(uid), Number(gid)];
}
