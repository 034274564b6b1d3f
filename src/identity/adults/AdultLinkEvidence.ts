import { type ComparisonVector, type MatchField } from "../matching/comparisonVector";
import { type NationalIdentifierScheme } from "../../people/NationalIdentifierScheme";

/** Whether the two gave the same value of a national identifier — never the value itself. */
export type IdentifierAgreement = "AGREE" | "DISAGREE";

/**
 * Why a reported person was linked to an adult, or proposed: the score and each field's level and
 * weight (as for a child's record), which national identifiers agreed or disagreed, and the rule.
 */
export interface AdultLinkEvidence {
  score: number;
  levels: ComparisonVector;
  fieldWeights: Record<MatchField, number>;
  identifiers: Partial<Record<NationalIdentifierScheme, IdentifierAgreement>>;
  weightsVersion: number;
  rule: string;
}
