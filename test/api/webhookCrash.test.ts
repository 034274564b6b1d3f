import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SignJWT, type JSONWebKeySet } from "jose";
import { type DataSource } from "typeorm";
import winston from "winston";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../../src/auth/developmentKeys";
import { DEFAULT_AUDIENCE, DEV_ISSUER } from "../../src/config/config";
import { openDatabase } from "../../src/db/database";
import { Agency } from "../../src/directory/Agency";
import { createLogger } from "../../src/logging/logger";
import { TEST_AGENCIES } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { waitFor, WebhookReceiver } from "../support/webhookReceiver";
import { BUILD_NODE_FLAGS, ensureBuilt } from "../support/build";
import { readyLine } from "../support/readyLine";

/**
 * Webhook delivery across hub processes built from dist/ (issue 10's acceptance), against a real HTTP
 * receiver that deduplicates by webhook-id: a hub killed with SIGKILL while the receiver holds its
 * deliveries open (processed, not yet acknowledged) is restarted, and every notification arrives,
 * each processed once however many times it was sent; then two hubs with senders (one on the embedded
 * database, which is one hub's own) deliver each notification once — no delivery sent twice.
 */
const root = path.resolve(__dirname, "../..");
const silent = createLogger("error", [new winston.transports.Console({ silent: true })]);
const WITH_ENDPOINT = ["LA-E06000060", "LA-E10000019", "PDU-BUCKS", "POLICE-43"];
let database: TestDatabase;
let dataDir: string;
let receiver: WebhookReceiver;
const hubs: { process: ChildProcess; port: number }[] = [];

function startHub(): Promise<{ process: ChildProcess; port: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "warn",
    WEBHOOK_WORKERS: "2", WEBHOOK_TIMEOUT_MS: "1000", WEBHOOK_POLL_SECONDS: "1", WEBHOOK_RETRY_DELAY_SECONDS: "1", WEBHOOK_RETRY_DELAY_MAX_SECONDS: "2", WEBHOOK_MAX_ATTEMPTS: "20",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
  if (!database.url) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, path.join(root, "dist/src/main.js")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let ready = false;
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      // Counted once: the output keeps its ready line while later lines arrive.
      const line = ready ? undefined : readyLine(output);
      if (line) {
        ready = true;
        hubs.push({ process: child, port: line.port });
        resolve({ process: child, port: line.port });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`hub exited with ${String(code)}: ${output.slice(-2000)}`)));
  });
}

/** Runs `work` on the database beside the running hubs (embedded: through the hub's own socket). */
async function beside<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const opened = await openDatabase({ databaseUrl: database.url, dataDir, poolSize: 2 }, silent);
  try {
    return await work(opened.dataSource);
  } finally {
    await opened.close();
  }
}

async function submitReleases(ports: number[], prefix: string, count: number): Promise<void> {
  const keys = await loadOrCreateDevelopmentKeys(path.join(dataDir, "dev-keys"));
  const token = await new SignJWT(AGENCY_SYSTEM_CLAIMS("HMP-EXAMPLETON", "PRISON", "E10000019")).setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid })
    .setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime("10m").sign(keys.privateKey);
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    const reference = `${prefix}-${i}`;
    const notification = {
      agencyCode: "HMP-EXAMPLETON", reference, event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED",
      prisoner: { prisonNumber: `W${String(1000 + i)}${prefix.slice(0, 2)}`, givenNames: "Osric", familyName: `Vanterpool${prefix}${i}`, dateOfBirth: "1977-02-14", sex: "MALE", homeLocalAuthority: "E06000060" },
      release: { date: "2026-11-21", address: { kind: "HOME", line1: `${i + 1} Millrace Road`, town: "Sampleton", postcode: "HP20 7MR", localAuthority: "E06000060" } },
      childrenAtRisk: [{ reference: `${reference}-C1`, givenNames: "Tamsin", familyName: `Vanterpool${prefix}${i}`, dateOfBirth: "2014-03-09", sex: "FEMALE",
        address: { kind: "HOME", line1: "5 Fen Lane", town: "Fenby", postcode: "PE20 5FL", localAuthority: "E10000019" }, relationshipToPrisoner: "STEP_PARENT" }],
    };
    const response = await fetch(`http://127.0.0.1:${ports[i % ports.length]}/graphql`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { recipients { agencyCode } } }`, variables: { n: notification } }),
    });
    const body = (await response.json()) as { errors?: unknown[]; data?: { submitPprcNotification: { recipients: { agencyCode: string }[] } } };
    expect(body.errors).toBeUndefined();
    expect(body.data?.submitPprcNotification.recipients.map((recipient) => recipient.agencyCode).sort()).toEqual(WITH_ENDPOINT);
  }));
}

/** The webhook ids of every delivery the database holds, by status. */
const webhookRows = () => beside((dataSource) => dataSource.query<{ id: string; status: string; attempts: number; reference: string }[]>(
  `SELECT w.id, w.status, w.attempts, n.source_reference AS reference FROM webhook_delivery w JOIN notification_delivery d ON d.id = w.delivery_id JOIN notification n ON n.id = d.notification_id`,
));

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-hooks-"));
  database = await createTestDatabase("default", { migrated: true });
  receiver = await new WebhookReceiver().start();
}, 240_000);

afterAll(async () => {
  await Promise.all(hubs.map((hub) => kill(hub.process)));
  receiver.release();
  await receiver.stop();
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it("a hub killed mid-delivery and restarted: every notification arrives, each processed once", async () => {
  const first = await startHub();
  const agencies = TEST_AGENCIES.map((agency) => (WITH_ENDPOINT.includes(agency.code) ? { ...agency, webhookUrl: receiver.url(`/${agency.code}`) } : agency));
  await beside((dataSource) => dataSource.getRepository(Agency).insert(agencies));
  const jwks = (await (await fetch(`http://127.0.0.1:${first.port}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  receiver.keys = () => jwks;

  // The receiver takes the deliveries in but does not answer: the hub is killed mid-delivery.
  receiver.holding = true;
  await submitReleases([first.port], "CRASH", 4);
  await waitFor("deliveries in flight", () => receiver.sends.length >= 2);
  await kill(first.process);
  const inFlight = new Set(receiver.sends.map((send) => send.id));
  receiver.release();

  await startHub();
  await waitFor("every delivery settled", async () => {
    const rows = await webhookRows();
    return rows.length === 16 && rows.every((row) => row.status === "DELIVERED");
  }, 90_000);

  const rows = await webhookRows();
  expect(new Set(receiver.processed.keys())).toEqual(new Set(rows.map((row) => row.id)));
  expect(receiver.sends.every((send) => send.verdict.valid)).toBe(true);
  // What was in flight when the hub died was sent again (the hub never heard the 2xx)…
  for (const id of inFlight) expect(receiver.sends.filter((send) => send.id === id).length).toBeGreaterThanOrEqual(2);
  // …and processed once: the receiver deduplicated every repeat by webhook-id.
  expect(receiver.duplicateSends()).toBeGreaterThanOrEqual(inFlight.size);
  expect(receiver.processed.size).toBe(16);
}, 180_000);

it("hubs with senders side by side deliver each notification once", async () => {
  const sendsBefore = receiver.sends.length;
  if (database.url) await startHub();
  // The embedded database is one hub's own: a second is refused, and the restarted hub carries on alone.
  else await expect(startHub()).rejects.toThrow(/already running on the embedded database/);
  const running = hubs.filter((hub) => hub.process.exitCode === null && hub.process.signalCode === null);
  expect(running).toHaveLength(database.url ? 2 : 1);
  await submitReleases(running.map((hub) => hub.port), "PAIR", 10);
  await waitFor("the second batch settled", async () => {
    const rows = (await webhookRows()).filter((row) => row.reference.startsWith("PAIR-"));
    return rows.length === 40 && rows.every((row) => row.status === "DELIVERED");
  }, 90_000);
  const sent = receiver.sends.slice(sendsBefore);
  expect(sent).toHaveLength(40);
  expect(new Set(sent.map((send) => send.id)).size).toBe(40);
  expect((await webhookRows()).filter((row) => row.reference.startsWith("PAIR-")).every((row) => row.attempts === 1)).toBe(true);
}, 180_000);
