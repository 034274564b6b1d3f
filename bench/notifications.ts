import "reflect-metadata";
import fs from "node:fs";
import http from "node:http";
import { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { SignJWT } from "jose";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../src/auth/developmentKeys";
import { loadConfig } from "../src/config/config";
import { Agency } from "../src/directory/Agency";
import { createHub } from "../src/hub";
import { createLogger } from "../src/logging/logger";
import { benchDatabase } from "./benchDatabase";

/**
 * `npm run bench:notifications`: PPRC notifications from submission to a receiver's acknowledgement of
 * every webhook (issue 10's acceptance). A local receiver deduplicates by webhook-id and answers 204;
 * an open loop submits RELEASE notifications at `--rate` a second for `--seconds` (each told to two
 * children's social care, probation and the police: four webhooks), then waits for the backlog to
 * drain and reports p50/p99 from submission to acknowledgement, deliveries a second, lost deliveries
 * and duplicate sends. `--find-max` then steps the rate up in short rounds while p99 stays within 2 s.
 * Run it on real PostgreSQL (DATABASE_URL); embedded works for trying it.
 */
interface Options { rate: number; seconds: number; workers: number; findMax: boolean; stepSeconds: number }

const RECIPIENTS = 4;

async function main(): Promise<void> {
  const options = new Command()
    .option("--rate <n>", "PPRC notifications a second (open loop)", (v) => Number(v), 25)
    .option("--seconds <n>", "seconds of the open loop", (v) => Number(v), 600)
    .option("--workers <n>", "webhook senders in the hub", (v) => Number(v), 16)
    .option("--find-max", "then step the rate up until p99 passes 2 s", false)
    .option("--step-seconds <n>", "seconds of each --find-max round", (v) => Number(v), 20)
    .parse()
    .opts<Options>();

  const acknowledged = new Map<string, number>();
  let sends = 0;
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      sends++;
      const id = String(request.headers["webhook-id"]);
      if (!acknowledged.has(id)) acknowledged.set(id, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-notify-"));
  const database = await benchDatabase("hub_bench_notify");
  const config = loadConfig({
    NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "error", DATABASE_POOL_SIZE: "20",
    WEBHOOK_WORKERS: String(options.workers), WEBHOOK_POLL_SECONDS: "1", ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  process.stdout.write(`setting up: ${database.url ? "PostgreSQL (fresh database)" : "embedded PostgreSQL (PGlite)"}, ${options.workers} webhook senders\n`);
  const hub = await createHub(config, createLogger(config.logLevel));
  const port = await hub.listen();
  const agency = (code: string, name: string, type: Agency["type"], localAuthority: string, webhook: boolean) => ({
    code, name, type, localAuthority, servedLocalAuthorities: [localAuthority], policeForceArea: type === "POLICE" ? "Thames Valley" : null,
    contactEmail: `safeguarding@${code.toLowerCase()}.example`, contactPhone: null, active: true, webhookUrl: webhook ? `${receiverUrl}/${code}` : null,
  });
  await hub.database.dataSource.getRepository(Agency).insert([
    agency("LA-E06000060", "Buckinghamshire Council children's services", "CHILDRENS_SOCIAL_CARE", "E06000060", true),
    agency("LA-E10000019", "Lincolnshire County Council children's services", "CHILDRENS_SOCIAL_CARE", "E10000019", true),
    agency("POLICE-43", "Thames Valley Police", "POLICE", "E06000060", true),
    agency("PDU-BUCKS", "Buckinghamshire Probation Delivery Unit", "PROBATION", "E06000060", true),
    agency("HMP-EXAMPLETON", "HMP Exampleton", "PRISON", "E10000019", false),
  ]);
  const keys = await loadOrCreateDevelopmentKeys(path.join(dataDir, "dev-keys"));
  const token = await new SignJWT({ sub: "system-hmp-exampleton", name: "HMP Exampleton system", agency: "HMP-EXAMPLETON", agency_type: "PRISON", roles: ["AGENCY_SYSTEM"], la: "E10000019" })
    .setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid }).setIssuer(config.auth.issuer).setAudience(config.auth.audience).setIssuedAt().setExpirationTime("2h").sign(keys.privateKey);

  const submittedAt = new Map<string, number>();
  let failures = 0;
  let sequence = 0;
  const answered: number[] = [];
  const submit = async (round: string) => {
    const reference = `${round}-${sequence++}`;
    const n = sequence;
    submittedAt.set(reference, performance.now());
    const notification = {
      agencyCode: "HMP-EXAMPLETON", reference, event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED", mappa: { category: 2, level: 1 },
      prisoner: { prisonNumber: `B${String(n % 10000).padStart(4, "0")}${String.fromCharCode(65 + ((n / 10000) % 26))}K`, givenNames: "Lorcan", familyName: `Benchley${n}`, dateOfBirth: "1980-05-05", sex: "MALE", homeLocalAuthority: "E06000060" },
      release: { date: "2026-11-21", address: { kind: "HOME", line1: `${n} Bench Road`, town: "Sampleton", postcode: "HP20 1BB", localAuthority: "E06000060" } },
      childrenAtRisk: [{ reference: `${reference}-C1`, givenNames: "Wren", familyName: `Benchley${n}`, dateOfBirth: "2015-08-08", sex: "FEMALE",
        address: { kind: "HOME", line1: "1 Fen Row", town: "Fenby", postcode: "PE20 1FR", localAuthority: "E10000019" }, relationshipToPrisoner: "STEP_PARENT" }],
    };
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "mutation ($n: PprcNotificationInput!) { submitPprcNotification(notification: $n) { outcome } }", variables: { n: notification } }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors !== undefined) failures++;
      answered.push(performance.now() - (submittedAt.get(reference) ?? 0));
    } catch {
      failures++;
    }
  };

  const round = async (name: string, rate: number, seconds: number) => {
    const before = { sequence, failures };
    answered.length = 0;
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    // Open loop: each notification at its scheduled moment, whether or not earlier ones have answered.
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(submit(name));
    }
    await Promise.all(inFlight);
    const submissions = [...answered].sort((a, b) => a - b);
    const submitP99 = submissions[Math.min(submissions.length - 1, Math.floor(0.99 * submissions.length))] ?? Number.NaN;
    const submitted = sequence - before.sequence;
    const expected = (submitted - (failures - before.failures)) * RECIPIENTS;
    const rows = () => hub.database.dataSource.query<{ id: string; reference: string; status: string }[]>(
      `SELECT w.id, n.source_reference AS reference, w.status FROM webhook_delivery w JOIN notification_delivery d ON d.id = w.delivery_id JOIN notification n ON n.id = d.notification_id WHERE n.source_reference LIKE $1`, [`${name}-%`]);
    const drainBy = performance.now() + 120_000;
    let settled = await rows();
    while ((settled.length < expected || settled.some((row) => !acknowledged.has(row.id))) && performance.now() < drainBy) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      settled = await rows();
    }
    const elapsed = (performance.now() - started) / 1000;
    const latencies = settled.filter((row) => acknowledged.has(row.id)).map((row) => (acknowledged.get(row.id) ?? 0) - (submittedAt.get(row.reference) ?? 0)).sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    return { rate, submitted, failed: failures - before.failures, expected, delivered: latencies.length, lost: expected - latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? Number.NaN, submitP99, perSecond: latencies.length / elapsed };
  };

  const report = (result: Awaited<ReturnType<typeof round>>) =>
    `${result.rate}/s: ${result.submitted} notifications (${result.failed} refused), ${result.delivered}/${result.expected} webhooks acknowledged, lost ${result.lost}, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, max ${result.max.toFixed(0)} ms (submission answered: p99 ${result.submitP99.toFixed(0)} ms), ${result.perSecond.toFixed(1)} deliveries/s\n`;

  process.stdout.write(`open loop: ${options.rate} PPRC notifications/s for ${options.seconds} s (≈ ${options.rate * RECIPIENTS} deliveries/s)\n`);
  const main = await round("OPEN", options.rate, options.seconds);
  process.stdout.write(report(main));
  process.stdout.write(`  target p99 ≤ 2000 ms: ${main.p99 <= 2000 && main.lost === 0 ? "met" : "NOT met"}\n`);
  if (options.findMax) {
    let best = 0;
    for (let rate = options.rate * 2; ; rate += options.rate) {
      const step = await round(`STEP${rate}`, rate, options.stepSeconds);
      process.stdout.write(report(step));
      if (step.p99 > 2000 || step.lost > 0 || step.failed > 0) break;
      best = step.perSecond;
    }
    process.stdout.write(`maximum sustained (p99 ≤ 2 s, nothing lost): ≈ ${best.toFixed(0)} deliveries/s (audit entries included)\n`);
  }
  const audit = await hub.database.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM disclosure_audit WHERE operation = 'NOTIFICATION_DELIVERY'`);
  process.stdout.write(`sends ${sends}, distinct webhook ids acknowledged ${acknowledged.size}: duplicate sends ${sends - acknowledged.size} (each processed once by id); delivery audit entries ${audit[0].count}\n`);
  await hub.stop();
  receiver.closeAllConnections();
  receiver.close();
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
