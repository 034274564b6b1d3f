import { CANDIDATE_COMPARISONS, NESTED_LEVELS, type CandidateComparison } from "./CandidateComparison";
import { CHILD_FIELDS } from "./DisclosureSubject";
import { type CandidateComparisonsRule, type ComparisonDisclosure } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/**
 * Reads `candidateComparisons:` (policies/search.yaml): per comparison, the candidate detail (a CHILD
 * field) whose disclosure lets a `why` report it, and the finest nested level it may be reported at.
 */
export function readCandidateComparisons(node: YamlNode): CandidateComparisonsRule {
  const map = node.map(["id", "description", "comparisons"]);
  const comparisons = new Map<CandidateComparison, ComparisonDisclosure>();
  for (const [key, value] of map.required("comparisons").entries()) {
    const comparison = key.oneOf(CANDIDATE_COMPARISONS, "comparison");
    const entry = value.map(["detail"], ["finestLevel"]);
    const finestNode = entry.optional("finestLevel");
    const nested = NESTED_LEVELS[comparison];
    if (finestNode !== undefined && nested.length === 0) finestNode.fail(`the levels of ${comparison} do not nest: it is reported as compared or, without "${comparison}" here, not at all`);
    comparisons.set(comparison, {
      detail: entry.required("detail").oneOf(CHILD_FIELDS, "CHILD field"),
      finestLevel: finestNode?.oneOf(nested, `nested ${comparison} level`) ?? null,
    });
  }
  return { ...ruleBase(node, map), comparisons };
}
