import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Command } from "commander";
import { loadConfig } from "../src/config/config";
import { benchDatabase } from "./benchDatabase";
import { createLogger } from "../src/logging/logger";
import { createHub } from "../src/hub";
import { BaselineChildResolver } from "./baselineChildResolver";
import { startBaselineServer } from "./baselineServer";
import { benchToken, MASH_CALLER } from "./benchToken";
import { CHILD_QUERY as QUERY, accessFor, openBenchReferrals } from "./harness/workloads/disclosure";
import "../src/graphql/types/enums";
import "../src/graphql/types/child/enums";

/**
 * `npm run bench:disclosure`: `child` throughput and latency with governance (policy, redaction,
 * audit) against a baseline resolver that makes the same reads through the same HTTP, token and
 * GraphQL stack with no policy and no audit. Both run against the same data, alternating in rounds so
 * machine noise falls on both; the ratio is the figure that matters.
 */

interface Options { connections: number; seconds: number; rounds: number }

async function main(): Promise<void> {
  const options = new Command()
    .option("--connections <n>", "concurrent connections", (v) => Number(v), 50)
    .option("--seconds <n>", "seconds per measured round", (v) => Number(v), 10)
    .option("--rounds <n>", "measured rounds of each", (v) => Number(v), 5)
    .parse()
    .opts<Options>();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  const database = await benchDatabase("hub_bench");
  const config = loadConfig({ NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "true", PORT: "0", LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "20", ...(database.url ? { DATABASE_URL: database.url } : {}) });
  const logger = createLogger(config.logLevel);
  process.stdout.write(`setting up: ${database.url ? "PostgreSQL (fresh database)" : "embedded PostgreSQL (PGlite)"}, demo data…\n`);
  const hub = await createHub(config, logger);
  const governedPort = await hub.listen();

  const baselineServer = await startBaselineServer([BaselineChildResolver], hub.database.dataSource, config, logger, () => hub.database.isReachable());
  const baselinePort = baselineServer.port;

  const suis = await openBenchReferrals((sql, parameters) => hub.database.dataSource.query(sql, parameters));
  const token = await benchToken(config.auth.mode === "development" ? config.auth.keyDir : "", config.auth.issuer, config.auth.audience, MASH_CALLER);
  await check(governedPort, token, suis[0] ?? "", accessFor(0), true);
  await check(baselinePort, token, suis[0] ?? "", accessFor(0), false);

  process.stdout.write(`${suis.length} children; ${options.connections} connections; ${options.rounds} rounds of ${options.seconds} s each, alternating\n`);
  // autocannon stops at the end of its time with requests still in flight: each run waits for its
  // server to finish them, so no run overlaps the next one's and nothing is cut off at shutdown.
  const baseline = { port: baselinePort, idle: () => baselineServer.settled() };
  const governed = { port: governedPort, idle: () => hub.requestsInFlight.settled() };
  const run = async (server: typeof baseline, seconds: number) => {
    const result = await load(server.port, token, suis, options.connections, seconds);
    await server.idle();
    return result;
  };
  await run(baseline, 2);
  await run(governed, 2);
  const results: Record<"baseline" | "governed", autocannon.Result[]> = { baseline: [], governed: [] };
  for (let round = 1; round <= options.rounds; round++) {
    results.baseline.push(await run(baseline, options.seconds));
    results.governed.push(await run(governed, options.seconds));
    process.stdout.write(`round ${round}: baseline ${rate(results.baseline.at(-1))} req/s, governed ${rate(results.governed.at(-1))} req/s\n`);
  }

  const summary = (runs: autocannon.Result[]) => ({
    rps: median(runs.map((r) => r.requests.average)),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: median(runs.map((r) => r.latency.p99)),
    errors: runs.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
  });
  const ratios = results.governed.map((result, index) => result.requests.average / (results.baseline[index]?.requests.average ?? Number.NaN));
  const baselineSummary = summary(results.baseline);
  const governedSummary = summary(results.governed);
  const [{ count }] = await hub.database.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM disclosure_audit`);
  process.stdout.write(
    [
      "",
      `                 req/s    p50 ms   p99 ms   errors`,
      `baseline   ${fmt(baselineSummary.rps, 10)} ${fmt(baselineSummary.p50, 9)} ${fmt(baselineSummary.p99, 8)} ${fmt(baselineSummary.errors, 8)}`,
      `governed   ${fmt(governedSummary.rps, 10)} ${fmt(governedSummary.p50, 9)} ${fmt(governedSummary.p99, 8)} ${fmt(governedSummary.errors, 8)}`,
      `audit entries written: ${count}`,
      `ratio governed/baseline throughput: ${(governedSummary.rps / baselineSummary.rps).toFixed(2)} of the medians; per round ${ratios.map((r) => r.toFixed(2)).join(", ")}, median ${median(ratios).toFixed(2)} (target ≥ 0.85)`,
      "",
    ].join("\n"),
  );

  await baselineServer.close();
  await hub.stop();
  await database.drop();
}

async function load(port: number, token: string, suis: string[], connections: number, seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [{
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      setupRequest: (request) => {
        const index = next++ % suis.length;
        return { ...request, body: JSON.stringify({ query: QUERY, variables: { sui: suis[index], access: accessFor(index) } }) };
      },
    }],
  });
}

/** Refuses to measure a server that answers with errors instead of records. */
async function check(port: number, token: string, sui: string, access: ReturnType<typeof accessFor>, governed: boolean): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY, variables: { sui, access } }),
  });
  const body = (await response.json()) as { data?: { child: { disclosureId: string } | null }; errors?: unknown[] };
  if (body.errors || !body.data?.child) throw new Error(`${governed ? "governed" : "baseline"} server did not answer with a record: ${JSON.stringify(body).slice(0, 300)}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rate = (result: autocannon.Result | undefined) => Math.round(result?.requests.average ?? 0);
const fmt = (value: number, width: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1)).padStart(width);

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
