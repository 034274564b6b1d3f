import { DEFAULT_MATCH_WEIGHTS_PATH, loadMatchWeights } from "./loadMatchWeights";
import { type MatchWeights } from "./matchWeights";

let loaded: MatchWeights | null = null;

/**
 * The hub's match parameters (`policies/linkage/match-weights.yaml`), read once. The hub reads them at
 * start-up, so a broken file stops it there rather than at the first record without an SUI.
 */
export function defaultMatchWeights(): MatchWeights {
  loaded ??= loadMatchWeights(DEFAULT_MATCH_WEIGHTS_PATH);
  return loaded;
}
