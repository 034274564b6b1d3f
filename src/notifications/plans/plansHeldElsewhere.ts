import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry, type AuditEntryInput } from "../../audit/recordAuditEntry";
import { applyRecordRights, type RestrictionView, type SupplementaryStatementView } from "../../dataSubjectRights/applyRecordRights";
import { loadRightsOverRecords } from "../../dataSubjectRights/rightsOverRecords";
import { Agency } from "../../directory/Agency";
import { keptOutCondition, teamKeyOf } from "../../exclusions/excludes";
import { addressTellsWhereChildLives } from "../../people/unrestrictedSource";
import { DEMOGRAPHICS, recordPath } from "../../disclosure/recordPaths";
import { AgencyType } from "../../directory/AgencyType";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type ReportedIdentity } from "../../identity/ReportedIdentity";
import { type AccessContext } from "../../policy/AccessContext";
import { AccessProblem } from "../../policy/AccessProblem";
import { decideDisclosure } from "../../policy/decideDisclosure";
import { type Withholding } from "../../policy/DisclosureDecision";
import { CHILD_DETAILS, type DisclosureSubject, type FieldSubject } from "../../policy/DisclosureSubject";
import { recordLabelsOnField } from "../../policy/decidedFields";
import { ConsentRequirement } from "../../policy/PolicySet";
import { RelationshipKind } from "../../policy/RelationshipKind";
import { validateAccessContext } from "../../policy/validateAccessContext";
import { effectiveFieldLabels, RECORD_FIELDS } from "../../records/recordFields";
import { RecordType } from "../../records/RecordType";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { londonDateOf } from "../../timescales/londonTime";
import { type NotificationServices } from "../NotificationServices";

/** One child on another authority's plan living in the caller's area, as the caller may see them. */
export interface PlanHeldElsewhere {
  /** The holding authority's record of the plan: the list's order, and its cursor. */
  recordId: string;
  sui: string | null;
  /** The authority holding the plan (a directory code: organisational). */
  holdingAgency: string;
  /** The child's details and the plan's fields the caller may see; a field it may not is absent. */
  child: Partial<Record<"givenNames" | "familyName" | "dateOfBirth" | "localAuthority", string>>;
  plan: Partial<Record<string, unknown>>;
  redactions: Withholding[];
  /** Statements the holding authority attached to a fact shown (UK GDPR Art 16): read with it. */
  supplementaryStatements: SupplementaryStatementView[];
  /** Facts shown whose processing is restricted, for a purpose the restriction allows (Arts 18, 21). */
  restrictions: RestrictionView[];
}

export interface PlansHeldElsewherePage {
  plans: PlanHeldElsewhere[];
  hasNextPage: boolean;
  /** The last plan's record id, for `after`. */
  end: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Record labels that decide the record as a whole rather than travel to each field. */
const RECORD_ONLY_LABELS = new Set<SensitivityLabel>([SensitivityLabel.SEALED, SensitivityLabel.BROKERED]);

interface PlanRow {
  recordId: string;
  sui: string | null;
  agencyCode: string;
  agencyType: AgencyType;
  unborn: boolean;
  identity: ReportedIdentity;
  labels: SensitivityLabel[];
  fieldLabels: Record<string, SensitivityLabel[]>;
  details: Record<string, unknown>;
}

/**
 * The list children's social care keeps of children on other authorities' plans living in its area
 * (DOMAIN.md "Who must tell whom", CSC): every child protection plan (a pre-birth plan included) or
 * looked-after episode in force today, held by another authority, whose holding authority's own record
 * places the child in an authority the caller's agency serves — the directory's areas, not the token's
 * claim — at no location any of the child's records protects (`addressTellsWhereChildLives`, the rule
 * that decides every relationship resting on where a child lives: a refuge or a protected placement
 * makes the council of its area answerable for nothing, and so tells it nothing, for any purpose).
 * Only children's social care reads it (the directory must hold the caller's agency as such).
 *
 * Governed like a read of each child: the caller's access context is judged by the policy (a purpose
 * resting on consent is refused: the list is read to safeguard, and nobody's consent is consulted),
 * and each child's details and plan are decided by the engine as the caller would read them as the
 * authority the child lives in (RESPONSIBLE_LOCAL_AUTHORITY) — the area carrying the labels of the
 * address it comes from, a pre-birth plan opening only as `preBirth` allows. A sealed or brokered plan
 * is not listed (a restricted record contributes nothing outside itself); a child of whom nothing may be
 * shown is not listed; nor is a child whose area the caller may not see: being on the list is itself
 * the area. The page is audited before it is returned — one `PLANS_HELD_ELSEWHERE_READ` entry
 * per child shown (its SUI, the fields disclosed and withheld in the paths a read of its file uses, the
 * record they came from), or one naming no child — and a refusal is audited too.
 */
export async function listPlansHeldElsewhere(services: NotificationServices, principal: Principal, requestId: string, rawAccess: AccessContext, first: number, after: string | null, now = new Date()): Promise<PlansHeldElsewherePage> {
  const { dataSource, policy } = services;
  const access = validateAccessContext(rawAccess);
  const refuse = async (error: HubError, problem: string, rule: string | null): Promise<never> => {
    await recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.PLANS_HELD_ELSEWHERE_READ, access, childSuis: [], outcome: AuditOutcome.REFUSED,
      refusal: { code: error.code, problem, rule }, fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: access.breakGlass, prejudicesInvestigation: false,
    }, now);
    throw error;
  };
  if (after !== null && !UUID.test(after)) throw new HubError(ErrorCode.INVALID_INPUT, "The `after` cursor is not one this list returned.", { path: "after" });
  const agency = await dataSource.getRepository(Agency).findOneBy({ code: principal.agency, active: true });
  // The token's agency type is a claim; the directory says what the agency is and which areas it serves.
  if (agency === null || agency.type !== AgencyType.CHILDRENS_SOCIAL_CARE || principal.agencyType !== AgencyType.CHILDRENS_SOCIAL_CARE) {
    return refuse(new HubError(ErrorCode.FORBIDDEN, "Only children's social care keeps the list of children on other authorities' plans living in its area.", { path: "plansHeldElsewhere" }), "NOT_CHILDRENS_SOCIAL_CARE", null);
  }
  if (policy.purposes.get(access.purpose)?.consent !== ConsentRequirement.NOT_REQUIRED) {
    return refuse(new HubError(ErrorCode.ACCESS_CONTEXT_INVALID, "The list is read to safeguard children: state a purpose that does not rest on consent.", { path: "access.purpose", problem: AccessProblem.PURPOSE_NOT_PERMITTED }), AccessProblem.PURPOSE_NOT_PERMITTED, null);
  }
  const context = decideDisclosure(policy, principal, access, { relationships: [RelationshipKind.RESPONSIBLE_LOCAL_AUTHORITY], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records: [] }, now);
  if (context.outcome === "REFUSED") {
    return refuse(new HubError(ErrorCode.ACCESS_CONTEXT_INVALID, context.message, { path: "access", problem: context.problem, rule: context.rule }), context.problem, context.rule);
  }

  const plans: PlanHeldElsewhere[] = [];
  const entries: AuditEntryInput[] = [];
  // Read on past the plans the caller may see nothing of (a pre-birth plan, a sealed or brokered
  // record), so that neither a short page nor `hasNextPage` hints at them.
  let position = after;
  let hasNextPage = false;
  while (!hasNextPage) {
    const rows = await plansOfOthersIn(dataSource, agency, principal, londonDateOf(now), position, first + 1);
    const over = await loadRightsOverRecords(dataSource, rows.map((row) => row.recordId));
    for (const row of rows) {
      const decided = decideDisclosure(policy, principal, access, subjectOf(row), now);
      if (decided.outcome === "REFUSED" || decided.sealed.length > 0 || decided.brokered.length > 0) continue;
      const planPath = recordPath(RecordType.SOCIAL_CARE, row.recordId);
      // The plan's facts leave here as from the child's file: restricted ones withheld unless the
      // purpose is one the restriction allows, statements beside the facts they are about.
      const rights = applyRecordRights(policy.dataSubjectRights, access, over.rights, new Map([[row.recordId, planPath]]), decided);
      const decision = rights.decision;
      // Being listed is the plan: a plan none of whose facts may be shown is not listed.
      if (!decision.disclosed.some((path) => path.startsWith(`${planPath}.`))) continue;
      // Being listed says the child lives in the caller's area, derived from where the holding record
      // places them: a child whose area the caller may not see is not listed at all, never listed with
      // the area withheld.
      if (!decision.disclosed.includes(`${DEMOGRAPHICS}.localAuthority`)) continue;
      if (plans.length === first) {
        hasNextPage = true;
        break;
      }
      const shown = new Set(decision.disclosed);
      plans.push({
        recordId: row.recordId, sui: row.sui, holdingAgency: row.agencyCode,
        child: Object.fromEntries(Object.entries(childValues(row.identity)).filter(([field, value]) => value !== null && shown.has(`${DEMOGRAPHICS}.${field}`))),
        plan: Object.fromEntries(Object.entries(row.details).filter(([field, value]) => value !== null && shown.has(`${planPath}.${field}`))),
        redactions: decision.withheld, supplementaryStatements: rights.statements, restrictions: rights.restrictions,
      });
      // One entry per child, in the paths a read of the child's file uses, so each child's subject access report can tell what it carried.
      entries.push({
        requestId, principal, operation: AuditOperation.PLANS_HELD_ELSEWHERE_READ, access, childSuis: row.sui === null ? [] : [row.sui], outcome: AuditOutcome.DISCLOSED,
        fieldsDisclosed: decision.disclosed, fieldsWithheld: decision.withheld, policyVersion: policy.version, breakGlass: access.breakGlass, prejudicesInvestigation: false,
        details: { areas: agency.servedLocalAuthorities, recordIds: [row.recordId], holdingAgency: row.agencyCode, grantingRules: decision.grantingRules, relationships: [RelationshipKind.RESPONSIBLE_LOCAL_AUTHORITY], supplementaryStatementIds: rights.statementIds },
      });
    }
    const last = rows.at(-1);
    if (rows.length < first + 1 || last === undefined) break;
    position = last.recordId;
  }
  if (entries.length === 0) {
    entries.push({
      requestId, principal, operation: AuditOperation.PLANS_HELD_ELSEWHERE_READ, access, childSuis: [], outcome: AuditOutcome.DISCLOSED, fieldsDisclosed: [], fieldsWithheld: [],
      policyVersion: policy.version, breakGlass: access.breakGlass, prejudicesInvestigation: false, details: { areas: agency.servedLocalAuthorities, recordIds: [] },
    });
  }
  await Promise.all(entries.map((entry) => recordAuditEntry(dataSource, entry, now)));
  return { plans, hasNextPage, end: plans.at(-1)?.recordId ?? null };
}

/**
 * The plans in force on `on` held by other agencies than `agency`, whose holding authority's own
 * record places the child in an authority `agency` serves, in record order after `after` — less any
 * child whose file a named-staff exclusion keeps the caller out of, left out here, before the page is
 * cut, so nothing of the list tells of them.
 */
function plansOfOthersIn(dataSource: DataSource, agency: Agency, caller: Principal, on: string, after: string | null, limit: number): Promise<PlanRow[]> {
  return dataSource.query<PlanRow[]>(
    `SELECT r.id AS "recordId", c.sui, r.agency_code AS "agencyCode", a.type AS "agencyType",
            (c.date_of_birth IS NULL AND c.expected_date_of_birth IS NOT NULL) AS unborn,
            r.reported_identity AS identity, r.labels, r.field_labels AS "fieldLabels",
            jsonb_build_object('status', s.status, 'planCategory', s.plan_category, 'legalStatus', s.legal_status, 'startDate', to_char(s.start_date, 'YYYY-MM-DD'),
              'endDate', to_char(s.end_date, 'YYYY-MM-DD'), 'allocatedWorkerName', s.allocated_worker_name, 'allocatedWorkerContact', s.allocated_worker_contact,
              'allocatedTeam', s.allocated_team, 'responsibleLocalAuthority', s.responsible_local_authority, 'summary', s.summary) AS details
       FROM agency_record r
       JOIN social_care_record s ON s.record_id = r.id
       JOIN child c ON c.id = r.child_id
       JOIN agency a ON a.code = r.agency_code
      WHERE r.link_state = 'LINKED' AND r.agency_code <> $1
        AND s.status IN ('CHILD_PROTECTION_PLAN', 'LOOKED_AFTER')
        AND s.start_date <= $2::date AND (s.end_date IS NULL OR s.end_date >= $2::date)
        AND EXISTS (SELECT 1 FROM child_address a WHERE a.source_record_id = r.id AND a.child_id = c.id AND a.local_authority = ANY($3::text[]) AND ${addressTellsWhereChildLives("a", "c")})
        AND ($4::uuid IS NULL OR r.id > $4::uuid)
        AND NOT ${keptOutCondition("ARRAY[c.id]", { sub: "$6::text", agency: "$7::text", teamKey: "$8::text" })}
      ORDER BY r.id
      LIMIT $5`,
    [agency.code, on, agency.servedLocalAuthorities, after, limit, caller.sub, caller.agency, teamKeyOf(caller.team)],
  );
}

function childValues(identity: ReportedIdentity): Record<string, string | null> {
  return { givenNames: identity.givenNames, familyName: identity.familyName, dateOfBirth: identity.dateOfBirth, localAuthority: identity.address?.localAuthority ?? null };
}

/**
 * One child as the engine decides them, in the paths a read of the child's file uses: the holding
 * authority's record of the plan (`socialCare[<recordId>]`), and the child as that record reports them
 * (`demographics`), its record labels travelling with what it reports.
 */
function subjectOf(row: PlanRow): DisclosureSubject {
  const planPath = recordPath(RecordType.SOCIAL_CARE, row.recordId);
  const inherited = row.labels.filter((label) => !RECORD_ONLY_LABELS.has(label));
  const addressLabels = row.identity.address?.labels ?? [];
  const childFields: FieldSubject[] = Object.entries(childValues(row.identity)).filter(([, value]) => value !== null).map(([field]) => ({
    path: `${DEMOGRAPHICS}.${field}`, recordType: CHILD_DETAILS, field, labels: [...new Set([...recordLabelsOnField(CHILD_DETAILS, field, inherited), ...(field === "localAuthority" ? addressLabels : [])])],
  }));
  const type = RecordType.SOCIAL_CARE;
  const planFields: FieldSubject[] = Object.keys(RECORD_FIELDS[type]).filter((field) => row.details[field] !== null && row.details[field] !== undefined).map((field) => ({
    path: `${planPath}.${field}`, recordType: type, field, labels: [...new Set([...effectiveFieldLabels(type, field, row.fieldLabels[field] ?? []), ...recordLabelsOnField(type, field, inherited)])],
  }));
  return {
    relationships: [RelationshipKind.RESPONSIBLE_LOCAL_AUTHORITY], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, childNotYetBorn: row.unborn,
    records: [
      { path: DEMOGRAPHICS, recordType: CHILD_DETAILS, providerAgencyType: null, providerAgencyCode: null, labels: [], attributes: {}, fields: childFields },
      { path: planPath, recordType: type, providerAgencyType: row.agencyType, providerAgencyCode: row.agencyCode, labels: row.labels, attributes: { status: String(row.details.status) }, fields: planFields },
    ],
  };
}
