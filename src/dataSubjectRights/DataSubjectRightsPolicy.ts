import { type PolicyRule } from "../policy/PolicySet";
import { type Purpose } from "../policy/Purpose";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type ErasureRegime, type RestrictionGround } from "./RightsVocabulary";

/** One Art 17(1) ground or Art 17(3) exemption (or their DPA 2018 s.47 counterparts), as the IG lead names it. */
export interface ErasureClause {
  id: string;
  regime: ErasureRegime;
  citation: string;
  title: string;
}

/**
 * `dataSubjectRights:` (policies/data-subject-rights.yaml): what the hub's handling of rectification,
 * restriction, objection and erasure turns on, as data.
 */
export interface DataSubjectRightsRule extends PolicyRule {
  /** Minimum length of a supplementary statement, and of an IG lead's reasons. */
  statementMinimumLength: number;
  reasonMinimumLength: number;
  /** Evidential records (by type) and facts (by label) are never rectified, only restricted (DPA 2018 s.46(4)). */
  evidential: { recordTypes: RecordType[]; labels: SensitivityLabel[] };
  /** Facts with any of these labels are Part 3 data: erasure is decided under DPA 2018 s.47. */
  partThreeLabels: SensitivityLabel[];
  /** Per ground, the purposes a restricted fact is still disclosed for (Art 18(2)); break-glass always. */
  restrictionPurposes: Map<RestrictionGround, Purpose[]>;
  erasureGrounds: ErasureClause[];
  erasureExemptions: ErasureClause[];
}
