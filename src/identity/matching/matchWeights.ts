import { type FIELD_LEVELS, MATCH_FIELDS, type ComparisonVector, type MatchField } from "./comparisonVector";
import { type TermField } from "./termFrequencies";

/**
 * Fellegi–Sunter parameters for one comparison level: m = P(level | same child), u = P(level | different
 * children). The level's match weight is log2(m / u): positive evidence for a match when m > u.
 */
export interface LevelParameters {
  m: number;
  u: number;
}

/** Where the bands fall (HUB.md §8), in the same units as the score (bits: log2 of a likelihood ratio). */
export interface LinkThresholds {
  /** At or above: linked automatically (if unambiguous and the given names agree). */
  autoLink: number;
  /** At or above, but below `autoLink`: a link review for a data steward. Below: a new child. */
  review: number;
  /**
   * An auto-link also needs the best candidate to beat the second by at least this much: a record that
   * matches two different children strongly goes to review, never auto-links.
   */
  ambiguityMargin: number;
}

/**
 * Term-frequency adjustment (as Splink makes it): when a field agrees exactly, the u of its EXACT level
 * (how often two different children share *some* value) is replaced by how often children share *this*
 * value — the share of children holding it, never below `minimumU` — and the weight moves by
 * `weight` × log2(u / that share): a shared "Smith" weighs less than a shared rare surname.
 */
export interface TermFrequencySettings {
  /** No adjustment while fewer children than this have a value of the field: a small hub's counts say nothing about how common a name is. */
  minimumChildren: number;
  fields: Record<TermField, { weight: number; minimumU: number }>;
}

/** The versioned match configuration (`policies/linkage/match-weights.yaml`). */
export interface MatchWeights {
  version: number;
  /** Where the parameters came from (expert judgement, an EM run over n pairs on a date). */
  description: string;
  thresholds: LinkThresholds;
  fields: { [F in MatchField]: Record<(typeof FIELD_LEVELS)[F][number], LevelParameters> };
  termFrequency: TermFrequencySettings;
  /** SHA-256 of the file as loaded: stored with every decision so a score can be reproduced. */
  hash: string;
}

export type FieldWeights = Record<MatchField, number>;

export interface Score {
  /** Sum of the field weights, in bits. */
  score: number;
  /** The weight each field contributed (0 for missing evidence). */
  fieldWeights: FieldWeights;
  levels: ComparisonVector;
}

export function levelWeight(parameters: LevelParameters): number {
  return Math.log2(parameters.m / parameters.u);
}

export function scoreComparison(weights: MatchWeights, levels: ComparisonVector): Score {
  const fieldWeights = {} as FieldWeights;
  let score = 0;
  for (const field of MATCH_FIELDS) {
    const level = levels[field];
    const parameters = level === "MISSING" ? undefined : (weights.fields[field] as Record<string, LevelParameters>)[level];
    const weight = parameters === undefined ? 0 : levelWeight(parameters);
    fieldWeights[field] = weight;
    score += weight;
  }
  return { score, fieldWeights, levels };
}
