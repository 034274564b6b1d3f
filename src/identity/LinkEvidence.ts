import { type ComparisonVector, type MatchField } from "./matching/comparisonVector";

/**
 * Why a probabilistic decision came out as it did: the score, the level and weight of every field, and
 * the version of the match parameters that weighed them — enough to reproduce the score later.
 */
export interface LinkEvidence {
  score: number;
  levels: ComparisonVector;
  fieldWeights: Record<MatchField, number>;
  weightsVersion: number;
  weightsHash: string;
  /**
   * The record came with an SUI naming this child, but reported an identity that cannot be the
   * child's (`disputedSui.ts`): held for a steward rather than linked by the SUI.
   */
  suiDisputed?: true;
  /**
   * The record came with this SUI, which no child held, and may be about this candidate, which holds
   * none (an unborn child, a record not yet traced: `suiArrival.ts`): held for a steward rather than
   * founding a second child. A steward's LINK gives the candidate the SUI.
   */
  arrivingSui?: string;
}
