import { Client } from "pg";
import request from "supertest";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUI } from "../support/fixtures";
import { MASH_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("operations endpoints", () => {
  it("/healthz answers while the process is up", async () => {
    const response = await request(hub.hub.app).get("/healthz");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 when the database is reachable", async () => {
    const response = await request(hub.hub.app).get("/readyz");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ready" });
  });

  it("gives every response a request id, and keeps a well-formed one the caller sent", async () => {
    const generated = await request(hub.hub.app).get("/healthz");
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(hub.hub.app).get("/healthz").set("x-request-id", "mash-referral-00042");
    expect(kept.headers["x-request-id"]).toBe("mash-referral-00042");
    const replaced = await request(hub.hub.app).get("/healthz").set("x-request-id", "<script>");
    expect(replaced.headers["x-request-id"]).not.toBe("<script>");
  });

  it("marks GraphQL responses uncacheable: they carry personal data", async () => {
    const response = await hub.graphql("{ me { sub } }", {}, await hub.token(MASH_CLAIMS));
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("answers malformed JSON with 400 INVALID_INPUT, not a server error", async () => {
    const response = await request(hub.hub.app).post("/graphql").set("content-type", "application/json").send("{ not json");
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("INVALID_INPUT");
  });

  it("refuses operations over the alias limit with QUERY_TOO_COMPLEX", async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: me { sub }`).join(" ");
    const response = await hub.graphql(`{ ${aliases} }`, {}, await hub.token(MASH_CLAIMS));
    expect(response.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(response.body.data).toBeUndefined();
  });

  it("refuses an operation whose cost is over the limit before running it", async () => {
    const response = await hub.graphql("{ agencies(first: 100000) { nodes { code name } } }", {}, await hub.token(MASH_CLAIMS));
    expect(response.body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "costLimit" });
  });

  it("does not suggest field names to a caller probing the schema", async () => {
    const response = await hub.graphql("{ chil { sui } }", {}, await hub.token(MASH_CLAIMS));
    expect(response.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors[0].message).not.toMatch(/Did you mean/);
  });

  it("lists the directory a page at a time with an opaque cursor", async () => {
    const token = await hub.token(MASH_CLAIMS);
    const query = "query ($after: String) { agencies(first: 3, after: $after) { totalCount nodes { code type } pageInfo { hasNextPage endCursor } } }";
    const first = await hub.graphql(query, {}, token);
    expect(first.body.data.agencies.totalCount).toBe(9);
    expect(first.body.data.agencies.nodes.map((n: { code: string }) => n.code)).toEqual(["GP-K99001", "HMP-EXAMPLETON", "LA-E06000060"]);
    const second = await hub.graphql(query, { after: first.body.data.agencies.pageInfo.endCursor }, token);
    expect(second.body.data.agencies.nodes.map((n: { code: string }) => n.code)).toEqual(["LA-E10000019", "PDU-BUCKS", "POLICE-43"]);
    const filtered = await hub.graphql('{ agencies(type: PRISON) { nodes { code localAuthority } } }', {}, token);
    expect(filtered.body.data.agencies.nodes).toEqual([{ code: "HMP-EXAMPLETON", localAuthority: "E10000019" }]);
  });

  it("refuses a forged cursor and an out-of-range page size with INVALID_INPUT", async () => {
    const token = await hub.token(MASH_CLAIMS);
    const forged = await hub.graphql('{ agencies(after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, token);
    expect(forged.body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path: "after" });
    const tooMany = await hub.graphql("{ agencies(first: 201) { totalCount } }", {}, token);
    expect(tooMany.body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path: "first" });
  });

});

// A hub of its own: the others' tests need their database.
describe("readiness without a database", () => {
  let lonely: TestHub;
  beforeAll(async () => {
    lonely = await startTestHub();
  });
  afterAll(async () => {
    await lonely.stop();
  });

  it("/readyz answers 503 once the database is gone", async () => {
    await lonely.hub.database.dataSource.destroy();
    const response = await request(lonely.hub.app).get("/readyz");
    expect(response.status).toBe(503);
    expect(response.body.status).toBe("database unreachable");
  });
});

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("shutdown", () => {
  it("lets a request whose caller went away finish, its audit entry written, before the database closes", async () => {
    const stopping = await startTestHub({ env: { PORT: "0" } });
    const port = await stopping.hub.listen();
    const { requestsInFlight } = stopping.hub;

    // The request is held at its audit write (the batcher's first statement, which locks the chains'
    // heads, on its own connection or in a transaction of the ORM's) until shutdown either waits for it
    // or closes the database.
    const atAudit = gate();
    const release = gate();
    let auditWrite: Promise<unknown> | undefined;
    const query = Object.getOwnPropertyDescriptor(Client.prototype, "query")?.value as (...parameters: unknown[]) => unknown;
    const held = jest.spyOn(Client.prototype, "query").mockImplementation(function (this: Client, ...args: unknown[]) {
      const [first] = args;
      const text = typeof first === "string" ? first : (first as { text?: unknown } | undefined)?.text;
      if (auditWrite !== undefined || typeof text !== "string" || !/^(BEGIN; )?SELECT h\.chain_id/.test(text)) return query.apply(this, args) as ReturnType<Client["query"]>;
      auditWrite = (async () => {
        atAudit.open();
        await release.opened;
        return query.apply(this, args);
      })();
      return auditWrite as unknown as ReturnType<Client["query"]>;
    });
    const settled = requestsInFlight.settled.bind(requestsInFlight);
    requestsInFlight.settled = () => {
      release.open();
      return settled();
    };
    const close = stopping.hub.database.close.bind(stopping.hub.database);
    let servingAtClose = -1;
    stopping.hub.database.close = () => {
      servingAtClose = requestsInFlight.size;
      release.open();
      return close();
    };

    const caller = new AbortController();
    const call = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await stopping.token(CALLERS.socialWorker)}` },
      body: JSON.stringify({ query: CHILD_QUERY, variables: { sui: SUI, access: access("SECTION_47_ENQUIRY") } }),
      signal: caller.signal,
    });
    await atAudit.opened;
    caller.abort();
    await expect(call).rejects.toThrow();
    await stopping.stop();
    held.mockRestore();

    expect(servingAtClose).toBe(0);
    await expect(auditWrite).resolves.toBeDefined();
    expect(stopping.logLines.filter((line) => line.includes("audit.unavailable"))).toEqual([]);
  });
});
