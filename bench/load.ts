import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { loadConfig } from "../src/config/config";
import { createLogger } from "../src/logging/logger";
import { createHub } from "../src/hub";
import { benchDatabase } from "./benchDatabase";
import { benchToken } from "./benchToken";
import { startBaselineServer } from "./baselineServer";
import { BaselineChildResolver } from "./baselineChildResolver";
import { BaselineSubmitResolver } from "./import/baselineSubmitResolver";
import { drive, type DriveResult } from "./harness/drive";
import { errorRate } from "./harness/responseTally";
import { WORKLOADS } from "./harness/workloads";
import "../src/graphql/types/enums";
import "../src/graphql/types/child/enums";

/**
 * `npm run bench [-- --levels 10,50,200 --seconds 5 --workloads disclosure,submit,ig]`: every workload
 * (`harness/workloads/`) at each connection level against the hub, and against its ungoverned
 * counterpart on the baseline server (same process, data, HTTP, token and GraphQL stack), one after
 * the other; throughput, p50/p99, error rates (5xx apart) and the governed/ungoverned ratio.
 */
const options = new Command()
  .option("--levels <list>", "connection levels, comma-separated", "10,50,200")
  .option("--seconds <n>", "seconds per run (each workload, level and server)", "5")
  .option("--workloads <list>", "workloads to run, comma-separated", WORKLOADS.map((workload) => workload.name).join(","))
  .parse()
  .opts<{ levels: string; seconds: string; workloads: string }>();
const LEVELS = options.levels.split(",").map(Number);
const SECONDS = Number(options.seconds);
const CHOSEN = options.workloads.split(",");

const row = (cells: (string | number)[], widths: number[]) => cells.map((cell, index) => String(cell).padStart(widths[index] ?? 8)).join(" ");
const WIDTHS = [12, 6, 9, 8, 8, 8, 8, 8, 7];

async function main(): Promise<void> {
  if (LEVELS.some((level) => !Number.isInteger(level) || level < 1) || !(SECONDS > 0)) throw new RangeError("--levels are whole numbers ≥ 1, --seconds > 0");
  const unknown = CHOSEN.filter((name) => !WORKLOADS.some((workload) => workload.name === name));
  if (unknown.length > 0) throw new RangeError(`unknown workload ${unknown.join(", ")}: one of ${WORKLOADS.map((workload) => workload.name).join(", ")}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-load-"));
  const database = await benchDatabase("hub_bench_load");
  const config = loadConfig({ NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "true", PORT: "0", LOG_LEVEL: "error", DATABASE_POOL_SIZE: "20", ...(database.url ? { DATABASE_URL: database.url } : {}) });
  const logger = createLogger(config.logLevel);
  process.stdout.write(`setting up: ${database.url ? "PostgreSQL (fresh database)" : "embedded PostgreSQL (PGlite)"}, demo data…\n`);
  const hub = await createHub(config, logger);
  const hubPort = await hub.listen();
  const dataSource = hub.database.dataSource;
  const baseline = await startBaselineServer([BaselineChildResolver, BaselineSubmitResolver], dataSource, config, logger, () => hub.database.isReachable());
  const keyDir = config.auth.mode === "development" ? config.auth.keyDir : "";
  try {
    process.stdout.write(`${LEVELS.join(", ")} connections; ${SECONDS} s a run; governed (the hub) then ungoverned (baseline) at each level\n\n`);
    process.stdout.write(`${row(["workload", "conns", "server", "req/s", "p50 ms", "p99 ms", "err %", "5xx", "ratio"], WIDTHS)}\n`);
    for (const workload of WORKLOADS.filter((candidate) => CHOSEN.includes(candidate.name))) {
      if (workload.postgresOnly !== null && database.url === undefined) {
        process.stdout.write(`${workload.name.padStart(12)}  measured on PostgreSQL only (set DATABASE_URL): ${workload.postgresOnly}\n`);
        continue;
      }
      const requests = await workload.prepare((sql, parameters) => dataSource.query(sql, parameters));
      const token = await benchToken(keyDir, config.auth.issuer, config.auth.audience, workload.caller);
      const run = async (port: number, request: typeof requests.governed, connections: number, seconds: number, settled: () => Promise<void>) => {
        const result = await drive({ port, token, connections, seconds, request });
        // autocannon stops with requests in flight: wait for them, so no run overlaps the next.
        await settled();
        return result;
      };
      // A short warm-up of each, not counted.
      await run(hubPort, requests.governed, 10, 1, () => hub.requestsInFlight.settled());
      if (requests.ungoverned) await run(baseline.port, requests.ungoverned.request, 10, 1, () => baseline.settled());
      for (const level of LEVELS) {
        const governed = await run(hubPort, requests.governed, level, SECONDS, () => hub.requestsInFlight.settled());
        const ungoverned = requests.ungoverned ? await run(baseline.port, requests.ungoverned.request, level, SECONDS, () => baseline.settled()) : null;
        const line = (server: string, result: DriveResult, ratio: string) => {
          const counts = result.tally.counts;
          const failed = counts.graphqlErrors + counts.clientErrors + counts.serverErrors + counts.connectionErrors;
          return row([workload.name, level, server, Math.round(result.rps), result.p50, result.p99, errorRate(failed, counts.responses + counts.connectionErrors), counts.serverErrors, ratio], WIDTHS);
        };
        process.stdout.write(`${line("governed", governed, ungoverned ? (governed.rps / ungoverned.rps).toFixed(2) : "—")}\n`);
        if (ungoverned) process.stdout.write(`${line("ungoverned", ungoverned, "")}\n`);
      }
      if (requests.ungoverned) process.stdout.write(`${"".padStart(12)}  ungoverned: ${requests.ungoverned.label}\n`);
    }
    const [{ count }] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM disclosure_audit`);
    process.stdout.write(`\nratio: governed ÷ ungoverned req/s at the same level; err %: 4xx, 5xx, GraphQL errors and connection errors over all requests; audit entries written: ${count}\n`);
  } finally {
    await baseline.close();
    await hub.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
