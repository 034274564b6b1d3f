import "reflect-metadata";
import { createHash, randomUUID } from "node:crypto";
import { Command } from "commander";
import { type DataSource } from "typeorm";
import { openDatabase, type Database } from "../src/db/database";
import { createLogger } from "../src/logging/logger";
import { linkRecords, type LinkRequest } from "../src/identity/linkRecords";
import { defaultMatchWeights } from "../src/identity/matching/defaultMatchWeights";
import { type ReportedIdentity } from "../src/identity/ReportedIdentity";
import { type Sex } from "../src/people/Sex";
import { generateRegistry, SYNTHETIC_SUI_CAPACITY } from "./linkage/syntheticPopulation";
import { loadRegistry } from "./linkage/registryTables";
import { describeNoiseModel, generateIncoming, NOISE_KINDS, type IncomingRecord } from "./linkage/noisyRecords";
import { formatLinkageReport, LinkageTally, RecallByNoise } from "./linkage/linkageMetrics";
import { benchDatabase } from "./benchDatabase";

/**
 * `npm run bench:linkage [-- --registry 100000 --incoming 20000 --seed 42 --batch 500]`
 *
 * Loads a seeded synthetic registry of children (with their names, addresses, match profiles and
 * blocking keys) into a fresh database, stores the noisy incoming records as agency records without
 * an SUI, then links them incrementally with the hub's own matcher (`identity/linkRecords.ts`), batch
 * by batch, each batch one transaction that also writes every decision: links, reviews, new children,
 * link history. Prints pairwise precision and recall per band, pairs completeness of the blocking, and
 * records per second of linking. DATABASE_URL's server if set (a fresh database, dropped afterwards),
 * otherwise embedded PostgreSQL in memory.
 */
const program = new Command()
  .option("--registry <n>", "children already in the hub", "100000")
  .option("--incoming <n>", "records to link", "20000")
  .option("--seed <n>", "seed for the generator", "42")
  .option("--batch <n>", "records linked per transaction", "500")
  .option("--keep", "keep the database afterwards (PostgreSQL only), to inspect plans", false)
  .parse();
const options = program.opts<{ registry: string; incoming: string; seed: string; batch: string; keep: boolean }>();
const REGISTRY = Number(options.registry);
const INCOMING = Number(options.incoming);
const SEED = Number(options.seed);
const BATCH = Number(options.batch);
const AGENCY = "GP-BENCH";
const LOAD_CHUNK = 5000;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function identityOf(record: IncomingRecord): ReportedIdentity {
  const facts = record.facts;
  return {
    givenNames: facts.givenNames,
    familyName: facts.familyName,
    dateOfBirth: facts.dateOfBirth,
    expectedDateOfBirth: facts.dateOfBirth === null ? "2027-01-01" : null,
    sex: (facts.sex ?? "NOT_KNOWN") as Sex,
    postcode: facts.postcode,
    address: facts.postcode === null ? null : { kind: "HOME", line1: "Reported address", postcode: facts.postcode },
  };
}

/** The incoming records as stored agency records without an SUI, awaiting linking: storage, not linking. */
async function storeIncoming(dataSource: DataSource, incoming: IncomingRecord[]): Promise<string[]> {
  const ids = incoming.map(() => randomUUID());
  for (let start = 0; start < incoming.length; start += LOAD_CHUNK) {
    const rows = incoming.slice(start, start + LOAD_CHUNK).map((record, offset) => {
      const identity = identityOf(record);
      return { id: ids[start + offset], reference: `BENCH-${start + offset}`, identity, hash: createHash("sha256").update(JSON.stringify(identity)).digest("hex") };
    });
    await dataSource.query(
      `INSERT INTO agency_record (id, agency_code, agency_reference, record_type, reported_identity, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash)
       SELECT x.id, '${AGENCY}', x.reference, 'HEALTH', x.identity, 'PROBABILISTIC', 'POSSIBLE', 'AUTO', 'bench', now(), x.hash
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, reference text, identity jsonb, hash text)`,
      [JSON.stringify(rows)],
    );
  }
  return ids;
}

async function main(): Promise<void> {
  if (REGISTRY > SYNTHETIC_SUI_CAPACITY) throw new RangeError(`--registry is at most ${SYNTHETIC_SUI_CAPACITY}: the 999 test range holds no more valid NHS numbers.`);
  const logger = createLogger("warn");
  const target = await benchDatabase("hub_bench_linkage", options.keep);
  let database: Database | null = null;
  try {
    database = await openDatabase({ databaseUrl: target.url, dataDir: "", poolSize: 4, inMemory: true }, logger);
    const dataSource = database.dataSource;
    await dataSource.query(`INSERT INTO agency (code, name, type, contact_email, active) VALUES ($1, 'Benchmark Surgery', 'HEALTH', 'bench@example.org', true)`, [AGENCY]);
    const weights = defaultMatchWeights();
    const mode = target.url === undefined ? "embedded PostgreSQL (PGlite)" : "PostgreSQL";
    process.stdout.write(`Linkage benchmark on ${mode}: registry ${REGISTRY.toLocaleString("en-GB")}, incoming ${INCOMING.toLocaleString("en-GB")}, seed ${SEED}, batches of ${BATCH}, match parameters v${weights.version}\n\n`);

    let started = process.hrtime.bigint();
    const registry = generateRegistry(REGISTRY, SEED);
    const incoming = generateIncoming(registry, INCOMING, SEED + 1);
    process.stdout.write(`generated in ${seconds(started).toFixed(1)} s\n`);
    started = process.hrtime.bigint();
    const entityOfChild = await loadRegistry(dataSource, registry, AGENCY);
    const loadSeconds = seconds(started);
    process.stdout.write(`registry loaded in ${loadSeconds.toFixed(1)} s (${Math.round(REGISTRY / loadSeconds).toLocaleString("en-GB")} children/s, with profiles and blocking keys)\n`);
    // As autovacuum would after a bulk load: the planner needs to know the tables' sizes.
    await dataSource.query(`ANALYZE`);
    const [{ keys }] = await dataSource.query<[{ keys: number }]>(`SELECT count(*)::int AS keys FROM child_match_key`);
    process.stdout.write(`blocking keys: ${keys.toLocaleString("en-GB")} (${(keys / REGISTRY).toFixed(1)} per child)\n`);
    started = process.hrtime.bigint();
    const recordIds = await storeIncoming(dataSource, incoming);
    process.stdout.write(`incoming records stored in ${seconds(started).toFixed(1)} s\n\n`);

    const tally = new LinkageTally((entityId) => entityId >= 1 && entityId <= REGISTRY);
    const entity = (childId: string): number => {
      const found = entityOfChild.get(childId);
      if (found === undefined) throw new Error("a candidate child the benchmark does not know");
      return found;
    };
    let linkSeconds = 0;
    const falseAutoLinks: { recordId: string; twinLike: boolean }[] = [];
    const recallByNoise = new RecallByNoise();
    // Why true matches were not auto-linked: the band and the deciding rule.
    const notAutoLinked = new Map<string, number>();
    for (let start = 0; start < incoming.length; start += BATCH) {
      const batch = incoming.slice(start, start + BATCH);
      const requests: LinkRequest[] = batch.map((record, offset) => ({ recordId: recordIds[start + offset], agencyCode: AGENCY, identity: identityOf(record) }));
      const batchStarted = process.hrtime.bigint();
      const results = await dataSource.transaction((manager) => linkRecords(manager, requests, { weights, decidedBy: `linkage/v${weights.version}`, now: new Date() }));
      linkSeconds += seconds(batchStarted);
      results.forEach((result, offset) => {
        const record = batch[offset];
        // A new child stands for the true entity of the record that created it.
        if (result.band === "NEW_CHILD" && result.childId !== null) entityOfChild.set(result.childId, record.trueEntityId);
        if (result.band === "AUTO_LINK" && result.childId !== null && entity(result.childId) !== record.trueEntityId) {
          // A twin: the linked child and the record's true child share a household and a date of birth.
          const linked = registry[entity(result.childId) - 1];
          const truth = registry[record.trueEntityId - 1];
          const twinLike = linked !== undefined && (record.twinOf === linked.entityId || (truth !== undefined && linked.householdId === truth.householdId && linked.dateOfBirth === truth.dateOfBirth));
          falseAutoLinks.push({ recordId: result.recordId, twinLike });
        }
        const verdict = tally.record({
          trueEntityId: record.trueEntityId,
          band: result.band,
          ...(result.band === "AUTO_LINK" && result.childId !== null ? { linkedEntityId: entity(result.childId) } : {}),
          ...(result.band === "REVIEW" ? { reviewCandidateEntityIds: result.reviewCandidateIds.map(entity) } : {}),
          blockedCandidateEntityIds: result.blockedCandidateIds.map(entity),
        });
        recallByNoise.add(record.noise, verdict);
        if (verdict.trueMatch && !verdict.correctAutoLink) notAutoLinked.set(`${result.band} ${result.rule}`, (notAutoLinked.get(`${result.band} ${result.rule}`) ?? 0) + 1);
      });
      process.stderr.write(`\rlinked ${Math.min(start + BATCH, incoming.length)} / ${incoming.length}`);
    }
    process.stderr.write("\n");
    const metrics = tally.metrics();
    process.stdout.write(`${formatLinkageReport(metrics)}\n\n${recallByNoise.format(NOISE_KINDS)}\n\n`);
    process.stdout.write(`True matches not auto-linked, by the rule that decided:\n${[...notAutoLinked].sort(([, a], [, b]) => b - a).map(([rule, n]) => `  ${String(n).padStart(6)}  ${rule}`).join("\n")}\n\n`);
    if (falseAutoLinks.length > 0) {
      const rows = await dataSource.query<{ id: string; link_evidence: { score: number; levels: Record<string, string> } }[]>(`SELECT id, link_evidence FROM agency_record WHERE id = ANY($1::uuid[])`, [falseAutoLinks.map((f) => f.recordId)]);
      process.stdout.write("False auto-links (synthetic records; the levels that linked them):\n");
      for (const { recordId, twinLike } of falseAutoLinks) {
        const evidence = rows.find((row) => row.id === recordId)?.link_evidence;
        process.stdout.write(`  score ${evidence?.score.toFixed(1)}  ${Object.entries(evidence?.levels ?? {}).map(([field, level]) => `${field}=${level}`).join(" ")}${twinLike ? "  (same family name and date of birth: a twin)" : ""}\n`);
      }
      process.stdout.write("\n");
    }
    const rate = INCOMING / linkSeconds;
    process.stdout.write(`linking: ${INCOMING.toLocaleString("en-GB")} records in ${linkSeconds.toFixed(1)} s = ${Math.round(rate).toLocaleString("en-GB")} records/s (blocking, scoring, decisions and every write, in batches of ${BATCH})\n\n`);
    const check = (label: string, value: number | null, target: number, higher = true) =>
      process.stdout.write(`  ${value !== null && (higher ? value >= target : value <= target) ? "met   " : "NOT MET"} ${label}: ${value === null ? "n/a" : value.toFixed(4)} (target ${higher ? "≥" : "≤"} ${target})\n`);
    const twinCrossLinks = falseAutoLinks.filter((link) => link.twinLike).length;
    process.stdout.write("Targets (100k registry / 20k incoming, seeds 1–3):\n");
    check("false auto-links", metrics.falseAutoLinks, 0, false);
    check("twins auto-linked to each other", twinCrossLinks, 0, false);
    check("auto+review recall", metrics.autoOrReviewRecall.value, 0.995);
    check("true matches decided without review", metrics.autoLinkRecall.value, 0.92);
    check("blocking pairs completeness", metrics.blockingPairsCompleteness.value, 0.997);
    process.stdout.write(`\nNoise model:\n${describeNoiseModel()}\n`);
  } finally {
    if (database !== null) await database.close();
    await target.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:linkage failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
