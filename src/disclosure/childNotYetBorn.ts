import { BORN_WITHIN_DAYS_OF_EXPECTED } from "../identity/matching/comparisonLevels";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { type ChildFile } from "./ChildFile";

/**
 * A child not yet born: the hub holds an expected date of birth and no date of birth, and no record
 * linked to the child that is neither sealed nor brokered gives a date of birth the baby could have —
 * within `BORN_WITHIN_DAYS_OF_EXPECTED` of the expected date (the birth notification does; a date years
 * before it is a mistake or another child's, and does not open the mother's pregnancy to every agency
 * with a record; what a restricted record reports changes nothing outside it). Its file opens only to
 * the relationships policies/relationships.yaml `preBirth` lists.
 */
export function childNotYetBorn(file: ChildFile): boolean {
  const { usual, reports } = file.identity;
  if (usual.dateOfBirth !== null || usual.expectedDateOfBirth === null) return false;
  const expected = usual.expectedDateOfBirth;
  return !reports.some((report) => report.identity.dateOfBirth !== null && !isRestrictedRecord(report.labels) && couldBeBornOn(expected, report.identity.dateOfBirth));
}

function couldBeBornOn(expected: string, born: string): boolean {
  const days = Math.abs(Date.parse(`${born}T00:00:00Z`) - Date.parse(`${expected}T00:00:00Z`)) / 86_400_000;
  return Number.isFinite(days) && days <= BORN_WITHIN_DAYS_OF_EXPECTED;
}
