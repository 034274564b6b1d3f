import { FIELD_LEVELS, MATCH_FIELDS, type ComparisonVector, type MatchField } from "./comparisonVector";
import { type LevelParameters, type MatchWeights } from "./matchWeights";

export type FieldParameters = MatchWeights["fields"];

export interface EstimationOptions {
  /** Default 50. */
  maxIterations?: number;
  /** Converged once no m or u moves by more than this in an iteration. Default 1e-6. */
  tolerance?: number;
  /** Keep the starting u: re-estimate only m and the match proportion. */
  fixU?: boolean;
  /**
   * Pairs of records drawn at random, almost all about different children: u is estimated from their
   * level frequencies and kept fixed while EM estimates m (as Splink does). Far more stable than
   * estimating u from the candidate pairs, where blocking has made agreement common.
   */
  uFromRandomPairs?: readonly ComparisonVector[];
}

export interface ParameterEstimate {
  fields: FieldParameters;
  /** The estimated proportion of candidate pairs that are about the same child. */
  lambda: number;
  iterations: number;
  /** False when `maxIterations` ran out first. */
  converged: boolean;
  /** Natural log of the likelihood of the candidate pairs under the returned parameters. */
  logLikelihood: number;
}

/**
 * Probabilities are kept off 0 and 1: a level never seen among the matches in one sample can still
 * occur, and a weight of log2(0 / u) bits would veto a link outright.
 */
const FLOOR = 1e-6;

/** One probability per field (in MATCH_FIELDS order) and level (in FIELD_LEVELS order). */
type Table = number[][];

/** Identical comparison vectors, counted once: EM's work grows with the patterns, not the pairs. */
interface Pattern {
  /** The level's index in FIELD_LEVELS for each field, -1 for MISSING. */
  levels: number[];
  count: number;
}

/**
 * Estimates Fellegi–Sunter m and u by expectation–maximisation over candidate pairs (Winkler; Splink's
 * `estimate_parameters_using_expectation_maximisation`), from `start` and an initial match proportion
 * `lambda`. A field MISSING in a pair is no evidence: it contributes nothing to that pair's likelihood
 * and is not counted for that field. A field MISSING in every pair keeps its starting parameters. Pure
 * and deterministic: the same input gives the same estimate.
 */
export function estimateParameters(
  pairs: readonly ComparisonVector[],
  start: FieldParameters,
  lambda: number,
  { maxIterations = 50, tolerance = 1e-6, fixU = false, uFromRandomPairs }: EstimationOptions = {},
): ParameterEstimate {
  if (pairs.length === 0) throw new RangeError("there are no candidate pairs to estimate from");
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`lambda must be strictly between 0 and 1, got ${lambda}`);
  const patterns = patternsOf(pairs);
  let m = table(start, "m");
  let u = uFromRandomPairs ? smoothedFrequencies(patternsOf(uFromRandomPairs)) : table(start, "u");
  const uIsFixed = fixU || uFromRandomPairs !== undefined;
  let proportion = lambda;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    const { match, nonMatch } = expectation(patterns, m, u, proportion);
    const nextM = weightedFrequencies(patterns, match, m);
    const nextU = uIsFixed ? u : weightedFrequencies(patterns, nonMatch, u);
    converged = Math.max(largestChange(m, nextM), largestChange(u, nextU)) <= tolerance;
    m = nextM;
    u = nextU;
    proportion = clamp(patterns.reduce((sum, { count }, index) => sum + count * match[index], 0) / pairs.length);
    iterations++;
  }
  return { fields: fieldParameters(m, u), lambda: proportion, iterations, converged, logLikelihood: expectation(patterns, m, u, proportion).logLikelihood };
}

function clamp(probability: number): number {
  return Math.min(1 - FLOOR, Math.max(FLOOR, probability));
}

function patternsOf(pairs: readonly ComparisonVector[]): Pattern[] {
  const byKey = new Map<string, Pattern>();
  for (const pair of pairs) {
    const levels = MATCH_FIELDS.map((field) => levelIndex(field, pair[field]));
    const key = levels.join(",");
    const pattern = byKey.get(key);
    if (pattern) pattern.count++;
    else byKey.set(key, { levels, count: 1 });
  }
  return [...byKey.values()];
}

/** A level the weights do not list (EQUIVALENT for a family name) is a caller's mistake, not evidence. */
function levelIndex(field: MatchField, level: string): number {
  if (level === "MISSING") return -1;
  const index = (FIELD_LEVELS[field] as readonly string[]).indexOf(level);
  if (index < 0) throw new RangeError(`${field} has no comparison level "${level}"; expected one of: ${FIELD_LEVELS[field].join(", ")}, MISSING`);
  return index;
}

function table(fields: FieldParameters, parameter: keyof LevelParameters): Table {
  return MATCH_FIELDS.map((field) =>
    FIELD_LEVELS[field].map((level) => {
      const value = (fields[field] as Partial<Record<string, LevelParameters>>)[level]?.[parameter];
      if (value === undefined || !(value > 0 && value < 1)) throw new RangeError(`starting ${parameter} for ${field} ${level} must be strictly between 0 and 1, got ${value}`);
      return value;
    }),
  );
}

function fieldParameters(m: Table, u: Table): FieldParameters {
  return Object.fromEntries(
    MATCH_FIELDS.map((field, f) => [field, Object.fromEntries(FIELD_LEVELS[field].map((level, l) => [level, { m: m[f][l], u: u[f][l] }]))]),
  ) as FieldParameters;
}

/** For each pattern, the probability that its pairs are about the same child (and about different children). */
function expectation(patterns: Pattern[], m: Table, u: Table, proportion: number): { match: number[]; nonMatch: number[]; logLikelihood: number } {
  const match: number[] = [];
  const nonMatch: number[] = [];
  let logLikelihood = 0;
  for (const { levels, count } of patterns) {
    let logMatch = Math.log(proportion);
    let logNonMatch = Math.log(1 - proportion);
    levels.forEach((level, field) => {
      if (level < 0) return;
      logMatch += Math.log(m[field][level]);
      logNonMatch += Math.log(u[field][level]);
    });
    const larger = Math.max(logMatch, logNonMatch);
    const logTotal = larger + Math.log(Math.exp(logMatch - larger) + Math.exp(logNonMatch - larger));
    match.push(Math.exp(logMatch - logTotal));
    nonMatch.push(Math.exp(logNonMatch - logTotal));
    logLikelihood += count * logTotal;
  }
  return { match, nonMatch, logLikelihood };
}

/** Level frequencies weighted by each pattern's posterior; a field no pair has evidence for keeps `previous`. */
function weightedFrequencies(patterns: Pattern[], weights: number[], previous: Table): Table {
  return previous.map((row, field) => {
    const totals = row.map(() => 0);
    patterns.forEach(({ levels, count }, index) => {
      if (levels[field] >= 0) totals[levels[field]] += count * weights[index];
    });
    const sum = totals.reduce((a, b) => a + b, 0);
    return sum > 0 ? totals.map((total) => clamp(total / sum)) : row;
  });
}

/** Add-one (Laplace) smoothing: a level never seen among the random pairs still has some u. */
function smoothedFrequencies(patterns: Pattern[]): Table {
  return MATCH_FIELDS.map((field, f) => {
    const counts = FIELD_LEVELS[field].map(() => 1);
    for (const { levels, count } of patterns) {
      if (levels[f] >= 0) counts[levels[f]] += count;
    }
    const sum = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => c / sum);
  });
}

function largestChange(before: Table, after: Table): number {
  return Math.max(...before.flatMap((row, field) => row.map((value, level) => Math.abs(value - after[field][level]))));
}
