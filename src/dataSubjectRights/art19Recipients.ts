import { type DataSource, type EntityManager } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOutcome } from "../audit/AuditOutcome";
import { DISCLOSING_OPERATIONS } from "../audit/AuditOperation";
import { type AuditEntryInput } from "../audit/recordAuditEntry";
import { entryOwnAgencyAlone } from "../audit/trailReach";
import { type AgencyType } from "../directory/AgencyType";
import { LawfulBasis } from "../policy/LawfulBasis";
import { Purpose } from "../policy/Purpose";
import { type AccessContext } from "../policy/AccessContext";
import { type RightsTarget } from "./heldRecord";

/** The agencies Art 19 says to tell: those the IG lead may be told of, and those the hub tells itself. */
export interface Art19Recipients {
  /** Named to the IG lead, in the answer and on their entry. */
  toTell: string[];
  /**
   * Recipients whose disclosing entries are their own agency's alone on the trail (`audit/trailReach`'s
   * `entryOwnAgencyAlone`: they hold the child under a SEALED or BROKERED record, or a concealed route told
   * them): the hub tells each on its own trail (`art19Notice`), and names none of them to the IG lead.
   */
  toldByHub: { agency: string; agencyType: AgencyType }[];
}

/**
 * UK GDPR Art 19 (DPA 2018 s.46(5), s.47(5)): the agencies to whom the target was disclosed, from the
 * trail itself — every disclosing entry about the child whose disclosed fields include the fact (or any
 * fact of the whole record) — other than the agency that holds it. They are told of the rectification,
 * restriction or erasure. The IG lead is told only of those the trail's reach lets them know of; a
 * recipient the trail keeps to itself is told by the hub (`toldByHub`), so the duty is met and the seal
 * holds. One statement, whatever the trail holds.
 */
export async function art19Recipients(db: DataSource | EntityManager, target: RightsTarget): Promise<Art19Recipients> {
  if (target.record.sui === null) return { toTell: [], toldByHub: [] };
  const rows = await db.query<{ agency: string; agency_type: AgencyType; alone: boolean }[]>(
    `SELECT a.principal_agency AS agency, min(a.principal_agency_type) AS agency_type, bool_or(${entryOwnAgencyAlone("a")}) AS alone
       FROM disclosure_audit a
      WHERE a.child_suis @> ARRAY[$1]::text[] AND a.outcome = $2 AND a.operation = ANY($3::text[]) AND a.principal_agency <> $4
        AND EXISTS (SELECT 1 FROM unnest(a.fields_disclosed) f WHERE f = $5 OR left(f, length($5) + 1) = $5 || '.')
      GROUP BY a.principal_agency ORDER BY 1`,
    [target.record.sui, AuditOutcome.DISCLOSED, [...DISCLOSING_OPERATIONS], target.record.agencyCode, target.path],
  );
  return {
    toTell: rows.filter((row) => !row.alone).map((row) => row.agency),
    toldByHub: rows.filter((row) => row.alone).map((row) => ({ agency: row.agency, agencyType: row.agency_type })),
  };
}

/** The access context the hub states when it tells a recipient itself: a legal duty, in the hub's own words, never the IG lead's. */
export const ART19_NOTICE_ACCESS: AccessContext = {
  purpose: Purpose.INFORMATION_GOVERNANCE,
  lawfulBasis: LawfulBasis.LEGAL_OBLIGATION,
  specialCategoryCondition: null,
  justification: "UK GDPR Art 19: a fact this agency received was rectified, restricted or erased by the agency that holds it.",
  caseReference: null,
  breakGlass: false,
};

/**
 * The hub telling a recipient the trail keeps to itself (`Art19Recipients.toldByHub`): an entry of the
 * decision's operation made by the hub on that agency's behalf (`hub:art19`, the agency as principal, as a
 * delivery's entry is its recipient's), so it is on that agency's IG leads' trail as their own and, by the
 * same reach, on no one else's. It names what to tell — the record, the path, the decision's ids — never the
 * IG lead who decided, their justification or reason, or the statement's words.
 */
export function art19Notice(recipient: { agency: string; agencyType: AgencyType }, request: { requestId: string; operation: AuditEntryInput["operation"]; policyVersion: string }, childSuis: string[], notice: Record<string, unknown>): AuditEntryInput {
  const hub: Principal = { sub: "hub:art19", name: "hub:art19", agency: recipient.agency, agencyType: recipient.agencyType, roles: [], localAuthority: "", team: null, tokenId: null };
  return {
    requestId: request.requestId,
    principal: hub,
    operation: request.operation,
    access: ART19_NOTICE_ACCESS,
    childSuis,
    outcome: AuditOutcome.RECORDED,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    policyVersion: request.policyVersion,
    breakGlass: false,
    prejudicesInvestigation: false,
    details: { ...notice, art19Notice: true },
  };
}
