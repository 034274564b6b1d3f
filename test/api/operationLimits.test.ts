import request from "supertest";
import { MASH_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

/**
 * Every limit on a GraphQL document, end to end: each refuses with HTTP 400, QUERY_TOO_COMPLEX and the
 * limit's name, before anything executes. Default limits throughout (GRAPHQL_MAX_TOKENS 2000, depth 12,
 * 15 aliases, 20 directives, cost 20,000, 20 operations, 20 repeats of one field).
 */
let hub: TestHub;
let token: string;
beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token(MASH_CLAIMS);
});
afterAll(async () => {
  await hub.stop();
});

const post = (body: Record<string, unknown>) => request(hub.hub.app).post("/graphql").set("content-type", "application/json").set("authorization", `Bearer ${token}`).send(body);

async function expectOverLimit(query: string, limit: string, operationName?: string) {
  const response = await post({ query, ...(operationName ? { operationName } : {}) });
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit });
  return response;
}

describe("the parser's limits", () => {
  it("refuses a document of 27,000 operations at its 2,001st token, without reading the rest, and /healthz still answers", async () => {
    // Eight tokens a line: `query Qn { me { sub } }`.
    const document = Array.from({ length: 27_000 }, (_, i) => `query Q${i} { me { sub } }`).join("\n");
    expect(document.length).toBeGreaterThan(700_000);
    const response = await expectOverLimit(document, "maxTokens", "Q0");
    // The parser gave up on line 251 of 27,000: token 2,001 is the first token of that line.
    expect(response.body.errors[0].locations).toEqual([{ line: 251, column: 1 }]);
    const health = await request(hub.hub.app).get("/healthz");
    expect(health.status).toBe(200);
  });

  it("refuses a document padded with comments, which are not tokens", async () => {
    await expectOverLimit(`${"# padding\n".repeat(2001)}{ me { sub } }`, "maxComments");
  });

  it("answers a syntax error with 400 GRAPHQL_PARSE_FAILED, never a server error", async () => {
    const response = await post({ query: "{ me { sub " });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED" });
  });
});

describe("operation types the hub does not serve", () => {
  it("refuses a subscription with 400 GRAPHQL_VALIDATION_FAILED before anything runs, and logs no error", async () => {
    const logged = hub.logLines.length;
    const response = await post({ query: "subscription Watch($n: Boolean!) { me @include(if: $n) { sub } }", variables: { n: true } });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
    expect(response.body.errors[0].message).toBe("The hub serves queries and mutations only: it has no subscriptions.");
    const lines = hub.logLines.slice(logged).map((line) => JSON.parse(line) as { level: string });
    expect(lines.filter((line) => line.level === "error")).toEqual([]);
  });
});

describe("the document's shape, checked before the rest of validation", () => {
  it("refuses more than 20 operations in one document; nothing else in it is even validated", async () => {
    const operations = Array.from({ length: 21 }, (_, i) => `query Q${i} { me { ${i === 20 ? "nosuchfield" : "sub"} } }`).join("\n");
    const response = await expectOverLimit(operations, "maxOperations", "Q0");
    expect(response.body.errors[0].message).not.toMatch(/nosuchfield/);
  });

  it("accepts 20 operations and runs the one named", async () => {
    const operations = Array.from({ length: 20 }, (_, i) => `query Q${i} { me { sub } }`).join("\n");
    const response = await post({ query: operations, operationName: "Q7" });
    expect(response.status).toBe(200);
    expect(response.body.data.me.sub).toBe("mash-practitioner-1");
  });

  it("refuses one field selected more than 20 times in a selection set (quadratic to validate), counting fragments", async () => {
    await expectOverLimit(`{ ${"me { sub } ".repeat(21)} }`, "maxFieldRepeats");
    await expectOverLimit(`{ ${"...F ".repeat(3)} ...G } fragment F on Query { ${"me { sub } ".repeat(7)} } fragment G on Query { me { sub } }`, "maxFieldRepeats");
    const atLimit = await post({ query: `{ ${"me { sub } ".repeat(20)} }` });
    expect(atLimit.status).toBe(200);
  });
});

describe("armor's operation limits fire", () => {
  it("refuses an operation deeper than 12", async () => {
    await expectOverLimit(`{ ${"... on Query { ".repeat(13)} me { sub } ${"} ".repeat(13)} }`, "maxDepth");
  });

  it("refuses more than 15 aliases", async () => {
    await expectOverLimit(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { sub }`).join(" ")} }`, "maxAliases");
  });

  it("refuses more than 20 directives", async () => {
    await expectOverLimit(`{ ${"me @include(if: true) @skip(if: false) { sub } ".repeat(11)} }`, "maxDirectives");
  });

  it("refuses an operation whose estimated cost is over 20,000", async () => {
    await expectOverLimit("{ agencies(first: 100000) { nodes { code name } } }", "costLimit");
  });
});
