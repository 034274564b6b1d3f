import { type Principal } from "../auth/Principal";
import { AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "../policy/AccessContext";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type DisclosureSubject } from "../policy/DisclosureSubject";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { RecordType } from "../records/RecordType";
import { type ChildFile } from "./ChildFile";

/**
 * Whether telling the family that this disclosure happened could prejudice an investigation (DPA 2018
 * Sch.2 para 2 and Part 3 s.45(4)): law-enforcement processing, a police caller, or a child whose file
 * holds an active police investigation or content that must never reach the family. Such entries are
 * left out of a subject access report.
 */
export function prejudicesInvestigation(file: ChildFile | null, subject: DisclosureSubject, principal: Principal, access: AccessContext): boolean {
  if (access.lawfulBasis === LawfulBasis.LAW_ENFORCEMENT || principal.agencyType === AgencyType.POLICE) return true;
  if (file === null) return false;
  if (file.records[RecordType.POLICE].some(({ details }) => details.activeInvestigation === true)) return true;
  return subject.records.some((record) =>
    record.labels.includes(SensitivityLabel.WITHHOLD_FROM_FAMILY) || record.fields.some((field) => field.labels.includes(SensitivityLabel.WITHHOLD_FROM_FAMILY)),
  );
}
