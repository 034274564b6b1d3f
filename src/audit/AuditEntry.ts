import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "../policy/AccessContext";
import { type Withholding } from "../policy/DisclosureDecision";
import { type AuditOperation } from "./AuditOperation";
import { type AuditOutcome } from "./AuditOutcome";
import { type DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { type AuditRefusal } from "./recordAuditEntry";

/** An audit entry as an IG lead reads it: the row, grouped, with its place on its chain. */
export interface AuditEntry {
  id: string;
  occurredAt: Date;
  requestId: string;
  principal: { sub: string; agency: string; agencyType: AgencyType; roles: Role[] };
  operation: AuditOperation;
  access: AccessContext | null;
  breakGlass: boolean;
  childSuis: string[];
  outcome: AuditOutcome;
  refusal: AuditRefusal | null;
  fieldsDisclosed: string[];
  fieldsWithheld: Withholding[];
  policyVersion: string | null;
  prejudicesInvestigation: boolean;
  details: Record<string, unknown>;
  chain: number;
  sequence: number;
  hash: string;
}

export function toAuditEntry(row: DisclosureAuditEntry): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    requestId: row.requestId,
    principal: { sub: row.principalSub, agency: row.principalAgency, agencyType: row.principalAgencyType, roles: row.principalRoles },
    operation: row.operation,
    access:
      row.purpose === null || row.lawfulBasis === null
        ? null
        : {
            purpose: row.purpose,
            lawfulBasis: row.lawfulBasis,
            specialCategoryCondition: row.specialCategoryCondition,
            justification: row.justification ?? "",
            caseReference: row.caseReference,
            breakGlass: row.breakGlass,
          },
    breakGlass: row.breakGlass,
    childSuis: row.childSuis,
    outcome: row.outcome,
    refusal: row.refusalCode === null ? null : { code: row.refusalCode, problem: row.refusalProblem, rule: row.refusalRule },
    fieldsDisclosed: row.fieldsDisclosed,
    fieldsWithheld: row.fieldsWithheld,
    policyVersion: row.policyVersion,
    prejudicesInvestigation: row.prejudicesInvestigation,
    details: row.details,
    chain: row.chainId,
    sequence: row.sequence,
    hash: row.hash,
  };
}
