import { createHash } from "node:crypto";
import { type EntityManager } from "typeorm";
import { findBlockedCandidates, identityFacts } from "./linkRecords";
import { loadProfiles, PROFILE_COLUMNS, profileOf, type ProfileRow } from "./matchProfiles";
import { type ReportedIdentity } from "./ReportedIdentity";
import { LinkMethod } from "./linkVocabulary";
import { profileKeys, queryKeys } from "./matching/blockingKeys";
import { FIELD_LEVELS, MATCH_FIELDS, type ComparisonVector, type MatchField } from "./matching/comparisonVector";
import { estimateParameters, type LevelCounts } from "./matching/estimateParameters";
import { type MatchProfile } from "./matching/MatchProfile";
import { levelWeight, type LevelParameters, type MatchWeights } from "./matching/matchWeights";
import { normaliseName } from "./matching/normaliseName";
import { postcodeParts } from "./matching/postcodeParts";
import { scoreCandidate } from "./matching/scoreCandidate";

export interface EstimateFromDataOptions {
  /** Records whose blocking candidates make the candidate pairs. Default 20,000. */
  sampleSize?: number;
  /** Record × child pairs drawn at random, from which u is taken. Default 20,000. */
  randomPairs?: number;
  /** The same seed on the same data draws the same samples, so a proposal can be reproduced. */
  seed: number;
  /** Weight of the prior centred on the current parameters, in pseudo-pairs (see estimateParameters). Default 50. */
  priorStrength?: number;
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
  /**
   * Expected number of matching pairs at this level behind the proposed m (known matches count 1, other
   * pairs their probability of being a match). Next to the prior strength, it says whether the data or
   * the prior set m.
   */
  matchEvidence: number;
}

/** What the run saw and found: counts and parameters only, never anything about a person. */
export interface EstimateReport {
  sampledRecords: number;
  /** Sampled records that blocking found at least one child for. */
  recordsWithCandidates: number;
  /** Candidate pairs found by blocking: the known matches and non-matches, and the unlabelled pairs. */
  pairs: number;
  /**
   * Pairs of a record linked by SUI (so by NHS number) with its own child: matches whatever they score,
   * compared with the child's profile less what only that record reported.
   */
  knownMatches: number;
  /**
   * Pairs of a record linked by SUI with its own child that blocking would not have found had the child's
   * profile not held what that record itself reported: a record arriving without an SUI would never be
   * compared with the child, so the pair is left out of m.
   */
  knownMatchesNotBlocked: number;
  /** Pairs of a record linked by SUI with another child. Not used while u comes from random pairs. */
  knownNonMatches: number;
  /** Pairs of a record not linked by SUI (linked probabilistically or by hand, or awaiting review) with a candidate. */
  unlabelledPairs: number;
  /** Random pairs u was taken from (pairs of a record with its own child are left out). */
  randomPairs: number;
  /** Weight of the prior centred on the current parameters, in pseudo-pairs. */
  priorStrength: number;
  /** The match proportion EM started from, among the unlabelled pairs. */
  initialLambda: number;
  /** The estimated proportion of the unlabelled candidate pairs that are about the same child. */
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

/** Fewer known matches than this, and m rests mostly on EM's guesses and on the prior. */
const FEW_KNOWN_MATCHES = 100;

export interface SampledRecord {
  id: string;
  childId: string | null;
  /** How the record is linked: a record linked by SUI is known to be about its child. */
  linkMethod: string;
  identity: ReportedIdentity;
}

interface RecordRow {
  id: string;
  child_id: string | null;
  link_method: string;
  reported_identity: ReportedIdentity;
}


/**
 * Re-estimates the match parameters from the hub's own data (Fellegi–Sunter by EM, as Splink does): a
 * seeded sample of agency records is blocked exactly as the linker blocks, and each record is compared
 * with each candidate child at the field levels the linker would score (`scoreCandidate` under the
 * current weights). u comes from seeded random record × child pairs and is held while EM estimates m
 * and the match proportion, by MAP-EM with a prior centred on the current parameters (`priorStrength`
 * pseudo-pairs), so that a level the sample hardly shows keeps close to its current m. Thresholds are
 * kept: moving a band is a separate decision.
 *
 * Records linked by SUI are linked by NHS number, so their pairs are labelled: with their own child a
 * known match, with any other candidate a known non-match. The rest (records linked probabilistically
 * or by hand, or awaiting review) are unlabelled and go through EM. A child's profile includes what each
 * of its records reported, so a record trivially agrees with it: a known match is compared with the
 * child's profile less the names and postcodes that only this record reported (the child's own row
 * counts as another source), a field with nothing left being MISSING, and is kept only if blocking
 * would still have found the child from that reduced profile.
 *
 * Reads only. The result is a proposal for a person to review, never applied here.
 */
export async function estimateFromData(
  manager: EntityManager,
  current: MatchWeights,
  { sampleSize = 20_000, randomPairs = 20_000, seed, priorStrength = 50 }: EstimateFromDataOptions,
): Promise<DataEstimate> {
  requireCount("sampleSize", sampleSize);
  requireCount("randomPairs", randomPairs);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!(priorStrength >= 0 && Number.isFinite(priorStrength))) throw new RangeError(`priorStrength must be a finite number of at least 0, got ${priorStrength}`);

  const sample = await sampleRecords(manager, sampleSize, `${seed}:candidates`);
  if (sample.length === 0) throw new RangeError("the hub holds no agency records with a reported identity: there is nothing to estimate from");
  const candidates = await candidatePairs(manager, current, sample);
  const { knownMatches, knownNonMatches, unlabelled } = candidates;
  if (knownMatches.length === 0 && unlabelled.length === 0) {
    throw new RangeError(
      candidates.pairs === 0
        ? `none of the ${sample.length} sampled records has a blocking candidate: there is nothing to estimate from (are the match profiles built? try \`npm run linkage -- rebuild-profiles\`)`
        : `the ${candidates.pairs} candidate pairs of the ${sample.length} sampled records are all known non-matches: there is nothing to estimate m from`,
    );
  }
  const random = await randomPairComparisons(manager, current, randomPairs, seed);
  if (random.length === 0) throw new RangeError("no random pairs of a record and another child could be drawn: the hub needs records and at least two children");

  // Each unlabelled record with candidates is about at most one of them: a fair guess at the match proportion.
  const initialLambda = unlabelled.length === 0 ? 0.5 : Math.min(0.99, Math.max(0.01, candidates.unlabelledRecordsWithCandidates / unlabelled.length));
  const estimate = estimateParameters(unlabelled, current.fields, initialLambda, { uFromRandomPairs: random, priorStrength, knownMatches, knownNonMatches });
  const date = new Date().toISOString().slice(0, 10);
  const changes = changesBetween(current.fields, estimate.fields, estimate.matchEvidence);
  return {
    weights: {
      version: current.version + 1,
      description:
        `EM over ${candidates.pairs} candidate pairs and ${random.length} random pairs on ${date} (seed ${seed}, from version ${current.version}; ` +
        `${knownMatches.length} known matches by SUI, ${unlabelled.length} unlabelled pairs, prior strength ${priorStrength}).`,
      thresholds: { ...current.thresholds },
      fields: estimate.fields,
      termFrequency: current.termFrequency,
    },
    report: {
      sampledRecords: sample.length,
      recordsWithCandidates: candidates.recordsWithCandidates,
      pairs: candidates.pairs,
      knownMatches: knownMatches.length,
      knownMatchesNotBlocked: candidates.knownMatchesNotBlocked,
      knownNonMatches: knownNonMatches.length,
      unlabelledPairs: unlabelled.length,
      randomPairs: random.length,
      priorStrength,
      initialLambda,
      lambda: estimate.lambda,
      iterations: estimate.iterations,
      converged: estimate.converged,
      logLikelihood: estimate.logLikelihood,
      changes,
      warnings: warningsAbout(estimate.lambda, unlabelled.length, knownMatches.length, changes),
    },
  };
}

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
}

/** A deterministic sample: the order of md5(id, salt) is random-looking but the same on every run. */
async function sampleRecords(manager: EntityManager, limit: number, salt: string): Promise<SampledRecord[]> {
  const rows: RecordRow[] = await manager.query(
    `SELECT id, child_id, link_method, reported_identity FROM agency_record
     WHERE jsonb_typeof(reported_identity) = 'object'
       AND jsonb_typeof(reported_identity -> 'givenNames') = 'string'
       AND jsonb_typeof(reported_identity -> 'familyName') = 'string'
     ORDER BY md5(id::text || $1), id LIMIT $2`,
    [salt, limit],
  );
  return rows.map((row) => ({ id: row.id, childId: row.child_id, linkMethod: row.link_method, identity: row.reported_identity }));
}

async function sampleProfiles(manager: EntityManager, limit: number, salt: string): Promise<MatchProfile[]> {
  const rows: ProfileRow[] = await manager.query(
    `SELECT ${PROFILE_COLUMNS} FROM child_match_profile ORDER BY md5(child_id::text || $1), child_id LIMIT $2`,
    [salt, limit],
  );
  return rows.map(profileOf);
}


interface CandidatePairs {
  /** Every candidate pair blocking found. */
  pairs: number;
  recordsWithCandidates: number;
  /** Unlabelled records with at least one candidate. */
  unlabelledRecordsWithCandidates: number;
  knownMatches: ComparisonVector[];
  knownMatchesNotBlocked: number;
  knownNonMatches: ComparisonVector[];
  unlabelled: ComparisonVector[];
}

function linkedBySui(record: SampledRecord): record is SampledRecord & { childId: string } {
  return record.linkMethod === LinkMethod.SUI && record.childId !== null;
}

/**
 * Every sampled record against every child its blocking keys find, a page of records per query. A
 * record linked by SUI makes a known match with its own child and known non-matches with the others;
 * other records make unlabelled pairs.
 */
async function candidatePairs(manager: EntityManager, weights: MatchWeights, sample: SampledRecord[]): Promise<CandidatePairs> {
  const sources = await childSources(manager, sample.filter(linkedBySui));
  const profiles = new Map<string, MatchProfile>();
  const found: CandidatePairs = { pairs: 0, recordsWithCandidates: 0, unlabelledRecordsWithCandidates: 0, knownMatches: [], knownMatchesNotBlocked: 0, knownNonMatches: [], unlabelled: [] };
  for (let start = 0; start < sample.length; start += PAGE_SIZE) {
    const records = sample.slice(start, start + PAGE_SIZE);
    const page = records.map((record) => identityFacts(record.identity));
    const pageKeys = page.map((facts) => queryKeys(facts));
    // Blocked exactly as the linker blocks.
    const blocked = await findBlockedCandidates(manager, pageKeys);
    for (const [childId, profile] of await loadProfiles(manager, [...new Set(blocked.flat())].filter((id) => !profiles.has(id)))) profiles.set(childId, profile);
    const candidates = blocked.map((childIds) => childIds.map((childId) => profiles.get(childId)).filter((profile): profile is MatchProfile => profile !== undefined));
    // The query's row order is not guaranteed: the pairs, and so the estimate, must not depend on it.
    for (const list of candidates) list.sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
    page.forEach((facts, index) => {
      const record = records[index];
      const list = candidates[index] ?? [];
      found.pairs += list.length;
      if (list.length > 0) found.recordsWithCandidates++;
      if (!linkedBySui(record)) {
        if (list.length > 0) found.unlabelledRecordsWithCandidates++;
        for (const profile of list) found.unlabelled.push(scoreCandidate(weights, facts, profile).levels);
        return;
      }
      const recordKeys = new Set(pageKeys[index]);
      for (const profile of list) {
        if (profile.childId !== record.childId) {
          found.knownNonMatches.push(scoreCandidate(weights, facts, profile).levels);
          continue;
        }
        const reduced = withoutOwnReport(profile, record, sources.get(profile.childId));
        if (profileKeys(reduced).some((key) => recordKeys.has(key))) found.knownMatches.push(scoreCandidate(weights, facts, reduced).levels);
        else found.knownMatchesNotBlocked++;
      }
    });
  }
  return found;
}

/**
 * Who else vouches for a child's names and postcodes: the child's own row and each record linked to the
 * child. Values are kept in the form the matcher compares them in (`normaliseName`, the postcode unit),
 * each with the records that reported it.
 */
export interface ChildSources {
  /** The names on the child's own row: always another source than any one record. */
  rowNames: { givenNames: Set<string>; familyNames: Set<string> };
  givenNames: Map<string, Set<string>>;
  familyNames: Map<string, Set<string>>;
  postcodes: Map<string, Set<string>>;
}

interface SourceRow {
  child_id: string;
  record_id: string | null;
  given_names: string | null;
  family_name: string | null;
  postcode: string | null;
}

function nameKey(value: string | null | undefined): string {
  return normaliseName(value ?? "");
}

function postcodeKey(value: string | null | undefined): string {
  return postcodeParts(value)?.unit ?? (value ?? "").toUpperCase().replace(/\s+/g, "");
}

/**
 * The sources of every name and postcode of the children these records are linked to, in two queries
 * for the whole sample however many records it holds: the children's own rows, and what each record
 * linked to them reported.
 */
export async function childSources(manager: EntityManager, records: readonly SampledRecord[]): Promise<Map<string, ChildSources>> {
  const childIds = [...new Set(records.map((record) => record.childId).filter((id): id is string => id !== null))];
  const sources = new Map<string, ChildSources>();
  if (childIds.length === 0) return sources;
  const rows: SourceRow[] = await manager.query(
    `SELECT c.id AS child_id, NULL::uuid AS record_id, c.given_names, c.family_name, NULL::text AS postcode FROM child c WHERE c.id = ANY($1::uuid[])
     UNION ALL
     SELECT r.child_id, r.id, r.reported_identity ->> 'givenNames', r.reported_identity ->> 'familyName', r.reported_identity ->> 'postcode'
     FROM agency_record r WHERE r.child_id = ANY($1::uuid[]) AND jsonb_typeof(r.reported_identity) = 'object'`,
    [childIds],
  );
  const add = (values: Map<string, Set<string>>, key: string, recordId: string) => {
    if (key === "") return;
    const reporters = values.get(key) ?? new Set<string>();
    reporters.add(recordId);
    values.set(key, reporters);
  };
  for (const row of rows) {
    let child = sources.get(row.child_id);
    if (child === undefined) {
      child = { rowNames: { givenNames: new Set(), familyNames: new Set() }, givenNames: new Map(), familyNames: new Map(), postcodes: new Map() };
      sources.set(row.child_id, child);
    }
    if (row.record_id === null) {
      child.rowNames.givenNames.add(nameKey(row.given_names));
      child.rowNames.familyNames.add(nameKey(row.family_name));
      continue;
    }
    add(child.givenNames, nameKey(row.given_names), row.record_id);
    add(child.familyNames, nameKey(row.family_name), row.record_id);
    if (row.postcode !== null) add(child.postcodes, postcodeKey(row.postcode), row.record_id);
  }
  return sources;
}

/**
 * The child's profile as a record arriving without an SUI would meet it, had this record not been
 * linked: a given name, family name or postcode this record reported is dropped unless another source
 * (another record linked to the child or, for names, the child's own row) reported the same value. The
 * date of birth and sex come from the child's own row and are kept.
 */
export function withoutOwnReport(profile: MatchProfile, record: SampledRecord, sources: ChildSources | undefined): MatchProfile {
  const vouchedForByOthers = (reporters: Set<string> | undefined) => reporters !== undefined && [...reporters].some((id) => id !== record.id);
  const drop = (values: string[], key: (value: string) => string, own: string, others: Map<string, Set<string>> | undefined, row: Set<string> | undefined) => {
    if (own === "" || row?.has(own) || vouchedForByOthers(others?.get(own))) return values;
    return values.filter((value) => key(value) !== own);
  };
  return {
    ...profile,
    givenNames: drop(profile.givenNames, nameKey, nameKey(record.identity.givenNames), sources?.givenNames, sources?.rowNames.givenNames),
    familyNames: drop(profile.familyNames, nameKey, nameKey(record.identity.familyName), sources?.familyNames, sources?.rowNames.familyNames),
    postcodes: drop(profile.postcodes, postcodeKey, postcodeKey(record.identity.postcode), sources?.postcodes, undefined),
  };
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
 * A proportion at its bound means EM took (almost) every unlabelled candidate pair for a match, or none:
 * blocked pairs agree on their keys far more often than random pairs, so a family's siblings and twins
 * can look like matches to a u taken from random pairs.
 */
function warningsAbout(lambda: number, unlabelledPairs: number, knownMatches: number, changes: LevelChange[]): string[] {
  const warnings: string[] = [];
  if (knownMatches < FEW_KNOWN_MATCHES) {
    warnings.push(
      `Only ${knownMatches} known matches (records linked by SUI, compared with their own child) were available, fewer than ${FEW_KNOWN_MATCHES}: m rests mostly on EM's reading of the unlabelled pairs and on the prior (the current parameters).`,
    );
  }
  if (unlabelledPairs === 0) warnings.push("No unlabelled candidate pairs: the match proportion was not estimated, and m comes from the known matches and the prior only.");
  else if (lambda > 0.99) {
    warnings.push(
      `EM took ${(lambda * 100).toFixed(1)}% of the ${unlabelledPairs} unlabelled candidate pairs for matches: if they are many, siblings, twins and other blocked non-matches are probably counted among them, and m is biased towards their levels.`,
    );
  } else if (lambda < 0.01) warnings.push(`EM took only ${(lambda * 100).toFixed(2)}% of the ${unlabelledPairs} unlabelled candidate pairs for matches: they add little to m beyond the known matches.`);
  for (const change of changes) {
    if (change.proposed.m < UNSEEN_AMONG_MATCHES) {
      warnings.push(`${change.field} ${change.level} was never seen among the matches: its proposed weight (${change.proposed.weight.toFixed(1)} bits) comes from a floor on m, not from the data.`);
    }
  }
  return warnings;
}

function changesBetween(current: MatchWeights["fields"], proposed: MatchWeights["fields"], evidence: LevelCounts): LevelChange[] {
  const at = (fields: MatchWeights["fields"], field: MatchField, level: string): LevelEstimate => {
    const { m, u } = (fields[field] as Record<string, LevelParameters>)[level];
    return { m, u, weight: levelWeight({ m, u }) };
  };
  return MATCH_FIELDS.flatMap((field) =>
    FIELD_LEVELS[field].map((level) => ({
      field,
      level,
      current: at(current, field, level),
      proposed: at(proposed, field, level),
      matchEvidence: (evidence[field] as Record<string, number>)[level],
    })),
  );
}
