import { createHash } from "node:crypto";
import { type EntityManager } from "typeorm";
import { identityFacts } from "./linkRecords";
import { type ReportedIdentity } from "./ReportedIdentity";
import { queryKeys } from "./matching/blockingKeys";
import { FIELD_LEVELS, MATCH_FIELDS, type ComparisonVector, type MatchField } from "./matching/comparisonVector";
import { estimateParameters } from "./matching/estimateParameters";
import { type MatchProfile } from "./matching/MatchProfile";
import { levelWeight, type LevelParameters, type MatchWeights } from "./matching/matchWeights";
import { scoreCandidate } from "./matching/scoreCandidate";

export interface EstimateFromDataOptions {
  /** Records whose blocking candidates make the candidate pairs. Default 20,000. */
  sampleSize?: number;
  /** Record × child pairs drawn at random, from which u is taken. Default 20,000. */
  randomPairs?: number;
  /** The same seed on the same data draws the same samples, so a proposal can be reproduced. */
  seed: number;
}

/** One level's parameters and weight (log2(m / u), in bits). */
export interface LevelEstimate extends LevelParameters {
  weight: number;
}

export interface LevelChange {
  field: MatchField;
  level: string;
  current: LevelEstimate;
  proposed: LevelEstimate;
}

/** What the run saw and found: counts and parameters only, never anything about a person. */
export interface EstimateReport {
  sampledRecords: number;
  /** Sampled records that blocking found at least one child for. */
  recordsWithCandidates: number;
  /** Candidate pairs EM ran over. */
  pairs: number;
  /** Random pairs u was taken from (pairs of a record with its own child are left out). */
  randomPairs: number;
  /** The match proportion EM started from. */
  initialLambda: number;
  /** The estimated proportion of candidate pairs that are about the same child. */
  lambda: number;
  iterations: number;
  converged: boolean;
  logLikelihood: number;
  /** Every field and level, in MATCH_FIELDS and FIELD_LEVELS order. */
  changes: LevelChange[];
  /** What a reviewer should look at before adopting the proposal, if anything. */
  warnings: string[];
}

export interface DataEstimate {
  weights: Omit<MatchWeights, "hash">;
  report: EstimateReport;
}

/** Records whose blocking candidates are looked up in one query. */
const PAGE_SIZE = 500;

/**
 * An m this small was never seen among the pairs EM took for matches: estimateParameters keeps it off 0,
 * and the level's weight then says more about that floor than about the data.
 */
const UNSEEN_AMONG_MATCHES = 1e-5;

interface SampledRecord {
  childId: string | null;
  identity: ReportedIdentity;
}

interface RecordRow {
  child_id: string | null;
  reported_identity: ReportedIdentity;
}

interface ProfileRow {
  child_id: string;
  given_names: string[];
  family_names: string[];
  date_of_birth: string | null;
  sex: string;
  postcodes: string[];
}

/**
 * Re-estimates the match parameters from the hub's own data (Fellegi–Sunter by EM, as Splink does): a
 * seeded sample of agency records is blocked exactly as the linker blocks, and each record is compared
 * with each candidate child at the field levels the linker would score (`scoreCandidate` under the
 * current weights). u comes from seeded random record × child pairs and is held while EM estimates m
 * and the match proportion. Thresholds are kept: moving a band is a separate decision.
 *
 * Records linked by SUI find their own child among their candidates, so the pairs hold true matches.
 * Those children's profiles include what the record itself reported, so true matches agree more often
 * than a record arriving without an SUI would (on the demo data, on every field): the report's warnings
 * say when EM has taken every pair for a match or left a level at the floor of m.
 *
 * Reads only. The result is a proposal for a person to review, never applied here.
 */
export async function estimateFromData(manager: EntityManager, current: MatchWeights, { sampleSize = 20_000, randomPairs = 20_000, seed }: EstimateFromDataOptions): Promise<DataEstimate> {
  requireCount("sampleSize", sampleSize);
  requireCount("randomPairs", randomPairs);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);

  const sample = await sampleRecords(manager, sampleSize, `${seed}:candidates`);
  if (sample.length === 0) throw new RangeError("the hub holds no agency records with a reported identity: there is nothing to estimate from");
  const { pairs, recordsWithCandidates } = await candidatePairs(manager, current, sample);
  if (pairs.length === 0) {
    throw new RangeError(`none of the ${sample.length} sampled records has a blocking candidate: there is nothing to estimate from (are the match profiles built? try \`npm run linkage -- rebuild-profiles\`)`);
  }
  const random = await randomPairComparisons(manager, current, randomPairs, seed);
  if (random.length === 0) throw new RangeError("no random pairs of a record and another child could be drawn: the hub needs records and at least two children");

  // Each record with candidates is about at most one of them: a fair guess at the match proportion.
  const initialLambda = Math.min(0.99, Math.max(0.01, recordsWithCandidates / pairs.length));
  const estimate = estimateParameters(pairs, current.fields, initialLambda, { uFromRandomPairs: random });
  const date = new Date().toISOString().slice(0, 10);
  const changes = changesBetween(current.fields, estimate.fields);
  return {
    weights: {
      version: current.version + 1,
      description: `EM over ${pairs.length} candidate pairs and ${random.length} random pairs on ${date} (seed ${seed}, from version ${current.version}).`,
      thresholds: { ...current.thresholds },
      fields: estimate.fields,
    },
    report: {
      sampledRecords: sample.length,
      recordsWithCandidates,
      pairs: pairs.length,
      randomPairs: random.length,
      initialLambda,
      lambda: estimate.lambda,
      iterations: estimate.iterations,
      converged: estimate.converged,
      logLikelihood: estimate.logLikelihood,
      changes,
      warnings: warningsAbout(estimate.lambda, changes),
    },
  };
}

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
}

/** A deterministic sample: the order of md5(id, salt) is random-looking but the same on every run. */
async function sampleRecords(manager: EntityManager, limit: number, salt: string): Promise<SampledRecord[]> {
  const rows: RecordRow[] = await manager.query(
    `SELECT child_id, reported_identity FROM agency_record
     WHERE jsonb_typeof(reported_identity) = 'object'
       AND jsonb_typeof(reported_identity -> 'givenNames') = 'string'
       AND jsonb_typeof(reported_identity -> 'familyName') = 'string'
     ORDER BY md5(id::text || $1), id LIMIT $2`,
    [salt, limit],
  );
  return rows.map((row) => ({ childId: row.child_id, identity: row.reported_identity }));
}

async function sampleProfiles(manager: EntityManager, limit: number, salt: string): Promise<MatchProfile[]> {
  const rows: ProfileRow[] = await manager.query(
    `SELECT child_id, given_names, family_names, date_of_birth::text AS date_of_birth, sex, postcodes FROM child_match_profile
     ORDER BY md5(child_id::text || $1), child_id LIMIT $2`,
    [salt, limit],
  );
  return rows.map(profileOf);
}

async function loadProfiles(manager: EntityManager, childIds: string[]): Promise<MatchProfile[]> {
  if (childIds.length === 0) return [];
  const rows: ProfileRow[] = await manager.query(
    `SELECT child_id, given_names, family_names, date_of_birth::text AS date_of_birth, sex, postcodes FROM child_match_profile WHERE child_id = ANY($1::uuid[])`,
    [childIds],
  );
  return rows.map(profileOf);
}

function profileOf(row: ProfileRow): MatchProfile {
  return { childId: row.child_id, givenNames: row.given_names, familyNames: row.family_names, dateOfBirth: row.date_of_birth, sex: row.sex, postcodes: row.postcodes };
}

/** Every sampled record against every child its blocking keys find, a page of records per query. */
async function candidatePairs(manager: EntityManager, weights: MatchWeights, sample: SampledRecord[]): Promise<{ pairs: ComparisonVector[]; recordsWithCandidates: number }> {
  const profiles = new Map<string, MatchProfile>();
  const pairs: ComparisonVector[] = [];
  let recordsWithCandidates = 0;
  for (let start = 0; start < sample.length; start += PAGE_SIZE) {
    const page = sample.slice(start, start + PAGE_SIZE).map((record) => identityFacts(record.identity));
    const keys: string[] = [];
    const owners: number[] = [];
    page.forEach((facts, index) => {
      for (const key of queryKeys(facts)) {
        keys.push(key);
        owners.push(index);
      }
    });
    const rows: { i: number; child_id: string }[] = await manager.query(
      `SELECT DISTINCT q.i, k.child_id FROM unnest($1::text[], $2::int[]) AS q(key, i) JOIN child_match_key k ON k.key = q.key`,
      [keys, owners],
    );
    for (const profile of await loadProfiles(manager, [...new Set(rows.map((row) => row.child_id).filter((id) => !profiles.has(id)))])) {
      profiles.set(profile.childId, profile);
    }
    const candidates = page.map(() => [] as MatchProfile[]);
    for (const row of rows) {
      const profile = profiles.get(row.child_id);
      if (profile !== undefined) candidates[row.i]?.push(profile);
    }
    page.forEach((facts, index) => {
      const found = candidates[index] ?? [];
      if (found.length > 0) recordsWithCandidates++;
      for (const profile of found) pairs.push(scoreCandidate(weights, facts, profile).levels);
    });
  }
  return { pairs, recordsWithCandidates };
}

/**
 * Pairs of a record and a child drawn at random, independently: almost all are about different
 * children, so their level frequencies estimate u. A record drawn with its own child is left out.
 */
async function randomPairComparisons(manager: EntityManager, weights: MatchWeights, count: number, seed: number): Promise<ComparisonVector[]> {
  const records = await sampleRecords(manager, count, `${seed}:random-records`);
  const profiles = await sampleProfiles(manager, count, `${seed}:random-children`);
  if (records.length === 0 || profiles.length === 0) return [];
  const vectors: ComparisonVector[] = [];
  for (let draw = 0; draw < count; draw++) {
    const digest = createHash("sha256").update(`${seed}:random-pair:${draw}`).digest();
    const record = records[digest.readUInt32BE(0) % records.length];
    const profile = profiles[digest.readUInt32BE(4) % profiles.length];
    if (record.childId === profile.childId) continue;
    vectors.push(scoreCandidate(weights, identityFacts(record.identity), profile).levels);
  }
  return vectors;
}

/**
 * A proportion at its bound means EM took (almost) every candidate pair for a match, or none: blocked
 * pairs agree on their keys far more often than random pairs, so a family's siblings and twins can look
 * like matches to a u taken from random pairs.
 */
function warningsAbout(lambda: number, changes: LevelChange[]): string[] {
  const warnings: string[] = [];
  if (lambda > 0.99) warnings.push(`EM took ${(lambda * 100).toFixed(1)}% of the candidate pairs for matches: siblings, twins and other blocked non-matches are probably counted among them, and m is biased towards their levels.`);
  if (lambda < 0.01) warnings.push(`EM took only ${(lambda * 100).toFixed(2)}% of the candidate pairs for matches: too few to estimate m from.`);
  for (const change of changes) {
    if (change.proposed.m < UNSEEN_AMONG_MATCHES) {
      warnings.push(`${change.field} ${change.level} was never seen among the matches: its proposed weight (${change.proposed.weight.toFixed(1)} bits) comes from a floor on m, not from the data.`);
    }
  }
  return warnings;
}

function changesBetween(current: MatchWeights["fields"], proposed: MatchWeights["fields"]): LevelChange[] {
  const at = (fields: MatchWeights["fields"], field: MatchField, level: string): LevelEstimate => {
    const { m, u } = (fields[field] as Record<string, LevelParameters>)[level];
    return { m, u, weight: levelWeight({ m, u }) };
  };
  return MATCH_FIELDS.flatMap((field) => FIELD_LEVELS[field].map((level) => ({ field, level, current: at(current, field, level), proposed: at(proposed, field, level) })));
}
