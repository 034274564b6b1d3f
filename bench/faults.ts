import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { Client } from "pg";
import winston from "winston";
import { verifyAuditChain } from "../src/audit/verifyAuditChain";
import { DEFAULT_AUDIENCE, DEV_ISSUER } from "../src/config/config";
import { openDatabase } from "../src/db/database";
import { createLogger } from "../src/logging/logger";
import { benchToken } from "./benchToken";
import { drive } from "./harness/drive";
import { startHubProcess, stopHubProcess, waitUntilReady, type HubProcess } from "./harness/hubProcess";
import { freePort, startOwnPostgres, type OwnPostgres } from "./harness/ownPostgres";
import { ResponseTally } from "./harness/responseTally";
import { type GraphQLRequest } from "./harness/workload";
import { disclosureWorkload } from "./harness/workloads/disclosure";
import { igWorkload } from "./harness/workloads/ig";
import { submitWorkload } from "./harness/workloads/submit";

/**
 * `npm run bench:faults [-- --connections 50 --seconds 40 --grace 3]`: mixed traffic (six in ten
 * disclosures, three submissions, one IG read of the trail) on two hub processes built from `dist/`,
 * on a PostgreSQL cluster of this script's own. Under that load it SIGKILLs one hub and starts it
 * again, then restarts the database; afterwards every disclosure id a response carried must be on the
 * trail and every chain must verify. 5xx answers are allowed only while a fault is injected (from the
 * kill or the restart until every hub answers `/readyz` again, plus `--grace` seconds).
 */
const options = new Command()
  .option("--connections <n>", "concurrent connections, shared between the hubs", "50")
  .option("--seconds <n>", "seconds of load", "40")
  .option("--grace <n>", "seconds after recovery still counted as the fault", "3")
  .parse()
  .opts<{ connections: string; seconds: string; grace: string }>();
const CONNECTIONS = Number(options.connections);
const SECONDS = Number(options.seconds);
const GRACE_MS = Number(options.grace) * 1000;
/** Of every ten requests: six disclosures, three submissions, one IG read. */
const MIX = [disclosureWorkload, disclosureWorkload, disclosureWorkload, disclosureWorkload, disclosureWorkload, disclosureWorkload, submitWorkload, submitWorkload, submitWorkload, igWorkload];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  if (!(CONNECTIONS >= 2) || !(SECONDS >= 10) || !(GRACE_MS >= 0)) throw new RangeError("--connections ≥ 2, --seconds ≥ 10, --grace ≥ 0");
  let postgres: OwnPostgres | undefined;
  const hubs: HubProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-faults-"));
  // Interrupted, the cluster of our own still goes.
  const interrupted = () => void postgres?.destroy().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    postgres = await startOwnPostgres();
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query("CREATE DATABASE hub_faults");
    await admin.end();
    const databaseUrl = postgres.url.replace(/\/postgres$/, "/hub_faults");
    say(`PostgreSQL cluster of our own at ${new URL(postgres.url).host}; first hub loading the demo data…`);

    const ports = [await freePort(), await freePort()];
    hubs.push(await startHubProcess(ports[0], databaseUrl, dataDir, true));
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const query = async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as unknown[];
    const prepared = new Map<string, (index: number) => GraphQLRequest>();
    const tokens = new Map<string, string>();
    for (const workload of new Set(MIX)) {
      prepared.set(workload.name, (await workload.prepare(query)).governed);
      tokens.set(workload.name, await benchToken(path.join(dataDir, "dev-keys"), DEV_ISSUER, DEFAULT_AUDIENCE, workload.caller));
    }
    await client.end();
    hubs.push(await startHubProcess(ports[1], databaseUrl, dataDir, false));
    const pick = (index: number) => MIX[index % MIX.length];
    const request = (index: number) => (prepared.get(pick(index).name) as (index: number) => GraphQLRequest)(Math.floor(index / MIX.length));
    const token = (index: number) => tokens.get(pick(index).name) as string;

    let fault: string | null = null;
    const currentFault = () => fault;
    const tally = new ResponseTally();
    const started = Date.now();
    const at = (share: number) => sleep(Math.max(0, started + share * SECONDS * 1000 - Date.now()));
    const recovered = async () => {
      await Promise.all(hubs.map((hub) => waitUntilReady(hub.port)));
      await sleep(GRACE_MS);
    };
    const injected: string[] = [];
    const faultScript = (async () => {
      await at(0.2);
      fault = "hub SIGKILLed";
      let since = Date.now();
      await stopHubProcess(hubs[0], "SIGKILL");
      hubs[0] = await startHubProcess(ports[0], databaseUrl, dataDir, false);
      await recovered();
      fault = null;
      injected.push(`hub SIGKILLed and started again: ${((Date.now() - since - GRACE_MS) / 1000).toFixed(1)} s until it served`);
      await at(0.55);
      fault = "database restarted";
      since = Date.now();
      await postgres.restart();
      await recovered();
      fault = null;
      injected.push(`database restarted (pg_ctl restart -m fast): ${((Date.now() - since - GRACE_MS) / 1000).toFixed(1)} s until both hubs were ready`);
    })();
    say(`${CONNECTIONS} connections for ${SECONDS} s across ${hubs.length} hubs: SIGKILL at ${(0.2 * SECONDS).toFixed(0)} s, database restart at ${(0.55 * SECONDS).toFixed(0)} s`);
    const results = await Promise.all(hubs.map((hub, index) => drive({ port: hub.port, token, connections: Math.floor(CONNECTIONS / hubs.length) + (index < CONNECTIONS % hubs.length ? 1 : 0), seconds: SECONDS, request, currentFault: () => (currentFault() === null ? null : `${currentFault()}, answered by ${index === 0 ? "the hub killed" : "the other hub"}`), tally })));
    await faultScript;
    for (const line of injected) say(line);
    for (const [name, count] of tally.serverErrorsByFault) say(`5xx while ${name}: ${count}`);

    // Every response was answered after its audit entry committed: each disclosure id must be there.
    const after = await openDatabase({ databaseUrl, dataDir, poolSize: 2 }, createLogger("error", [new winston.transports.Console({ silent: true })]));
    let gaps: string[];
    let breaks: unknown[];
    let entries: number;
    try {
      const ids = [...tally.disclosureIds];
      const found = new Set((await after.dataSource.query<{ id: string }[]>(`SELECT id FROM disclosure_audit WHERE id = ANY($1::uuid[])`, [ids])).map((row) => row.id));
      gaps = ids.filter((id) => !found.has(id));
      const verification = await verifyAuditChain(after.dataSource);
      breaks = verification.breaks;
      entries = verification.entriesChecked;
    } finally {
      await after.close();
    }
    const counts = tally.counts;
    const rps = results.reduce((sum, result) => sum + result.rps, 0);
    say([
      "",
      `responses ${counts.responses} (${Math.round(rps)} req/s across the hubs): ok ${counts.ok}, GraphQL errors ${counts.graphqlErrors}, 4xx ${counts.clientErrors}, 5xx ${counts.serverErrors} (of them 503 ${counts.unavailable}), connection errors ${counts.connectionErrors}`,
      `5xx outside a fault: ${counts.serverErrorsOutsideFaults} (must be 0)`,
      `disclosure ids answered: ${tally.disclosureIds.size}; missing from the audit trail: ${gaps.length} (must be 0)${gaps.length > 0 ? `: ${gaps.slice(0, 5).join(", ")}` : ""}`,
      `audit chains: ${entries} entries checked, ${breaks.length} breaks (must be 0)${breaks.length > 0 ? `: ${JSON.stringify(breaks.slice(0, 3))}` : ""}`,
    ].join("\n"));
    const held = counts.serverErrorsOutsideFaults === 0 && gaps.length === 0 && breaks.length === 0 && tally.disclosureIds.size > 0;
    say(held ? "held: no 5xx outside the faults, no audit gap, every chain verifies" : "NOT held");
    process.exitCode = held ? 0 : 1;
  } finally {
    await Promise.all(hubs.map((hub) => stopHubProcess(hub)));
    await postgres?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
