import { isRestrictedRecord } from "../records/restrictedRecord";
import { type ChildFile } from "./ChildFile";

/**
 * A child not yet born: the hub holds an expected date of birth and no date of birth, and no record
 * linked to the child that is neither sealed nor brokered gives one (the birth notification does; what
 * a restricted record reports changes nothing outside it). Its file opens only to the relationships
 * policies/relationships.yaml `preBirth` lists.
 */
export function childNotYetBorn(file: ChildFile): boolean {
  const { usual, reports } = file.identity;
  if (usual.dateOfBirth !== null || usual.expectedDateOfBirth === null) return false;
  return !reports.some((report) => report.identity.dateOfBirth !== null && !isRestrictedRecord(report.labels));
}
