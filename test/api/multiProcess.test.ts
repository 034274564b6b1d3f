import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import winston from "winston";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../../src/auth/developmentKeys";
import { DEFAULT_AUDIENCE, DEV_ISSUER } from "../../src/config/config";
import { openDatabase, type Database } from "../../src/db/database";
import { Agency } from "../../src/directory/Agency";
import { createLogger } from "../../src/logging/logger";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT, TEST_AGENCIES } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";
import { readyLine } from "../support/readyLine";

/**
 * Two hub processes on one database (HUB.md §10: the hub is stateless), under mixed load at once:
 * submissions of the same children without an SUI from agencies on both, disclosures on both. Linking
 * is serialised across processes (one child per person, however the records race), every audit chain
 * verifies afterwards, and a rate limit is one count however the requests are spread. The embedded
 * database is one hub's own (a second hub on its data directory is refused): there the same load runs
 * through the one hub, racing inside it.
 */
const root = path.resolve(__dirname, "../..");
const silent = createLogger("error", [new winston.transports.Console({ silent: true })]);
let database: TestDatabase;
let dataDir: string;
const hubs: { process: ChildProcess; port: number }[] = [];

async function sign(claims: TestClaims): Promise<string> {
  const keys = await loadOrCreateDevelopmentKeys(path.join(dataDir, "dev-keys"));
  return new SignJWT(claims).setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid }).setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime("10m").sign(keys.privateKey);
}

function startHub(): Promise<{ process: ChildProcess; port: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "warn",
    RATE_LIMITS: "default=1000,SOCIAL_WORKER=30", RATE_LIMIT_AGENCY: "100000",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
  if (!database.url) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/main.js")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = readyLine(output);
      if (line) resolve({ process: child, port: line.port });
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`hub exited with ${String(code)}: ${output.slice(-2000)}`)));
  });
}

async function post(port: number, body: unknown, token: string): Promise<{ status: number; body: { data?: Record<string, any>; errors?: unknown[] } }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: unknown[] } };
}

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-two-"));
  database = await createTestDatabase("default", { migrated: true });
  if (database.url) {
    const setup = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, silent);
    await setup.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
    await setup.close();
  }
  hubs.push(await startHub());
  if (database.url) hubs.push(await startHub());
  else {
    // The embedded database is one hub's: a second hub on its data directory is refused, saying why,
    // and the first carries on (commands beside it connect through its socket, as below).
    await expect(startHub()).rejects.toThrow(/already running on the embedded database/);
    // Embedded: the directory goes in through the first hub's database, as any command beside it would.
    const beside = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 2 }, silent);
    await beside.dataSource.getRepository(Agency).insert(TEST_AGENCIES);
    await beside.close();
  }
}, 240_000);

afterAll(async () => {
  await Promise.all(hubs.map(({ process: child }) => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  })));
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const AGENCIES: [string, string, Record<string, unknown>][] = [
  ["POLICE-43", "POLICE", { police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", reportedOn: "2026-11-02", activeInvestigation: false } }],
  ["GP-K99001", "HEALTH", { health: { gpPracticeCode: "K99001", registeredOn: "2020-01-01" } }],
  ["SCH-199001", "EDUCATION", { education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01" } }],
];

/** Twelve unrelated children no agency knows by SUI, each reported by all three agencies at once, to both hubs. */
const SURNAMES = ["Quillfeather", "Brackenvale", "Copperleigh", "Dunmarrow", "Ellowmere", "Fernhollow", "Gorsebrook", "Hazelthorpe", "Ivybridge", "Juniperdale", "Kestrelford", "Larkspurne"];
const people = SURNAMES.map((familyName, i) => ({
  givenNames: ["Ottoline", "Barnaby", "Clementine", "Jericho", "Marisol", "Peregrine", "Saffron", "Thaddeus", "Wilhelmina", "Zebulon", "Araminta", "Lysander"][i],
  familyName, dateOfBirth: `${2010 + (i % 7)}-0${(i % 9) + 1}-1${i % 10}`, sex: i % 2 === 0 ? "FEMALE" : "MALE",
  address: { kind: "HOME", line1: `${i + 1} Parallel Road`, town: "Sampleton", postcode: `HP${20 + i} 2QZ`, localAuthority: "E06000060" },
}));

it("serialises linking across processes: racing records of one child make one child, and every chain verifies", async () => {
  const tokens = await Promise.all(AGENCIES.map(([code, type]) => sign(AGENCY_SYSTEM_CLAIMS(code, type))));
  const reader = await sign(CALLERS.socialWorker);
  const submissions = people.flatMap((child, i) => AGENCIES.map(([code, , details], a) =>
    post(hubs[(i + a) % hubs.length].port, { query: SUBMIT, variables: { record: { agencyCode: code, agencyReference: `TWO-${i}-${code}`, child, ...details } } }, tokens[a])));
  const reads = Array.from({ length: 24 }, (_, i) => post(hubs[i % hubs.length].port, { query: CHILD_QUERY, variables: { sui: "9990000018", access: access("SECTION_47_ENQUIRY") } }, reader));
  const results = await Promise.all([...submissions, ...reads]);
  for (const result of results.slice(0, submissions.length)) expect(result.body.errors).toBeUndefined();
  for (const result of results.slice(submissions.length)) expect(result.status).toBe(200);

  const after: Database = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, silent);
  try {
    // Each person's three records, whichever hub stored them and in whatever order, on one child of their own.
    const children = await after.dataSource.query<{ person: string; children: number; linked: number }[]>(
      `SELECT split_part(r.agency_reference, '-', 2) AS person, count(DISTINCT r.child_id)::int AS children, count(*) FILTER (WHERE r.link_state = 'LINKED')::int AS linked
       FROM agency_record r WHERE r.agency_reference LIKE 'TWO-%' GROUP BY 1 ORDER BY split_part(r.agency_reference, '-', 2)::int`,
    );
    expect(children).toEqual(people.map((_, i) => ({ person: String(i), children: 1, linked: 3 })));
    const distinct = await after.dataSource.query<{ n: number }[]>(`SELECT count(DISTINCT child_id)::int AS n FROM agency_record WHERE agency_reference LIKE 'TWO-%'`);
    expect(distinct[0].n).toBe(people.length);
    const verification = await verifyAuditChain(after.dataSource);
    expect(verification.breaks).toEqual([]);
    expect(verification.entriesChecked).toBeGreaterThan(0);
  } finally {
    await after.close();
  }
}, 180_000);

it("holds one rate limit whichever process a caller's requests reach", async () => {
  const token = await sign({ ...CALLERS.socialWorker, sub: "worker-two-processes" });
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) statuses.push((await post(hubs[i % hubs.length].port, { query: "{ me { sub } }" }, token)).status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(30);
  expect(statuses.slice(30)).toEqual(Array.from({ length: 10 }, () => 429));
}, 60_000);
