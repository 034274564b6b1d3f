import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import winston from "winston";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../../src/auth/developmentKeys";
import { DEFAULT_AUDIENCE, DEV_ISSUER } from "../../src/config/config";
import { openDatabase } from "../../src/db/database";
import { Agency } from "../../src/directory/Agency";
import { createLogger } from "../../src/logging/logger";
import { EXPORTABLE_ATTRIBUTES } from "../../src/tracing/privateSpans";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT, TEST_AGENCIES } from "../support/fixtures";
import { SCENARIO, scenarioRecords } from "../support/scenarioFixtures";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";
import { readyLine } from "../support/readyLine";

/**
 * Tracing end to end: the built hub started as `npm start` starts it, with OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at a collector this test runs. A caller's W3C traceparent is honoured, HTTP, GraphQL and
 * database spans arrive, every log line of a request carries its request id and trace id — and nothing
 * personal leaves in a span: no SUI, name, justification, document, operation name or SQL text.
 * (Instrumentation patches Node's own module loader, which jest replaces: hence a real process.)
 */
const root = path.resolve(__dirname, "../..");
const silent = createLogger("error", [new winston.transports.Console({ silent: true })]);
const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_SPAN = "00f067aa0ba902b7";
const JUSTIFICATION = "Traced enquiry about the pupil named Isla";

interface ExportedSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes: { key: string }[]; events?: { attributes?: { key: string }[] }[] }

let database: TestDatabase;
let dataDir: string;
let collector: http.Server;
const bodies: string[] = [];
let hub: ChildProcess;
let output = "";

async function sign(claims: TestClaims): Promise<string> {
  const keys = await loadOrCreateDevelopmentKeys(path.join(dataDir, "dev-keys"));
  return new SignJWT(claims).setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid }).setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime("10m").sign(keys.privateKey);
}

beforeAll(async () => {
  ensureBuilt();
  collector = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url === "/v1/traces") bodies.push(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-tracing-"));
  database = await createTestDatabase("default", { migrated: true });
  const setup = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, silent);
  await setup.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
  await setup.close();

  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "info",
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
  if (!database.url) delete env.DATABASE_URL;
  hub = spawn(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/main.js")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  hub.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  hub.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const ready = () => {
      const line = readyLine(output);
      if (line) resolve(line.port);
    };
    hub.stdout?.on("data", ready);
    hub.on("exit", (code) => reject(new Error(`hub exited with ${String(code)}: ${output}`)));
  });

  const post = async (body: unknown, token: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });
    return { requestId: response.headers.get("x-request-id"), body: (await response.json()) as { data?: unknown; errors?: unknown } };
  };
  for (const [agencyType, record] of scenarioRecords().filter(([, record]) => JSON.stringify(record).includes(SCENARIO.schoolDsl))) {
    const reply = await post({ query: SUBMIT, variables: { record } }, await sign(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType)));
    if (reply.body.errors) throw new Error(JSON.stringify(reply.body.errors));
  }
  const query = CHILD_QUERY.replace(/^\s*query\b[^({]*/, "query IslaReferralLookup");
  const asked = await post({ query, variables: { sui: SCENARIO.schoolDsl, access: { ...access("STRATEGY_DISCUSSION"), justification: JUSTIFICATION } } }, await sign(CALLERS.schoolDsl), {
    traceparent: `00-${TRACE_ID}-${PARENT_SPAN}-01`,
  });
  expect(asked.body.errors).toBeUndefined();
  requestId = asked.requestId ?? "";
  // SIGTERM: the hub stops and sends the spans it still holds.
  await new Promise<void>((resolve) => {
    hub.once("exit", () => resolve());
    hub.kill("SIGTERM");
  });
}, 180_000);

let requestId = "";

afterAll(async () => {
  if (hub.exitCode === null && hub.signalCode === null) hub.kill("SIGKILL");
  await new Promise<void>((resolve) => collector.close(() => resolve()));
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const spans = (): ExportedSpan[] =>
  bodies.flatMap((body) => (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] }).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));

it("continues the caller's trace: the hub's server span is a child of the traceparent it was sent, with HTTP, GraphQL and database spans under it", () => {
  const traced = spans().filter((span) => span.traceId === TRACE_ID);
  expect(traced.find((span) => span.parentSpanId === PARENT_SPAN)?.attributes.map((attribute) => attribute.key)).toContain("hub.request_id");
  expect(traced.some((span) => span.attributes.some((attribute) => attribute.key === "graphql.operation.type"))).toBe(true);
  expect(traced.some((span) => span.attributes.some((attribute) => attribute.key === "db.system" || attribute.key === "db.system.name"))).toBe(true);
});

it("exports only allow-listed attributes, and nothing about the child, the caller's words or its document", () => {
  const exported = bodies.join("\n");
  expect(spans().length).toBeGreaterThan(5);
  for (const span of spans()) {
    for (const attribute of [...span.attributes, ...(span.events ?? []).flatMap((event) => event.attributes ?? [])]) expect(EXPORTABLE_ATTRIBUTES.has(attribute.key)).toBe(true);
  }
  for (const personal of [SCENARIO.schoolDsl, "Isla", JUSTIFICATION, "IslaReferralLookup", " FROM ", " WHERE ", "Bearer", "db.statement", "db.query.text", "graphql.source"]) expect(exported).not.toContain(personal);
});

it("puts the request id and trace id on every log line written while serving the request", () => {
  const lines = output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
  const ofRequest = lines.filter((line) => line.requestId === requestId);
  expect(ofRequest.length).toBeGreaterThan(0);
  for (const line of ofRequest) expect(line.traceId).toBe(TRACE_ID);
});
