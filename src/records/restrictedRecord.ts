import { SensitivityLabel } from "./SensitivityLabel";

/** The labels that restrict a whole record to its own agency (design principle 5). */
export const RESTRICTING_LABELS: readonly SensitivityLabel[] = [SensitivityLabel.SEALED, SensitivityLabel.BROKERED];

/**
 * A sealed or brokered record contributes nothing outside itself (design principle 8): not a name or
 * an address to anyone else's view of the child, not a fact to match other records on, not a council
 * made responsible.
 */
export function isRestrictedRecord(labels: readonly SensitivityLabel[]): boolean {
  return labels.some((label) => RESTRICTING_LABELS.includes(label));
}
