import { type LawfulBasis } from "./LawfulBasis";
import { type Purpose } from "./Purpose";
import { type SpecialCategoryCondition } from "./SpecialCategoryCondition";

/** Why this read, on what lawful basis (design principle 2). Recorded verbatim on the audit entry. */
export interface AccessContext {
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  specialCategoryCondition: SpecialCategoryCondition | null;
  justification: string;
  caseReference: string | null;
  breakGlass: boolean;
}
