import "./compileCache";
import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";
import { type DataSource } from "typeorm";
import winston from "winston";
import { loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { estimateFromData, type EstimateReport } from "../identity/estimateFromData";
import { DEFAULT_MATCH_WEIGHTS_PATH, formatMatchWeights, loadMatchWeights } from "../identity/matching/loadMatchWeights";
import { levelWeight, type LevelParameters, type MatchWeights } from "../identity/matching/matchWeights";
import { rebuildMatchProfiles } from "../identity/matchProfiles";
import { takeLinkingLock } from "../identity/linkingLock";
import { createLogger } from "../logging/logger";

/**
 * `npm run linkage -- estimate`: re-estimates the match weights from the hub's own records by EM and
 * writes them beside the live file as `match-weights.proposed.yaml`, never over it: changing the weights
 * is a governance decision, so a person reviews the proposal and renames it to adopt it.
 *
 * `npm run linkage -- rebuild-profiles`: rebuilds every child's match profile and blocking keys, after
 * the blocking keys or the profile derivation change.
 *
 * Prints counts and parameters only, never a name, a date of birth or a postcode.
 */
const PROPOSED_WEIGHTS_PATH = join(dirname(DEFAULT_MATCH_WEIGHTS_PATH), "match-weights.proposed.yaml");
const PROFILE_PAGE_SIZE = 2000;

function wholeNumber(minimum: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < minimum) throw new InvalidArgumentError(`must be a whole number of at least ${minimum}`);
    return parsed;
  };
}

interface EstimateOptions {
  sample: number;
  randomPairs: number;
  seed: number;
  priorStrength: number;
  out: string;
}

/** The database as the hub opens it, with log lines on stderr so that stdout carries only the report. */
async function withDatabase(command: string, work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, [new winston.transports.Console({ stderrLevels: Object.keys(winston.config.npm.levels) })]);
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, timeouts: config.databaseTimeouts, opener: { role: "command", name: `npm run linkage -- ${command}` } },
    logger,
  );
  try {
    await work(database.dataSource);
  } finally {
    await database.close();
  }
}

/** The live file's leading comment, kept so that adopting the proposal changes only what was estimated. */
function headerOf(path: string): string {
  const lines: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.startsWith("#")) break;
    lines.push(line.replace(/^# ?/, ""));
  }
  return lines.join("\n");
}

async function estimate(options: EstimateOptions): Promise<void> {
  const out = resolve(options.out);
  if (out === resolve(DEFAULT_MATCH_WEIGHTS_PATH)) {
    throw new Error(`Refusing to write over the live weights (${DEFAULT_MATCH_WEIGHTS_PATH}): a proposal is reviewed, then adopted by renaming it.`);
  }
  const current = loadMatchWeights(DEFAULT_MATCH_WEIGHTS_PATH);
  await withDatabase("estimate", async (dataSource) => {
    const { weights, report } = await estimateFromData(dataSource.manager, current, {
      sampleSize: options.sample,
      randomPairs: options.randomPairs,
      seed: options.seed,
      priorStrength: options.priorStrength,
    });
    writeFileSync(out, formatMatchWeights(weights, headerOf(DEFAULT_MATCH_WEIGHTS_PATH)));
    process.stdout.write(describeEstimate(current, { ...weights, hash: "" }, report, out));
  });
}

function describeEstimate(current: MatchWeights, proposed: MatchWeights, report: EstimateReport, out: string): string {
  const rows = [
    ["field", "level", "m", "u", "weight", "new m", "new u", "new weight", "change", "match pairs"],
    ...report.changes.map((change) => [
      change.field,
      change.level,
      probability(change.current.m),
      probability(change.current.u),
      bits(change.current.weight),
      probability(change.proposed.m),
      probability(change.proposed.u),
      bits(change.proposed.weight),
      bits(change.proposed.weight - change.current.weight),
      change.matchEvidence.toFixed(1),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const table = rows.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ").trimEnd());
  const { thresholds } = current;
  return [
    `Match weights: version ${current.version} (current) → version ${proposed.version} (proposed); weights in bits, log2(m / u)`,
    "",
    ...table,
    "",
    `"match pairs": expected matching pairs behind each new m (known matches count 1); the prior adds ${report.priorStrength} pseudo-pairs per field at the current m, so a level with few pairs keeps close to its current m`,
    "",
    `EM: ${report.sampledRecords} records sampled, ${report.recordsWithCandidates} with blocking candidates; ${report.pairs} candidate pairs; u from ${report.randomPairs} random pairs`,
    `    labelled by SUI: ${report.knownMatches} known matches (each against its child less what only it reported; ${report.knownMatchesNotBlocked} more left out, which blocking would not have found), ${report.knownNonMatches} known non-matches (unused while u comes from random pairs); ${report.unlabelledPairs} unlabelled pairs`,
    `    MAP-EM, prior strength ${report.priorStrength} pseudo-pairs; ${report.iterations} iterations, ${report.converged ? "converged" : "NOT converged (iteration limit reached)"}; match proportion among unlabelled pairs ${report.initialLambda.toFixed(4)} at start, ${report.lambda.toFixed(4)} estimated; log-likelihood ${report.logLikelihood.toFixed(1)}`,
    ...(report.warnings.length === 0 ? [] : ["Look at before adopting:", ...report.warnings.map((warning) => `  ! ${warning}`)]),
    `Full agreement on every field scores ${bits(fullAgreement(proposed))} bits (now ${bits(fullAgreement(current))}); thresholds kept: autoLink ${thresholds.autoLink}, review ${thresholds.review}, ambiguityMargin ${thresholds.ambiguityMargin}`,
    "",
    `Proposed weights written to ${out}`,
    `Not in use: review them against ${DEFAULT_MATCH_WEIGHTS_PATH}; adopting them is a governance decision, made by renaming the file over it and committing.`,
    "",
  ].join("\n");
}

/** The score of a record that agrees with a child at the strongest level of every field. */
function fullAgreement(weights: MatchWeights): number {
  return Object.values(weights.fields).reduce((sum, levels) => sum + Math.max(...Object.values(levels as Record<string, LevelParameters>).map(levelWeight)), 0);
}

function probability(value: number): string {
  return value.toPrecision(4);
}

function bits(value: number): string {
  return `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;
}

async function rebuildProfiles(): Promise<void> {
  await withDatabase("rebuild-profiles", async (dataSource) => {
    const [{ count }]: { count: number }[] = await dataSource.query(`SELECT count(*)::int AS count FROM child`);
    const bar = new SingleBar({ format: "match profiles [{bar}] {percentage}% | {value}/{total} children | ETA {eta_formatted}", stream: process.stderr }, Presets.shades_classic);
    bar.start(count, 0);
    let after: string | null = null;
    let done = 0;
    try {
      for (;;) {
        // Merged children are included: rebuilding drops the profile and keys they must no longer have.
        const page: { id: string }[] = await dataSource.query(`SELECT id FROM child WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`, [after, PROFILE_PAGE_SIZE]);
        if (page.length === 0) break;
        const ids = page.map((row) => row.id);
        await dataSource.transaction(async (manager) => {
          await takeLinkingLock(manager);
          await rebuildMatchProfiles(manager, ids);
        });
        after = ids[ids.length - 1];
        done += ids.length;
        bar.update(done);
      }
    } finally {
      bar.stop();
    }
    process.stdout.write(`Rebuilt the match profiles and blocking keys of ${done} children.\n`);
  });
}

async function main(): Promise<void> {
  const program = new Command().name("npm run linkage --").description("Maintain probabilistic linkage: match weights and match profiles.").showHelpAfterError();
  program
    .command("estimate")
    .description(`Re-estimate the match weights from the hub's records by EM; writes a proposal, never the live file (${DEFAULT_MATCH_WEIGHTS_PATH}).`)
    .option("--sample <n>", "records whose blocking candidates make the candidate pairs", wholeNumber(1), 20_000)
    .option("--random-pairs <n>", "random record × child pairs that u is taken from", wholeNumber(1), 20_000)
    .option("--seed <n>", "seed of the samples: the same seed on the same data gives the same proposal", wholeNumber(0), 1)
    .option("--prior-strength <n>", "pseudo-pairs of the prior centred on the current weights (0: plain maximum-likelihood EM)", wholeNumber(0), 50)
    .option("--out <path>", "where to write the proposed weights", PROPOSED_WEIGHTS_PATH)
    .action((options: EstimateOptions) => estimate(options));
  program
    .command("rebuild-profiles")
    .description("Rebuild every child's match profile and blocking keys, in pages of 2,000 children.")
    .action(() => rebuildProfiles());
  await program.parseAsync();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
