import "reflect-metadata";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { type DataSource } from "typeorm";
import winston from "winston";
import { type AuditCheckpoint } from "../src/audit/AuditCheckpoint";
import { DisclosureAuditEntry } from "../src/audit/DisclosureAuditEntry";
import { AUDIT_CHAIN_COUNT, entryHash, type HashedEntry } from "../src/audit/hashChain";
import { readCheckpointFile } from "../src/audit/readCheckpointFile";
import { readChainEntries } from "../src/audit/readChainEntries";
import { recordAuditEntry } from "../src/audit/recordAuditEntry";
import { scheduleAuditCheckpoints } from "../src/audit/auditCheckpointSchedule";
import { storedCheckpoints, takeAuditCheckpoint } from "../src/audit/takeAuditCheckpoint";
import { verifyAuditChain } from "../src/audit/verifyAuditChain";
import { openDatabase } from "../src/db/database";
import { insertRows } from "../src/db/insertRows";
import { createLogger } from "../src/logging/logger";
import { hubSigningKeysFromJwks } from "../src/signing/hubSigningKeys";
import { benchDatabase } from "./benchDatabase";

/**
 * `npm run bench:audit [-- --entries 100000 --appenders 50 --seconds 10 --concurrency 4 --batch 5000 --rounds 2]`
 *
 * On a fresh database (DATABASE_URL's server, or embedded PostgreSQL in memory):
 *
 * 1. append: `--appenders` concurrent callers of `recordAuditEntry` (group commit, checkpoints signed
 *    every 10,000 entries as a hub would) for `--seconds`: entries committed per second;
 * 2. bulk-load `--entries` valid entries over the sixteen chains (hashed by `hashChain.ts`), and sign a
 *    checkpoint over them;
 * 3. rounds alternating, each over the whole trail with `--concurrency` chains at once: the bare
 *    read-and-hash ceiling (the verifier's reads, canonical text and SHA-256 of every row, nothing
 *    compared) and the full verification against the checkpoints (`verifyAuditChain`). It prints the
 *    medians of rows/s, the ratio of the medians and the median of each round's ratio (the figure held
 *    to ≥ 0.7: a round's two passes run back to back, so a shared machine's load hits both alike), and
 *    verification against ≥ 30,000 rows/s.
 */
const program = new Command()
  .option("--entries <n>", "entries bulk-loaded for verification", "100000")
  .option("--appenders <n>", "concurrent writers in the append phase (0: skip it)", "50")
  .option("--seconds <n>", "seconds of appending", "10")
  .option("--concurrency <n>", "chains read at once", "4")
  .option("--batch <n>", "rows per read", "5000")
  .option("--rounds <n>", "rounds of each of ceiling and verification", "2")
  .option("--keep", "keep the database afterwards (PostgreSQL only)", false)
  .parse();
const options = program.opts<{ entries: string; appenders: string; seconds: string; concurrency: string; batch: string; rounds: string; keep: boolean }>();
const ENTRIES = Number(options.entries);
const APPENDERS = Number(options.appenders);
const SECONDS = Number(options.seconds);
const CONCURRENCY = Number(options.concurrency);
const BATCH = Number(options.batch);
const ROUNDS = Number(options.rounds);
const LOAD_BATCH = 2000;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const format = (n: number) => Math.round(n).toLocaleString("en-GB");
const say = (line: string) => process.stdout.write(`${line}\n`);

const ROLES = ["SOCIAL_WORKER"] as HashedEntry["principalRoles"];

/** A disclosure like the hub's own: a child's record to a social worker, some fields withheld. */
function benchEntry(index: number, chain: number, prevHash: string, at: number): HashedEntry {
  return {
    id: crypto.randomUUID(),
    occurredAt: new Date(at),
    requestId: `bench-${index}`,
    principalSub: `sw-${index % 997}`,
    principalAgency: "LA-E06000060",
    principalAgencyType: "CHILDRENS_SOCIAL_CARE",
    principalRoles: ROLES,
    operation: "CHILD_RECORD",
    purpose: "SECTION_47_ENQUIRY",
    lawfulBasis: "PUBLIC_TASK",
    specialCategoryCondition: "SAFEGUARDING_CHILDREN",
    justification: `Strategy discussion agreed a s.47 enquiry (case ${index % 5003}).`,
    caseReference: `CP-2026-${index % 5003}`,
    breakGlass: false,
    childSuis: [`999${String(index % 9_999_999).padStart(7, "0")}`],
    outcome: "DISCLOSED",
    refusalCode: null,
    refusalProblem: null,
    refusalRule: null,
    fieldsDisclosed: ["socialCare[0].status", "health[0].gpPracticeName", "education[0].schoolName"],
    fieldsWithheld: [{ path: "police[0].intelligence", reason: "law-enforcement intelligence", rule: "police-intel-police-only" }],
    policyVersion: "bench-policy-v1",
    prejudicesInvestigation: false,
    details: { recordIds: [`rec-${index}`] },
    chainId: chain,
    prevHash,
  };
}

async function appendPhase(dataSource: DataSource, keys: ReturnType<typeof hubSigningKeysFromJwks>, logger: ReturnType<typeof createLogger>): Promise<void> {
  if (APPENDERS === 0) return;
  const stopCheckpoints = scheduleAuditCheckpoints(dataSource, keys, { everyEntries: 10_000, everySeconds: 0 }, logger);
  const deadline = process.hrtime.bigint() + BigInt(Math.round(SECONDS * 1e9));
  let written = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: APPENDERS }, async (_, appender) => {
      for (let n = 0; process.hrtime.bigint() < deadline; n++) {
        await recordAuditEntry(dataSource, {
          requestId: `append-${appender}-${n}`,
          principal: { sub: `sw-${appender}`, name: "Bench", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ROLES, localAuthority: "E06000060", team: null, tokenId: null },
          operation: "CHILD_RECORD",
          access: { purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Strategy discussion agreed a s.47 enquiry.", caseReference: "CP-2026-001", breakGlass: false },
          childSuis: ["9990000018"],
          outcome: "DISCLOSED",
          fieldsDisclosed: ["socialCare[0].status"],
          fieldsWithheld: [],
          policyVersion: "bench-policy-v1",
          breakGlass: false,
          prejudicesInvestigation: false,
          details: {},
        });
        written += 1;
      }
    }),
  );
  const elapsed = seconds(started);
  await stopCheckpoints();
  const [{ count }] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM audit_checkpoint`);
  say(`append, ${APPENDERS} concurrent writers: ${format(written / elapsed)} entries/s committed (${format(written)} in ${elapsed.toFixed(1)} s, ${count} checkpoint(s) signed on the way)`);
}

async function bulkLoad(dataSource: DataSource): Promise<void> {
  const heads = await dataSource.query<{ chain_id: number; sequence: string; hash: string }[]>(`SELECT chain_id, sequence, hash FROM audit_chain_head ORDER BY chain_id`);
  const tip = heads.map((head) => ({ sequence: Number(head.sequence), hash: head.hash }));
  const started = process.hrtime.bigint();
  const base = Date.now() - ENTRIES;
  for (let from = 0; from < ENTRIES; from += LOAD_BATCH) {
    const rows: DisclosureAuditEntry[] = [];
    for (let index = from; index < Math.min(ENTRIES, from + LOAD_BATCH); index++) {
      const chain = index % AUDIT_CHAIN_COUNT;
      const entry = benchEntry(index, chain, tip[chain].hash, base + index);
      const hash = entryHash(entry);
      tip[chain] = { sequence: tip[chain].sequence + 1, hash };
      rows.push({ ...entry, sequence: tip[chain].sequence, hash });
    }
    await dataSource.transaction((manager) => insertRows(manager, DisclosureAuditEntry, rows));
  }
  // The heads move once each, onto the last entry loaded: the head trigger checks that move as it checks the hub's own.
  for (const [chain, head] of tip.entries()) await dataSource.query(`UPDATE audit_chain_head SET sequence = $2, hash = $3 WHERE chain_id = $1`, [chain, head.sequence, head.hash]);
  await dataSource.query(`ANALYZE disclosure_audit`);
  const elapsed = seconds(started);
  say(`bulk load: ${format(ENTRIES)} valid entries hashed and written in ${elapsed.toFixed(1)} s (${format(ENTRIES / elapsed)} entries/s)`);
}

/** The ceiling: the verifier's own reads, and canonical text + SHA-256 of every row, nothing compared or kept. */
async function readAndHash(dataSource: DataSource): Promise<number> {
  let rows = 0;
  const queue = Array.from({ length: AUDIT_CHAIN_COUNT }, (_, chain) => chain);
  const worker = async () => {
    for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
      const current = chain;
      await dataSource.transaction("REPEATABLE READ", async (manager) => {
        await manager.query("SET TRANSACTION READ ONLY");
        for (let after: number | null = null; ; ) {
          const batch = await readChainEntries(manager, current, after, BATCH);
          for (const row of batch) if (entryHash(row.entry).length === 0) throw new Error("unreachable");
          rows += batch.length;
          if (batch.length < BATCH) break;
          after = batch[batch.length - 1].sequence;
        }
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return rows;
}

async function main(): Promise<void> {
  const db = await benchDatabase("bench_audit", options.keep);
  const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
  const database = await openDatabase(
    { databaseUrl: db.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "bench-audit-")), poolSize: Math.max(CONCURRENCY + 2, 10), inMemory: true },
    logger,
  );
  const keys = hubSigningKeysFromJwks({ keys: [{ ...crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }), kid: "bench-1" }] }, undefined, "bench keys");
  try {
    say(`database: ${db.url === undefined ? "embedded (PGlite)" : "PostgreSQL"}; ${os.cpus().length} cores; ${CONCURRENCY} chains at once, ${BATCH} rows a read`);
    await appendPhase(database.dataSource, keys, logger);
    await bulkLoad(database.dataSource);
    const signing = process.hrtime.bigint();
    await takeAuditCheckpoint(database.dataSource, keys);
    say(`checkpoint over ${AUDIT_CHAIN_COUNT} heads signed and stored in ${(seconds(signing) * 1000).toFixed(1)} ms`);
    const checkpoints: AuditCheckpoint[] = await readCheckpointFile((await storedCheckpoints(database.dataSource)).join("\n"), keys.jwks);

    const ceiling: number[] = [];
    const verification: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let started = process.hrtime.bigint();
      const read = await readAndHash(database.dataSource);
      ceiling.push(read / seconds(started));
      started = process.hrtime.bigint();
      const result = await verifyAuditChain(database.dataSource, { checkpoints, concurrency: CONCURRENCY, batchSize: BATCH });
      verification.push(result.entriesChecked / seconds(started));
      if (!result.intact) throw new Error(`the bench trail did not verify: ${JSON.stringify(result.firstBroken)}`);
      say(`round ${round + 1}: read-and-hash ${format(ceiling[round])} rows/s; verification ${format(verification[round])} rows/s (${format(result.entriesChecked)} entries, ${result.checkpointsChecked} checkpoint(s)); ratio ${(verification[round] / ceiling[round]).toFixed(2)}`);
    }
    const ratio = median(verification) / median(ceiling);
    const roundRatios = verification.map((rate, round) => rate / ceiling[round]);
    say("");
    say(`read-and-hash ceiling: ${format(median(ceiling))} rows/s (median of ${ROUNDS})`);
    say(`full verification:     ${format(median(verification))} rows/s (median of ${ROUNDS})  target ≥ 30,000: ${median(verification) >= 30_000 ? "met" : "NOT met"}`);
    say(`verification ÷ ceiling: ${ratio.toFixed(2)} (of the medians); ${median(roundRatios).toFixed(2)} (median of the rounds' ratios)  target ≥ 0.70: ${median(roundRatios) >= 0.7 ? "met" : "NOT met"}`);
  } finally {
    await database.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
