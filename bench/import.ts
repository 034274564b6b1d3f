import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Command } from "commander";
import { type DataSource } from "typeorm";
import { loadConfig } from "../src/config/config";
import { createLogger } from "../src/logging/logger";
import { createHub } from "../src/hub";
import { importPrincipal } from "../src/records/import/importPrincipal";
import { DEFAULT_CHECKPOINT_EVERY, importRecords } from "../src/records/import/importRecords";
import { type IdentityFacts } from "../src/identity/matching/comparisonVector";
import { seededRandom } from "../src/demo/seededRandom";
import { benchDatabase } from "./benchDatabase";
import { startBaselineServer } from "./baselineServer";
import { benchToken, type BenchCaller } from "./benchToken";
import { generateRegistry, SYNTHETIC_SUI_CAPACITY, type RegistryChild } from "./linkage/syntheticPopulation";
import { generateIncoming } from "./linkage/noisyRecords";
import { loadRegistry } from "./linkage/registryTables";
import { BaselineSubmitResolver } from "./import/baselineSubmitResolver";
import "../src/graphql/types/enums";
import "../src/graphql/types/child/enums";

/**
 * `npm run bench:import [-- --registry 100000 --incoming 20000 --submitters 50 --seconds 10 --rounds 3]`
 *
 * Loads a seeded synthetic registry into a fresh database (DATABASE_URL's server, or embedded PostgreSQL
 * in memory), then measures, through the hub's own code:
 *
 * 1. `npm run import:records`'s code path (`importRecords`: parsing, the submission checks, the batched
 *    write path) on two NDJSON files: records carrying their child's SUI, and noisy records without one
 *    (linked by matching) — records/s for each;
 * 2. on PostgreSQL, `submitters` concurrent single `submitRecord` calls over HTTP for `seconds` per round,
 *    rounds alternating: the hub (submissions grouped into batches), the way it stored them before
 *    (each record in its own transaction), and a no-op mutation through the same stack. Records stored
 *    per second (counted in the database), and the ratios.
 */
const program = new Command()
  .option("--registry <n>", "children already in the hub", "100000")
  .option("--incoming <n>", "records in each import file", "20000")
  .option("--seed <n>", "seed for the generator", "42")
  .option("--batch <n>", "records per import batch", String(DEFAULT_CHECKPOINT_EVERY))
  .option("--submitters <n>", "concurrent single submitters (0: skip; PostgreSQL only)", "50")
  .option("--seconds <n>", "seconds per measured round of submitters", "10")
  .option("--rounds <n>", "measured rounds of each kind of submitter", "3")
  .option("--keep", "keep the database afterwards (PostgreSQL only)", false)
  .parse();
const options = program.opts<{ registry: string; incoming: string; seed: string; batch: string; submitters: string; seconds: string; rounds: string; keep: boolean }>();
const REGISTRY = Number(options.registry);
const INCOMING = Number(options.incoming);
const SEED = Number(options.seed);
const SUBMITTERS = Number(options.submitters);
const SECONDS = Number(options.seconds);
const ROUNDS = Number(options.rounds);
const BY_SUI = "GP-BENCH-SUI";
const BY_MATCHING = "GP-BENCH";
/** The surgery system sending single submissions. */
const SYSTEM: BenchCaller = { sub: "bench-system", name: "Benchmark surgery system", agency: BY_MATCHING, agency_type: "HEALTH", roles: ["AGENCY_SYSTEM"], la: "E06000060" };
const HEALTH = { gpPracticeCode: "K99001", gpPracticeName: "Benchmark Surgery", registeredOn: "2015-05-01" };

const SUBMIT = "mutation ($record: AgencyRecordInput!) { submitRecord(record: $record) { recordId outcome link { outcome } } }";
const NOOP = "mutation ($record: AgencyRecordInput!) { noop(record: $record) }";

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const perSecond = (count: number, elapsed: number) => Math.round(count / elapsed).toLocaleString("en-GB");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** A slip that puts a birth in the future (a recent date with day and month swapped) is refused by the hub, as from any agency. */
const acceptedBirth = (facts: IdentityFacts) => facts.dateOfBirth === null || facts.dateOfBirth <= new Date().toISOString().slice(0, 10);

/** A record without an SUI, as an agency would send what it knows of a child. */
function recordOf(agencyReference: string, facts: IdentityFacts, sui: string | null = null) {
  return {
    agencyCode: sui === null ? BY_MATCHING : BY_SUI,
    agencyReference,
    child: {
      ...(sui === null ? {} : { sui }),
      givenNames: facts.givenNames,
      familyName: facts.familyName,
      ...(facts.dateOfBirth === null ? { expectedDateOfBirth: "2027-01-01" } : { dateOfBirth: facts.dateOfBirth }),
      sex: facts.sex ?? "NOT_KNOWN",
      ...(facts.postcode === null ? {} : { address: { kind: "HOME", line1: "Reported address", postcode: facts.postcode } }),
    },
    health: HEALTH,
  };
}

function writeNdjson(file: string, records: unknown[]): void {
  fs.writeFileSync(file, `${records.map((record) => JSON.stringify(record)).join("\n")}\n`);
}

async function timeImport(dataSource: DataSource, agencyCode: string, file: string, label: string): Promise<number> {
  const started = process.hrtime.bigint();
  const summary = await importRecords({ dataSource, principal: await importPrincipal(dataSource, agencyCode), filePath: file, checkpointPath: `${file}.checkpoint.json`, batchSize: Number(options.batch) });
  const elapsed = seconds(started);
  const rejected = Object.values(summary.tallies.rejected).reduce((sum, n) => sum + n, 0);
  if (rejected > 0) throw new Error(`${label}: ${rejected} records refused (${JSON.stringify(summary.tallies.rejected)}): the benchmark's records must all be accepted`);
  process.stdout.write(`${label.padEnd(22)} ${summary.tallies.read.toLocaleString("en-GB").padStart(7)} records in ${elapsed.toFixed(1).padStart(6)} s: ${perSecond(summary.tallies.read, elapsed).padStart(6)} records/s   links ${JSON.stringify(summary.tallies.links)}\n`);
  return summary.tallies.read / elapsed;
}

async function main(): Promise<void> {
  if (REGISTRY > SYNTHETIC_SUI_CAPACITY) throw new RangeError(`--registry is at most ${SYNTHETIC_SUI_CAPACITY}: the 999 test range holds no more valid NHS numbers.`);
  const target = await benchDatabase("hub_bench_import", options.keep);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-import-"));
  const config = loadConfig({ NODE_ENV: "development", HUB_DATA_DIR: directory, HUB_DEMO_DATA: "false", PORT: "0", LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "20", ...(target.url ? { DATABASE_URL: target.url } : {}) });
  const logger = createLogger(config.logLevel);
  const hub = await createHub(config, logger, { inMemory: true });
  const dataSource = hub.database.dataSource;
  try {
    const mode = target.url === undefined ? "embedded PostgreSQL (PGlite)" : "PostgreSQL";
    process.stdout.write(`Import benchmark on ${mode}: registry ${REGISTRY.toLocaleString("en-GB")}, ${INCOMING.toLocaleString("en-GB")} records per file, import batches of ${options.batch}, seed ${SEED}\n\n`);
    for (const code of [BY_SUI, BY_MATCHING]) {
      await dataSource.query(`INSERT INTO agency (code, name, type, local_authority, contact_email, active) VALUES ($1, $2, 'HEALTH', 'E06000060', 'bench@example.org', true)`, [code, `Benchmark surgery ${code}`]);
    }
    const started = process.hrtime.bigint();
    const registry = generateRegistry(REGISTRY, SEED);
    await loadRegistry(dataSource, registry, BY_SUI);
    await dataSource.query("ANALYZE");
    process.stdout.write(`registry loaded in ${seconds(started).toFixed(1)} s (setup, not measured)\n`);

    const random = seededRandom(SEED + 7);
    const known = Array.from({ length: INCOMING }, () => random.pick(registry));
    const bySuiFile = path.join(directory, "with-sui.ndjson");
    writeNdjson(bySuiFile, known.map((child, index) => recordOf(`SUI-${index}`, child, child.sui)));
    const byMatchingFile = path.join(directory, "without-sui.ndjson");
    const noisy = generateIncoming(registry, INCOMING, SEED + 1).filter((record) => acceptedBirth(record.facts));
    if (noisy.length < INCOMING) process.stdout.write(`${INCOMING - noisy.length} noisy records left out: a date of birth in the future\n`);
    writeNdjson(byMatchingFile, noisy.map((record, index) => recordOf(`NOSUI-${index}`, record.facts)));

    process.stdout.write("\nimport:records (importRecords, the command's own code path)\n");
    const withSui = await timeImport(dataSource, BY_SUI, bySuiFile, "records with an SUI");
    const withoutSui = await timeImport(dataSource, BY_MATCHING, byMatchingFile, "records without an SUI");
    process.stdout.write(`target ≥ 1,000 records/s each: ${withSui >= 1000 ? "met" : "NOT met"} with an SUI, ${withoutSui >= 1000 ? "met" : "NOT met"} without\n`);

    if (SUBMITTERS > 0 && target.url !== undefined) await concurrentSubmitters(hub.listen.bind(hub), dataSource, config, registry);
    else if (SUBMITTERS > 0) process.stdout.write("\nconcurrent submitters: measured on PostgreSQL only (set DATABASE_URL)\n");
  } finally {
    await hub.stop();
    await target.drop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

type Kind = "grouped" | "oneByOne" | "noop";

async function concurrentSubmitters(listen: () => Promise<number>, dataSource: DataSource, config: ReturnType<typeof loadConfig>, registry: RegistryChild[]): Promise<void> {
  const logger = createLogger(config.logLevel);
  const hubPort = await listen();
  const baselineServer = await startBaselineServer([BaselineSubmitResolver], dataSource, config, logger, async () => true);
  const baselinePort = baselineServer.port;
  const token = await benchToken(config.auth.mode === "development" ? config.auth.keyDir : "", config.auth.issuer, config.auth.audience, SYSTEM);
  // Records as agencies send them, about children known and not: matched, reviewed or new, never the same reference twice.
  const pool = generateIncoming(registry, 5000, SEED + 2).map((record) => record.facts).filter(acceptedBirth);
  let counter = 0;

  const round = async (kind: Kind, duration: number): Promise<number> => {
    const prefix = `${kind}-${counter++}-`;
    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${kind === "grouped" ? hubPort : baselinePort}`,
      connections: SUBMITTERS,
      duration,
      requests: [{
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        setupRequest: (request) => {
          const index = next++;
          return { ...request, body: JSON.stringify({ query: kind === "noop" ? NOOP : SUBMIT, variables: { record: recordOf(`${prefix}${index}`, pool[index % pool.length]) } }) };
        },
      }],
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${kind}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
    if (kind === "noop") return result.requests.total / duration;
    const [{ count }] = await dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM agency_record WHERE agency_reference LIKE $1`, [`${prefix}%`]);
    // Every request answered 2xx must have stored its record: a GraphQL error also answers 200.
    if (count < result.requests.total - SUBMITTERS) throw new Error(`${kind}: ${result.requests.total} requests answered but ${count} records stored`);
    return count / duration;
  };

  process.stdout.write(`\n${SUBMITTERS} concurrent single submitters (submitRecord over HTTP, records without an SUI), ${ROUNDS} rounds of ${SECONDS} s each, alternating\n`);
  for (const kind of ["grouped", "oneByOne", "noop"] as const) await round(kind, 2);
  const rates: Record<Kind, number[]> = { grouped: [], oneByOne: [], noop: [] };
  for (let index = 1; index <= ROUNDS; index++) {
    for (const kind of ["oneByOne", "grouped", "noop"] as const) rates[kind].push(await round(kind, SECONDS));
    process.stdout.write(`round ${index}: grouped ${Math.round(rates.grouped.at(-1) ?? 0)} records/s, one transaction each ${Math.round(rates.oneByOne.at(-1) ?? 0)} records/s, no-op ${Math.round(rates.noop.at(-1) ?? 0)} req/s\n`);
  }
  const ratio = (a: number[], b: number[]) => median(a.map((value, index) => value / (b[index] ?? Number.NaN)));
  const overOneByOne = ratio(rates.grouped, rates.oneByOne);
  const overNoop = ratio(rates.grouped, rates.noop);
  process.stdout.write(
    [
      `median records/s: grouped ${Math.round(median(rates.grouped))}, one transaction each ${Math.round(median(rates.oneByOne))}; no-op mutation ${Math.round(median(rates.noop))} req/s`,
      `grouped ÷ one transaction each: median of rounds ${overOneByOne.toFixed(2)} (target ≥ 5): ${overOneByOne >= 5 ? "met" : "NOT met"}`,
      `grouped ÷ no-op mutation:       median of rounds ${overNoop.toFixed(2)} (target ≥ 0.6): ${overNoop >= 0.6 ? "met" : "NOT met"}`,
      "",
    ].join("\n"),
  );
  await baselineServer.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
