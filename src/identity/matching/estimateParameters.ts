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
  /**
   * Weight of the Dirichlet prior centred on `start`, in pseudo-pairs: each field's m (and u, when it
   * is estimated) is estimated as if `priorStrength` extra pairs had been seen at the starting
   * frequencies. 0 gives maximum-likelihood EM. Default 50.
   */
  priorStrength?: number;
  /**
   * Pairs known to be about the same child (records linked by SUI, compared with their own child):
   * their probability of being a match is 1 in every iteration, so they count fully towards m. They are
   * not candidate pairs of unknown status, so they take no part in estimating the match proportion.
   */
  knownMatches?: readonly ComparisonVector[];
  /**
   * Pairs known to be about different children: they count fully towards u when u is estimated, and
   * are ignored when u is fixed (`fixU`, `uFromRandomPairs`). Never part of the match proportion.
   */
  knownNonMatches?: readonly ComparisonVector[];
}

/** Expected numbers of pairs at each level, per field and level (MISSING not counted). */
export type LevelCounts = { [F in MatchField]: Record<(typeof FIELD_LEVELS)[F][number], number> };

export interface ParameterEstimate {
  fields: FieldParameters;
  /**
   * The estimated proportion of the (unlabelled) candidate pairs that are about the same child; the
   * starting `lambda` when there are no unlabelled pairs.
   */
  lambda: number;
  iterations: number;
  /** False when `maxIterations` ran out first. */
  converged: boolean;
  /**
   * Natural log of the likelihood under the returned parameters: of the unlabelled pairs under the
   * mixture, of the known matches under m and (when u is estimated) of the known non-matches under u.
   */
  logLikelihood: number;
  /** `logLikelihood` plus the log density of the prior (up to a constant): what MAP-EM never lowers. */
  logPosterior: number;
  /**
   * Under the returned parameters, the expected number of matching pairs at each level: known matches
   * count 1, each unlabelled pair its probability of being a match. A level with little evidence here
   * has an m that comes mostly from the prior.
   */
  matchEvidence: LevelCounts;
}

/**
 * Probabilities are kept off 0 and 1: a level never seen among the matches in one sample can still
 * occur, and a weight of log2(0 / u) bits would veto a link outright.
 */
const FLOOR = 1e-6;

/** One probability per field (in MATCH_FIELDS order) and level (in FIELD_LEVELS order). */
type Table = number[][];

const DEFAULT_PRIOR_STRENGTH = 50;

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
 * and is not counted for that field. Pure and deterministic: the same input gives the same estimate.
 *
 * MAP-EM with a Dirichlet prior (maximum a posteriori EM, the standard regularisation of EM for
 * multinomial parameters): each field's m is given a Dirichlet prior centred on the starting m, worth
 * α = `priorStrength` pseudo-pairs, so the M-step is
 *
 *     m[level] = (expected matching pairs at level + α · start m[level]) / (expected matching pairs with the field present + α)
 *
 * and likewise for u when u is estimated. A level the sample has little to say about (a nickname,
 * a swapped day and month) stays near its starting value instead of collapsing to the floor, which
 * would make it a veto; a level with abundant evidence is set by the data, the prior's pull shrinking
 * as α / (n + α). The prior is centred on `start`, not on the previous iterate: a prior that followed
 * the iterates would have no effect at convergence. A field MISSING in every pair keeps its starting
 * parameters. α = 0 is plain maximum-likelihood EM. Each iteration raises the log posterior (returned
 * as `logPosterior`); the likelihood alone need not rise when α > 0.
 *
 * Known matches (`knownMatches`, e.g. records linked by SUI against their own child) are labelled data:
 * their match probability is fixed at 1, so they add their levels to m's counts in every iteration,
 * and they are left out of the match proportion, which is estimated over the unlabelled `pairs` only.
 * Known non-matches do the same for u when u is estimated. With known matches, `pairs` may be empty.
 *
 * The floor below stays as a last guard, for α = 0 or a starting m already at it.
 */
export function estimateParameters(
  pairs: readonly ComparisonVector[],
  start: FieldParameters,
  lambda: number,
  { maxIterations = 50, tolerance = 1e-6, fixU = false, uFromRandomPairs, priorStrength = DEFAULT_PRIOR_STRENGTH, knownMatches = [], knownNonMatches = [] }: EstimationOptions = {},
): ParameterEstimate {
  if (pairs.length === 0 && knownMatches.length === 0) throw new RangeError("there are no candidate pairs to estimate from");
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`lambda must be strictly between 0 and 1, got ${lambda}`);
  if (!(priorStrength >= 0 && Number.isFinite(priorStrength))) throw new RangeError(`priorStrength must be a finite number of at least 0, got ${priorStrength}`);
  const patterns = patternsOf(pairs);
  const startM = table(start, "m");
  const uIsFixed = fixU || uFromRandomPairs !== undefined;
  const startU = table(start, "u");
  const matchCounts = levelCounts(patternsOf(knownMatches));
  // Known non-matches say nothing about m, and nothing at all while u is held.
  const nonMatchCounts = uIsFixed ? emptyCounts() : levelCounts(patternsOf(knownNonMatches));
  const priorM = { centre: startM, strength: priorStrength };
  const priorU = { centre: startU, strength: priorStrength };
  let m = startM;
  let u = uFromRandomPairs ? smoothedFrequencies(patternsOf(uFromRandomPairs)) : startU;
  let proportion = lambda;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    const { match, nonMatch } = expectation(patterns, m, u, proportion);
    const nextM = maximisation(addCounts(weightedCounts(patterns, match), matchCounts), priorM, m);
    const nextU = uIsFixed ? u : maximisation(addCounts(weightedCounts(patterns, nonMatch), nonMatchCounts), priorU, u);
    converged = Math.max(largestChange(m, nextM), largestChange(u, nextU)) <= tolerance;
    m = nextM;
    u = nextU;
    if (pairs.length > 0) proportion = clamp(patterns.reduce((sum, { count }, index) => sum + count * match[index], 0) / pairs.length);
    iterations++;
  }
  const final = expectation(patterns, m, u, proportion);
  const logLikelihood = final.logLikelihood + labelledLogLikelihood(matchCounts, m) + labelledLogLikelihood(nonMatchCounts, u);
  const logPrior = logDirichlet(priorM, m) + (uIsFixed ? 0 : logDirichlet(priorU, u));
  return {
    fields: fieldParameters(m, u),
    lambda: proportion,
    iterations,
    converged,
    logLikelihood,
    logPosterior: logLikelihood + logPrior,
    matchEvidence: levelCountsOf(addCounts(weightedCounts(patterns, final.match), matchCounts)),
  };
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

/** Each level's count, each pattern weighted by `weights` (its posterior of being a match, or not). */
function weightedCounts(patterns: Pattern[], weights: number[]): Table {
  const counts = emptyCounts();
  patterns.forEach(({ levels, count }, index) => {
    levels.forEach((level, field) => {
      if (level >= 0) counts[field][level] += count * weights[index];
    });
  });
  return counts;
}

/** Each level's count among labelled pairs, all of one class. */
function levelCounts(patterns: Pattern[]): Table {
  return weightedCounts(patterns, patterns.map(() => 1));
}

function emptyCounts(): Table {
  return MATCH_FIELDS.map((field) => FIELD_LEVELS[field].map(() => 0));
}

function addCounts(a: Table, b: Table): Table {
  return a.map((row, field) => row.map((value, level) => value + b[field][level]));
}

/**
 * The M-step under a Dirichlet prior: the posterior mode (counts + α · centre) / (total + α). A field
 * with no evidence and no prior keeps `previous`.
 */
function maximisation(counts: Table, prior: { centre: Table; strength: number }, previous: Table): Table {
  return counts.map((row, field) => {
    const total = row.reduce((a, b) => a + b, 0);
    // No evidence for the field: the posterior mode is the prior's centre (and without a prior, nothing moves).
    if (total <= 0) return prior.strength > 0 ? prior.centre[field] : previous[field];
    return row.map((count, level) => clamp((count + prior.strength * prior.centre[field][level]) / (total + prior.strength)));
  });
}

/** Log-likelihood of pairs whose class is known: each present field's level under that class's parameters. */
function labelledLogLikelihood(counts: Table, parameters: Table): number {
  return counts.reduce((sum, row, field) => sum + row.reduce((rowSum, count, level) => rowSum + (count > 0 ? count * Math.log(parameters[field][level]) : 0), 0), 0);
}

/** Log density of the prior, up to a constant: Σ α · centre · log p (a Dirichlet with concentration α · centre + 1). */
function logDirichlet(prior: { centre: Table; strength: number }, parameters: Table): number {
  if (prior.strength === 0) return 0;
  return prior.centre.reduce((sum, row, field) => sum + row.reduce((rowSum, centre, level) => rowSum + prior.strength * centre * Math.log(parameters[field][level]), 0), 0);
}

function levelCountsOf(counts: Table): LevelCounts {
  return Object.fromEntries(MATCH_FIELDS.map((field, f) => [field, Object.fromEntries(FIELD_LEVELS[field].map((level, l) => [level, counts[f][l]]))])) as LevelCounts;
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
