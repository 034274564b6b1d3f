import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { LawfulBasis } from "../policy/LawfulBasis";
import { Purpose } from "../policy/Purpose";
import { type Child } from "../people/Child";
import { legitimateRelationships } from "./legitimateRelationships";
import { loadChildFile } from "./loadChildFile";

/**
 * The child a practitioner records a decision about (consent, an override, a decision not to share),
 * provided the caller's agency has a legitimate relationship with them derived from the data.
 * Otherwise NOT_FOUND, the same answer as for a child who does not exist, so recording a decision
 * cannot be used to learn whether the hub knows a child.
 */
export async function findChildInCare(dataSource: DataSource, principal: Principal, rawSui: string, now = new Date()): Promise<Child> {
  const sui = parseSui(rawSui, "sui");
  const file = await loadChildFile(dataSource, sui, now);
  const relationships = legitimateRelationships(file, principal, {
    purpose: Purpose.CHILD_IN_NEED_ASSESSMENT, lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null, justification: "", caseReference: null, breakGlass: false,
  });
  if (file === null || relationships.length === 0) {
    throw new HubError(ErrorCode.NOT_FOUND, "No child with this SUI is known to your agency.", { path: "sui" });
  }
  return file.child;
}
