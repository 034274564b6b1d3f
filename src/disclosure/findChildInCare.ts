import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { LawfulBasis } from "../policy/LawfulBasis";
import { Purpose } from "../policy/Purpose";
import { type Child } from "../people/Child";
import { type PolicySet } from "../policy/PolicySet";
import { sameSources, visibleIdentity } from "../people/identityFacts";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { RECORD_TYPES } from "../records/RecordType";
import { legitimateRelationships } from "./legitimateRelationships";
import { loadChildFile } from "./loadChildFile";

export interface ChildInCare {
  child: Child;
  /**
   * The date of birth as the caller's view of the child supports it: reported by a record that is
   * neither sealed nor brokered, or by one of the caller's own — never a sealed identity's alone.
   */
  dateOfBirth: string | null;
}

/**
 * The child a practitioner records a decision about (consent, an override, a decision not to share),
 * provided the caller's agency has a legitimate relationship with them derived from the data.
 * Otherwise NOT_FOUND, the same answer as for a child who does not exist, so recording a decision
 * cannot be used to learn whether the hub knows a child.
 */
export async function findChildInCare(dataSource: DataSource, principal: Principal, rawSui: string, policy: PolicySet, now = new Date()): Promise<ChildInCare> {
  const sui = parseSui(rawSui, "sui");
  const file = await loadChildFile(dataSource, sui, now);
  const relationships = legitimateRelationships(file, principal, {
    purpose: Purpose.CHILD_IN_NEED_ASSESSMENT, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null, justification: "", caseReference: null, breakGlass: false,
  }, { policy, now, openCaseReference: false });
  if (file === null || relationships.length === 0) {
    throw new HubError(ErrorCode.NOT_FOUND, "No child with this SUI is known to your agency.", { path: "sui" });
  }
  const informative = RECORD_TYPES.flatMap((type) => file.records[type]).filter(({ record, agency }) => agency.code === principal.agency || !isRestrictedRecord(record.labels));
  const identity = visibleIdentity(file.identity, sameSources(new Set(informative.map(({ record }) => record.id))));
  // An unborn child has no age: its expected date of birth is not one.
  return { child: file.child, dateOfBirth: file.child.dateOfBirth === null ? null : (identity.dateOfBirth?.value ?? null) };
}
