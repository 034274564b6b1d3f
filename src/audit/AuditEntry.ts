import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "../policy/AccessContext";
import { type Withholding } from "../policy/DisclosureDecision";
import { type AuditOperation } from "./AuditOperation";
import { type AuditOutcome } from "./AuditOutcome";
import { type DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { type AuditRefusal } from "./recordAuditEntry";

/**
 * The access context as the entry recorded it. The caller's own words — `justification` and
 * `caseReference` — are null where they are withheld from the reader (`AuditEntry.redactions`).
 */
export interface AuditAccess extends Omit<AccessContext, "justification"> {
  justification: string | null;
}

/** An audit entry as an IG lead reads it: the row, grouped, with its place on its chain (narrowed for the reader by `trailAsRead.ts`). */
export interface AuditEntry {
  id: string;
  occurredAt: Date;
  requestId: string;
  principal: { sub: string; agency: string; agencyType: AgencyType; roles: Role[] };
  operation: AuditOperation;
  access: AuditAccess | null;
  breakGlass: boolean;
  /** The children the entry names that the reader may see (`trailAsRead.ts`). */
  childSuis: string[];
  /** How many more children the entry names, left out for this reader: counted, never named. */
  otherChildren: number;
  outcome: AuditOutcome;
  refusal: AuditRefusal | null;
  fieldsDisclosed: string[];
  fieldsWithheld: Withholding[];
  policyVersion: string | null;
  prejudicesInvestigation: boolean;
  details: Record<string, unknown>;
  chain: number;
  sequence: number;
  /** Null when the entry was narrowed for the reader: it covers what was left out. */
  hash: string | null;
  /** What of the entry is withheld from the reader, and why (`trailAsRead.ts`); empty on their own agency's entries. */
  redactions: Withholding[];
}

/** The whole row, every child named: `trailAsRead` narrows it for a reader. */
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
    otherChildren: 0,
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
    redactions: [],
  };
}
