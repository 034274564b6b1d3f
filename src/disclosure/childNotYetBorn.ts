import { compareExpectedBirth } from "../identity/matching/comparisonLevels";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { type ChildFile } from "./ChildFile";

/**
 * A child not yet born: the hub holds an expected date of birth and no date of birth, and no record
 * linked to the child that is neither sealed nor brokered gives a date of birth the baby could have —
 * within 16 weeks of the expected date (`compareExpectedBirth`) (the birth notification does; a date years
 * before it is a mistake or another child's, and does not open the mother's pregnancy to every agency
 * with a record; what a restricted record reports changes nothing outside it). Its file opens only to
 * the relationships policies/relationships.yaml `preBirth` lists.
 */
export function childNotYetBorn(file: ChildFile): boolean {
  const { usual, reports } = file.identity;
  if (usual.dateOfBirth !== null || usual.expectedDateOfBirth === null) return false;
  const expected = usual.expectedDateOfBirth;
  // A date the baby could have is no evidence against the expected one (MISSING); another is DIFFERENT.
  return !reports.some((report) => report.identity.dateOfBirth !== null && !isRestrictedRecord(report.labels) && compareExpectedBirth(expected, report.identity.dateOfBirth) !== "DIFFERENT");
}
