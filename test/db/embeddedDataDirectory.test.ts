import "reflect-metadata";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import winston from "winston";
import { openDatabase, type Database } from "../../src/db/database";
import { EmbeddedDatabaseInUseError, HUB_OPENER } from "../../src/db/embeddedAccess";
import { Agency } from "../../src/directory/Agency";
import { createLogger } from "../../src/logging/logger";
import { RECORDS, TEST_AGENCIES } from "../support/fixtures";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";
import { readyLine } from "../support/readyLine";

/**
 * The embedded database (PGlite) is one process's, and only its user's. It is served on a Unix socket
 * inside the data directory (owner-only), never on TCP, where PGlite — which has no roles or
 * passwords — would let any local process of any user in as its superuser. One process at a time
 * opens the directory (an operating-system lock the kernel releases when the holder dies); a command
 * run beside the hub connects through the hub's socket, and anything else is refused with who holds
 * the directory. These run on the embedded database whatever DATABASE_URL says: that is their subject.
 */
const root = path.resolve(__dirname, "../..");
const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const SOCKET = ".s.PGSQL.5432";

beforeAll(() => {
  // The hub and the commands below run as their own processes, from the build.
  ensureBuilt();
}, 180_000);

/** A data directory path that does not exist yet, so the hub creates it. */
function newDataDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-dd-")), "data");
}

function open(dataDir: string, opener = HUB_OPENER, poolSize = 4): Promise<Database> {
  return openDatabase({ databaseUrl: undefined, dataDir, poolSize, opener }, logger);
}

function urlOf(database: Database): string {
  return (database.dataSource.options as { url: string }).url;
}

/** Where a postgres:// URL points: a Unix socket (`?host=/dir`) or a TCP address. */
function targetOf(url: string): { path: string } | { host: string; port: number } {
  const parsed = new URL(url);
  const host = parsed.searchParams.get("host");
  if (host?.startsWith("/")) return { path: path.join(host, `.s.PGSQL.${parsed.port || "5432"}`) };
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

/** Ports this process listens on over TCP (Linux: its socket inodes in LISTEN state in /proc/net/tcp*). */
function tcpListeners(): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync("/proc/self/fd")) {
    try {
      const link = fs.readlinkSync(`/proc/self/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode !== undefined) inodes.add(inode);
    } catch {
      // The descriptor closed while being listed.
    }
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A" && inodes.has(fields[9])) ports.push(parseInt(fields[1].split(":")[1], 16));
    }
  }
  return ports;
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/**
 * Tries to connect to `target` as the unprivileged user `nobody`, with a copy of this node binary it
 * may run (the one in use can sit under root's home), and reports "CONNECTED" or the error code.
 */
function connectAsStranger(target: { path: string } | { host: string; port: number }): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "hub-stranger-"));
  try {
    fs.chmodSync(bin, 0o755);
    const node = path.join(bin, "node");
    fs.copyFileSync(process.execPath, node);
    fs.chmodSync(node, 0o755);
    const probe = `require("net").connect(${JSON.stringify(target)}).on("connect", () => { console.log("CONNECTED"); process.exit(0); }).on("error", (e) => { console.log(e.code); process.exit(0); });`;
    const result = spawnSync("runuser", ["-u", "nobody", "--", node, "-e", probe], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`could not run the probe as nobody: ${result.stderr}`);
    return result.stdout.trim();
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
}

describe("the embedded database's socket", () => {
  let dataDir: string;
  let hub: Database;
  let listenersBefore: number[];
  beforeAll(async () => {
    dataDir = newDataDir();
    listenersBefore = tcpListeners();
    hub = await open(dataDir);
    // A fresh on-disk database runs every migration first: on a loaded two-core machine that took over a minute.
  }, 180_000);
  afterAll(async () => {
    await hub.close();
  });

  it("is a Unix socket in an owner-only directory inside the data directory, and nothing listens on TCP", () => {
    const socket = path.join(dataDir, "run", SOCKET);
    expect(targetOf(urlOf(hub))).toEqual({ path: socket });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, "run"))).toBe(0o700);
    expect(modeOf(socket)).toBe(0o600);
    for (const file of [dataDir, path.join(dataDir, "run"), socket]) expect(fs.statSync(file).uid).toBe(process.getuid!());
    expect(tcpListeners().filter((port) => !listenersBefore.includes(port))).toEqual([]);
  });

  it("answers its owner through the ordinary driver", async () => {
    const client = new Client({ connectionString: urlOf(hub) });
    await client.connect();
    try {
      const { rows } = await client.query<{ applied: number }>("SELECT count(*)::int AS applied FROM schema_migration");
      expect(rows[0].applied).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("refuses another local user", () => {
    if (process.getuid!() === 0) {
      // As CI runs: switch to an unprivileged user, who must not get as far as connecting.
      expect(connectAsStranger(targetOf(urlOf(hub)))).toBe("EACCES");
    } else {
      // Not root, the test cannot become another user: the kernel's check rests on these bits.
      expect(modeOf(dataDir) & 0o077).toBe(0);
      expect(modeOf(path.join(dataDir, "run")) & 0o077).toBe(0);
    }
  });

  it("commits synchronously even when the server's settings say otherwise (ALTER SYSTEM)", async () => {
    await hub.dataSource.query("ALTER SYSTEM SET synchronous_commit = off");
    await hub.close();
    hub = await open(dataDir);
    const [{ value }] = await hub.dataSource.query<{ value: string }[]>("SELECT current_setting('synchronous_commit') AS value");
    expect(value).toBe("on");
  });
});

describe("one data directory, one process", () => {
  let dataDir: string;
  let hub: Database;
  beforeAll(async () => {
    dataDir = newDataDir();
    hub = await open(dataDir);
  }, 180_000);
  afterAll(async () => {
    await hub.close();
  });

  it("refuses a second hub, naming the one running", async () => {
    const second = open(dataDir);
    await expect(second).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    await expect(second).rejects.toThrow(`A hub (pid ${process.pid}) is already running on the embedded database in ${dataDir}`);
  });

  it("connects a command started beside the hub through the hub's socket, so what it writes is the hub's", async () => {
    const command = await open(dataDir, { role: "command", name: "npm run import:records" }, 2);
    try {
      expect(command.mode).toBe("embedded");
      expect(urlOf(command)).toBe(urlOf(hub));
      await command.dataSource.getRepository(Agency).insert(TEST_AGENCIES.slice(0, 1));
      expect(await hub.dataSource.getRepository(Agency).countBy({ code: TEST_AGENCIES[0].code })).toBe(1);
    } finally {
      await command.close();
    }
    // The command closed its connections, not the hub's database.
    expect(await hub.isReachable()).toBe(true);
  });

  it("serves the hub's pool and commands' connections at once, transactions kept apart", async () => {
    const commands = await Promise.all([open(dataDir, { role: "command", name: "npm run migrate" }, 2), open(dataDir, { role: "command", name: "npm run linkage -- estimate" }, 2)]);
    try {
      const everyone = [hub, ...commands];
      // Each inserts in a transaction it rolls back; none may see another's row, nor keep its own.
      const results = await Promise.all(
        everyone.flatMap((database, who) =>
          Array.from({ length: 6 }, (_, n) =>
            database.dataSource.transaction(async (manager) => {
              const code = `TMP-${who}-${n}`;
              await manager.query(`INSERT INTO agency (code, name, type, contact_email, active) VALUES ($1, 'Temporary', 'HEALTH', 'tmp@example.org', true)`, [code]);
              const [{ seen }] = await manager.query<[{ seen: number }]>(`SELECT count(*)::int AS seen FROM agency WHERE code LIKE 'TMP-%'`);
              throw Object.assign(new Error("roll back"), { seen });
            }).catch((error: { seen?: number }) => error.seen),
          ),
        ),
      );
      expect(results).toEqual(Array.from({ length: 18 }, () => 1));
      expect(await hub.dataSource.query(`SELECT code FROM agency WHERE code LIKE 'TMP-%'`)).toEqual([]);
    } finally {
      await Promise.all(commands.map((command) => command.close()));
    }
  });
});

describe("a command while another command has the directory", () => {
  it("is refused with the holder's name and pid, and what to do", async () => {
    const dataDir = newDataDir();
    const holder = await open(dataDir, { role: "command", name: "npm run linkage -- rebuild-profiles" }, 2);
    try {
      const migrate = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/cli/migrate.js")], { cwd: root, env: commandEnv(dataDir), encoding: "utf8" });
      expect(migrate.status).toBe(1);
      expect(migrate.stderr).toContain(`npm run linkage -- rebuild-profiles (pid ${process.pid}) has the embedded database in ${dataDir} open`);
      expect(migrate.stderr).toContain("Wait for it to finish");
    } finally {
      await holder.close();
    }
  });
});

function commandEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "info" };
  delete env.DATABASE_URL;
  return env;
}

/** Starts `npm start`'s process (dist/src/main.js) and resolves with the line it prints once it is ready. */
function startHubProcess(dataDir: string): { process: ChildProcess; started: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/main.js")], { cwd: root, env: commandEnv(dataDir), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const started = new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      // The line whole, whatever it says after its first part: what it says is the test's to judge.
      const line = /^Hub ready at .*$/m.exec(output)?.[0];
      if (line !== undefined && output.includes(`${line}\n`)) resolve(line);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => reject(new Error(`the hub exited (${String(code)}) before listening: ${output}`)));
  });
  return { process: child, started, output: () => output };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

describe("npm start and the commands beside it, as processes", () => {
  let dataDir: string;
  let hub: ReturnType<typeof startHubProcess> | undefined;
  afterAll(async () => {
    if (hub !== undefined && hub.process.exitCode === null && hub.process.signalCode === null) {
      hub.process.kill("SIGKILL");
      await exited(hub.process);
    }
  });

  it("names the API and the console in its one ready line, imports beside the running hub through its socket, refuses a second hub, and survives the hub being killed", async () => {
    dataDir = newDataDir();
    hub = startHubProcess(dataDir);
    const line = await hub.started;
    // What a new user who typed `npm start` opens in a browser: the console, which asks them to sign in.
    const ready = readyLine(line);
    expect({ line, ready }).toEqual({ line, ready: { port: expect.any(Number), console: expect.stringMatching(/\/console$/) } });
    const signIn = await fetch(ready?.console ?? "");
    expect([signIn.status, new URL(signIn.url).pathname]).toEqual([200, "/console/sign-in"]);
    await expect(signIn.text()).resolves.toContain("Sign in");

    // The directory the import needs, written through the running hub like any command's writes.
    const setup = await open(dataDir, { role: "command", name: "the test's setup" }, 2);
    await setup.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
    await setup.close();

    const records = path.join(path.dirname(dataDir), "gp.ndjson");
    const { agencyCode: _agency, ...record } = RECORDS.HEALTH;
    fs.writeFileSync(records, [{ ...record, agencyReference: "GP-BESIDE-1" }, { ...record, agencyReference: "GP-BESIDE-2" }].map((line) => JSON.stringify(line)).join("\n"));
    const imported = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/cli/importRecords.js"), records, "--agency", "GP-K99001"], { cwd: root, env: commandEnv(dataDir), encoding: "utf8" });
    expect(imported.stderr).not.toMatch(/failed|refused/i);
    expect(imported.status).toBe(0);

    // A second hub that is not refused would serve for ever: it is stopped rather than awaited.
    const second = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/main.js")], { cwd: root, env: commandEnv(dataDir), encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL" });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`A hub (pid ${hub.process.pid}) is already running on the embedded database in ${dataDir}`);

    // Killed outright, the hub leaves its lock file and socket behind; the kernel released the lock.
    hub.process.kill("SIGKILL");
    await exited(hub.process);
    expect(fs.existsSync(path.join(dataDir, "run", SOCKET))).toBe(true);
    const after = await open(dataDir);
    try {
      const stored = await after.dataSource.query<{ agency_reference: string }[]>(`SELECT agency_reference FROM agency_record WHERE agency_code = 'GP-K99001' ORDER BY agency_reference`);
      expect(stored.map((row) => row.agency_reference)).toEqual(["GP-BESIDE-1", "GP-BESIDE-2"]);
    } finally {
      await after.close();
    }
  });
});
