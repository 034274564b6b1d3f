import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import request from "supertest";
import { startEmbeddedPostgres, socketPath, type EmbeddedPostgres } from "../../src/db/embeddedPostgres";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { CHILD, RECORDS, SUBMIT, SUI } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";
import { startTestHub, type TestHub, type TestHubOptions } from "../support/testHub";

/**
 * While the database is stuck, locked, out of connections or gone, a request ends within the
 * configured timeouts as SERVICE_UNAVAILABLE (HTTP 503, Retry-After) and discloses nothing; it never
 * waits indefinitely and is never a masked internal error. Every case makes the database misbehave
 * for real: a session holding a lock, a hub connection left idle in a transaction, the pool's only
 * connection taken, the connection cut.
 *
 * On real PostgreSQL the server enforces lock_timeout, statement_timeout and
 * idle_in_transaction_session_timeout. Embedded, PGlite runs one statement at a time and can cancel
 * none: a session in a transaction holds every other connection's statements back, the driver's query
 * timeout (the statement timeout) bounds the wait, and the embedded server closes a connection idle
 * for the idle-in-transaction timeout, rolling its transaction back.
 */
const onRealServer = (process.env.DATABASE_URL ?? "") !== "";

type Body = { data?: { child: Record<string, unknown> | null } | null; errors?: { message: string; extensions: Record<string, unknown> }[] };

async function startSeededHub(options: TestHubOptions): Promise<TestHub> {
  const hub = await startTestHub(options);
  const submitted = await hub.graphql(SUBMIT, { record: RECORDS.CHILDRENS_SOCIAL_CARE }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")));
  if (submitted.body.errors) throw new Error(JSON.stringify(submitted.body.errors));
  return hub;
}

async function askForTheChild(hub: TestHub): Promise<request.Response> {
  return hub.graphql(CHILD_QUERY, { sui: SUI, access: access("SECTION_47_ENQUIRY") }, await hub.token(CALLERS.socialWorker));
}

function expectServiceUnavailable(response: request.Response): void {
  const body = response.body as Body;
  expect(response.status).toBe(503);
  expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
  expect(body.errors?.map((error) => error.extensions.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  expect(body.data?.child ?? null).toBeNull();
  // Nothing about the child leaves the hub: not a name, not a fact.
  const text = JSON.stringify(body);
  for (const disclosed of [CHILD.givenNames, CHILD.familyName, "Sam Worker", "NEGLECT"]) expect(text).not.toContain(disclosed);
}

function expectDisclosed(response: request.Response): void {
  const body = response.body as Body;
  expect(body.errors).toBeUndefined();
  expect(body.data?.child?.disclosureId).toEqual(expect.any(String));
}

function urlOf(hub: TestHub): string {
  return (hub.hub.database.dataSource.options as { url: string }).url;
}

/** Another session (an operator's psql, a stuck job) holding the audit trail locked in an open transaction. */
async function lockTheAuditTrail(hub: TestHub): Promise<Client> {
  const client = new Client({ connectionString: urlOf(hub) });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE disclosure_audit IN ACCESS EXCLUSIVE MODE");
  return client;
}

async function release(holder: Client): Promise<void> {
  await holder.query("ROLLBACK");
  await holder.end();
}

describe("a lock held on the audit trail", () => {
  // Real PostgreSQL: lock_timeout ends the wait. Embedded: the driver's query timeout does.
  const timeouts: Record<string, string> = onRealServer ? { DATABASE_LOCK_TIMEOUT_MS: "1000" } : { DATABASE_STATEMENT_TIMEOUT_MS: "2000" };
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startSeededHub({ env: timeouts });
  });
  afterAll(async () => {
    await hub.stop();
  });

  it("ends the request within the lock timeout as SERVICE_UNAVAILABLE (503, Retry-After), disclosing nothing, and the hub carries on once it is released", async () => {
    const holder = await lockTheAuditTrail(hub);
    try {
      expectServiceUnavailable(await askForTheChild(hub));
    } finally {
      await release(holder);
    }
    expectDisclosed(await askForTheChild(hub));
  });
});

describe("a statement that runs too long", () => {
  let hub: TestHub;
  beforeAll(async () => {
    // Embedded, every statement's wait counts against it (PGlite runs one at a time): room for the seeding.
    hub = await startSeededHub({ env: { DATABASE_STATEMENT_TIMEOUT_MS: onRealServer ? "1000" : "2000", DATABASE_LOCK_TIMEOUT_MS: "600000" } });
  });
  afterAll(async () => {
    await hub.stop();
  });

  it("is cancelled at the statement timeout and answered SERVICE_UNAVAILABLE, even while lock waits are allowed longer", async () => {
    const holder = await lockTheAuditTrail(hub);
    try {
      expectServiceUnavailable(await askForTheChild(hub));
    } finally {
      await release(holder);
    }
    expectDisclosed(await askForTheChild(hub));
  });
});

describe("a hub connection left idle inside a transaction", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startSeededHub({ env: { DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "1000" } });
  });
  afterAll(async () => {
    await hub.stop();
  });

  it("is ended at the idle-in-transaction timeout, releasing its locks, so the requests behind it go on", async () => {
    const stalled = hub.hub.database.dataSource.createQueryRunner();
    await stalled.connect();
    await stalled.startTransaction();
    await stalled.query("LOCK TABLE disclosure_audit IN ACCESS EXCLUSIVE MODE");
    try {
      expectDisclosed(await askForTheChild(hub));
      await expect(stalled.query("SELECT 1")).rejects.toThrow();
    } finally {
      await stalled.release();
    }
  });
});

describe("no connection free in the pool", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startSeededHub({ env: { DATABASE_POOL_SIZE: "1", DATABASE_CONNECT_TIMEOUT_MS: "1000" } });
  });
  afterAll(async () => {
    await hub.stop();
  });

  it("ends the wait for a connection at the connect timeout as SERVICE_UNAVAILABLE", async () => {
    const busy = hub.hub.database.dataSource.createQueryRunner();
    await busy.connect();
    try {
      expectServiceUnavailable(await askForTheChild(hub));
    } finally {
      await busy.release();
    }
    expectDisclosed(await askForTheChild(hub));
  });
});

describe("the database connection cut", () => {
  let embedded: EmbeddedPostgres | undefined;
  let socketDir: string | undefined;
  let database: TestDatabase | undefined;
  let proxy: CuttableProxy;
  let hub: TestHub;
  beforeAll(async () => {
    // The hub reaches the database only through a TCP relay the test can cut, as a network would.
    let databaseName = "postgres";
    if (onRealServer) {
      database = await createTestDatabase("default", { migrated: true });
      const server = new URL(database.url!);
      databaseName = server.pathname.slice(1);
      proxy = await startCuttableProxy({ host: server.hostname, port: Number(server.port || 5432) });
    } else {
      socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-cut-"));
      embedded = await startEmbeddedPostgres({ socketDir, maxConnections: 20, idleTimeoutMs: 600_000 });
      proxy = await startCuttableProxy({ path: socketPath(socketDir) });
    }
    hub = await startSeededHub({ env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${databaseName}`, DATABASE_CONNECT_TIMEOUT_MS: "1000" } });
  });
  afterAll(async () => {
    await hub.stop();
    await database?.drop();
    await embedded?.stop();
    if (socketDir !== undefined) fs.rmSync(socketDir, { recursive: true, force: true });
  });

  it("answers SERVICE_UNAVAILABLE while the database cannot be reached, and readiness fails", async () => {
    expectDisclosed(await askForTheChild(hub));
    await proxy.cut();
    expectServiceUnavailable(await askForTheChild(hub));
    const ready = await request(hub.hub.app).get("/readyz");
    expect(ready.status).toBe(503);
  });
});

interface CuttableProxy {
  port: number;
  /** Stops listening and drops every relayed connection: the database is gone. */
  cut(): Promise<void>;
}

async function startCuttableProxy(target: net.NetConnectOpts): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(target);
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
