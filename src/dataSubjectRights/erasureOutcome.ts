import { ErrorCode, HubError } from "../errors/HubError";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type DataSubjectRightsRule, type ErasureClause } from "./DataSubjectRightsPolicy";
import { RightsProblem } from "./RightsProblem";
import { ErasureOutcome, ErasureRegime } from "./RightsVocabulary";

export interface ErasureDecided {
  regime: ErasureRegime;
  outcome: ErasureOutcome;
  grounds: string[];
  exemptions: string[];
}

/**
 * The decision on an erasure request over a fact with these labels: the regime (DPA 2018 Part 3 when
 * the fact carries a `partThreeLabels` label, UK GDPR otherwise), then the grounds (none met, no right to
 * erasure), then the exemptions (any that applies keeps the fact). Every clause named must be known and
 * of the regime: INVALID_INPUT otherwise (UNKNOWN_ERASURE_CLAUSE, CLAUSE_NOT_FOR_REGIME).
 */
export function erasureOutcome(rule: DataSubjectRightsRule, labels: readonly SensitivityLabel[], groundsMet: readonly string[], exemptionsApplying: readonly string[]): ErasureDecided {
  const regime = labels.some((label) => rule.partThreeLabels.includes(label)) ? ErasureRegime.DPA_PART_3 : ErasureRegime.UK_GDPR;
  const grounds = clauses(rule.erasureGrounds, groundsMet, regime, "groundsMet");
  const exemptions = clauses(rule.erasureExemptions, exemptionsApplying, regime, "exemptionsApplying");
  return { regime, outcome: grounds.length > 0 && exemptions.length === 0 ? ErasureOutcome.ERASED : ErasureOutcome.REFUSED, grounds, exemptions };
}

function clauses(known: readonly ErasureClause[], named: readonly string[], regime: ErasureRegime, path: string): string[] {
  for (const id of named) {
    const clause = known.find((candidate) => candidate.id === id);
    if (clause === undefined) throw new HubError(ErrorCode.INVALID_INPUT, `"${id}" is not one of the hub's ${path === "groundsMet" ? "erasure grounds" : "erasure exemptions"}: ${known.map((c) => c.id).join(", ")}.`, { path, problem: RightsProblem.UNKNOWN_ERASURE_CLAUSE });
    if (clause.regime !== regime) throw new HubError(ErrorCode.INVALID_INPUT, `${id} (${clause.citation}) does not decide ${regime} data.`, { path, problem: RightsProblem.CLAUSE_NOT_FOR_REGIME });
  }
  return [...new Set(named)].sort();
}
