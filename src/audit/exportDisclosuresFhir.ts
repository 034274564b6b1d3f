import canonicalize from "canonicalize";
import { Role } from "../auth/Role";
import { type AuditEntry } from "./AuditEntry";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import {
  type FhirAuditEvent,
  type FhirAuditEventBundle,
  type FhirAuditEventEntity,
  type FhirCodeableConcept,
} from "./FhirAuditEvent";

/**
 * The hub's own code systems and identifier namespaces. `.example` is reserved (RFC 2606) and stands in
 * until the hub has a published canonical base; a deployment that publishes one changes it here.
 */
export const HUB_FHIR_BASE = "https://safeguarding-hub.example/fhir";
const HUB_SYSTEM = {
  operation: `${HUB_FHIR_BASE}/CodeSystem/audit-operation`,
  purpose: `${HUB_FHIR_BASE}/CodeSystem/purpose`,
  role: `${HUB_FHIR_BASE}/CodeSystem/role`,
  principal: `${HUB_FHIR_BASE}/Id/principal`,
  agency: `${HUB_FHIR_BASE}/Id/agency`,
  auditEntry: `${HUB_FHIR_BASE}/Id/audit-entry`,
  lawfulBasis: `${HUB_FHIR_BASE}/lawful-basis`,
  specialCategoryCondition: `${HUB_FHIR_BASE}/special-category-condition`,
  policyVersion: `${HUB_FHIR_BASE}/policy-version`,
};
const NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
const DCM = "http://dicom.nema.org/resources/ontology/DCM";
const PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
const ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
const OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
const HUB_NAME = "Safeguarding Information Hub";

/**
 * AuditEvent.type and .action per operation. Types are DICOM PS3.16 CID 400 "Audit Event ID" codes,
 * which FHIR R4 binds for AuditEvent.type (valueset-audit-event-type); actions follow DICOM PS3.15
 * Annex A.5.3 for each message (Export and Audit Log Used read, Query executes). The HL7 `rest` code
 * is not used: it means a FHIR RESTful interaction, and the hub's reads are GraphQL. The hub's own
 * operation is kept in `subtype`, so nothing is lost in the mapping.
 */
const EVENT_TYPE: Record<AuditOperation, { code: string; display: string; action: FhirAuditEvent["action"] }> = {
  [AuditOperation.CHILD_RECORD]: { code: "110110", display: "Patient Record", action: "R" },
  [AuditOperation.CHILD_SEARCH]: { code: "110112", display: "Query", action: "E" },
  [AuditOperation.HOUSEHOLD_VIEW]: { code: "110112", display: "Query", action: "E" },
  [AuditOperation.NOTIFICATION_DELIVERY]: { code: "110106", display: "Export", action: "R" },
  [AuditOperation.CONSULTATION]: { code: "110106", display: "Export", action: "C" },
  [AuditOperation.NOTIFICATION_INBOX_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.PLANS_HELD_ELSEWHERE_READ]: { code: "110112", display: "Query", action: "E" },
  [AuditOperation.NOTIFICATION_ACKNOWLEDGED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.DECISION_NOT_TO_SHARE]: { code: "110110", display: "Patient Record", action: "C" },
  [AuditOperation.CONSENT_RECORDED]: { code: "110110", display: "Patient Record", action: "C" },
  [AuditOperation.CONSENT_OVERRIDE]: { code: "110110", display: "Patient Record", action: "C" },
  [AuditOperation.REFERRAL_OPENED]: { code: "110110", display: "Patient Record", action: "C" },
  [AuditOperation.REFERRAL_BOUND]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.REFERRAL_DECIDED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.IG_ALERT_CLOSED]: { code: "110113", display: "Security Alert", action: "U" },
  [AuditOperation.LINK_REVIEWS_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.LINK_HISTORY_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.LINK_REVIEW_RESOLVED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.CHILDREN_MERGED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.CHILD_SPLIT]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.ADULT_LINK_REVIEWS_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.ADULT_LINK_REVIEW_RESOLVED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.ADULTS_MERGED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.ADULT_SPLIT]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.WRONG_LINK_REPORT]: { code: "110101", display: "Audit Log Used", action: "R" },
  [AuditOperation.DIRECTORY_CHANGED]: { code: "110100", display: "Application Activity", action: "U" },
  [AuditOperation.DIRECTORY_CHANGE_DECIDED]: { code: "110100", display: "Application Activity", action: "U" },
  [AuditOperation.WEBHOOK_DEAD_LETTERS_READ]: { code: "110100", display: "Application Activity", action: "R" },
  [AuditOperation.WEBHOOK_REPLAYED]: { code: "110100", display: "Application Activity", action: "E" },
  [AuditOperation.AUDIT_QUERY]: { code: "110101", display: "Audit Log Used", action: "R" },
  [AuditOperation.AUDIT_EXPORT]: { code: "110106", display: "Export", action: "R" },
  [AuditOperation.RETENTION_APPLIED]: { code: "110100", display: "Application Activity", action: "D" },
  [AuditOperation.AUDIT_VERIFICATION]: { code: "110101", display: "Audit Log Used", action: "E" },
  // The report is the child's record and its disclosures, put together for the data subject.
  [AuditOperation.SUBJECT_ACCESS_REPORT]: { code: "110106", display: "Export", action: "R" },
  [AuditOperation.SUBJECT_ACCESS_REQUEST_OPENED]: { code: "110110", display: "Patient Record", action: "C" },
  [AuditOperation.SUBJECT_ACCESS_REQUEST_EXTENDED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.SUBJECT_ACCESS_REQUEST_CLOSED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.SUBJECT_ACCESS_REQUESTS_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.SUBJECT_ACCESS_ITEM_DECIDED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.CHILD_EXCLUSION_RECORDED]: { code: "110110", display: "Patient Record", action: "C" },
  [AuditOperation.CHILD_EXCLUSION_LIFTED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.CHILD_EXCLUSIONS_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.BREACH_OPENED]: { code: "110113", display: "Security Alert", action: "C" },
  [AuditOperation.BREACH_DECIDED]: { code: "110113", display: "Security Alert", action: "U" },
  [AuditOperation.BREACHES_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.OVERDUE_READ]: { code: "110112", display: "Query", action: "R" },
  [AuditOperation.SUPPLEMENTARY_STATEMENT_ATTACHED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.PROCESSING_RESTRICTED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.RESTRICTION_DECIDED]: { code: "110110", display: "Patient Record", action: "U" },
  [AuditOperation.ERASURE_DECIDED]: { code: "110110", display: "Patient Record", action: "D" },
};

/** A refused or unanswered request is a minor failure (4): the request was bad, not the hub. */
const EVENT_OUTCOME: Record<AuditOutcome, FhirAuditEvent["outcome"]> = {
  [AuditOutcome.DISCLOSED]: "0",
  [AuditOutcome.RECORDED]: "0",
  [AuditOutcome.NOT_SHARED]: "0",
  [AuditOutcome.REFUSED]: "4",
  [AuditOutcome.NOT_FOUND]: "4",
};

const BREAK_THE_GLASS: FhirCodeableConcept = {
  coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "BTG", display: "break the glass" }],
};

/**
 * The entries as a FHIR R4 Bundle (type `collection`) of AuditEvent resources, for an IG lead to hand
 * to another system or a regulator.
 *
 * Purpose of use appears twice, on purpose: in `agent.purposeOfUse` (the requesting agent's purpose)
 * and in the event-level `purposeOfEvent`. FHIR R5 renamed `purposeOfEvent` to `authorization` (and
 * `agent.purposeOfUse` to `agent.authorization`), so a reader looking for "the authorization" finds it
 * in the R4 element that R5 maps it to, and no extension is needed.
 */
export function exportDisclosuresFhir(entries: AuditEntry[], generatedAt = new Date()): FhirAuditEventBundle {
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: generatedAt.toISOString(),
    entry: entries.map((entry) => ({ fullUrl: `urn:uuid:${entry.id}`, resource: auditEvent(entry) })),
  };
}

function auditEvent(entry: AuditEntry): FhirAuditEvent {
  const eventType = EVENT_TYPE[entry.operation];
  const purposes = purposesOfUse(entry);
  const outcomeDesc = outcomeDescription(entry);
  const policies = [
    entry.access === null ? null : `${HUB_SYSTEM.lawfulBasis}/${entry.access.lawfulBasis}`,
    entry.access?.specialCategoryCondition == null ? null : `${HUB_SYSTEM.specialCategoryCondition}/${entry.access.specialCategoryCondition}`,
    entry.policyVersion === null ? null : `${HUB_SYSTEM.policyVersion}/${encodeURIComponent(entry.policyVersion)}`,
  ].filter((policy) => policy !== null);
  return {
    resourceType: "AuditEvent",
    id: entry.id,
    type: { system: DCM, code: eventType.code, display: eventType.display },
    subtype: [{ system: HUB_SYSTEM.operation, code: entry.operation }],
    action: eventType.action,
    recorded: entry.occurredAt.toISOString(),
    outcome: EVENT_OUTCOME[entry.outcome],
    ...(outcomeDesc === null ? {} : { outcomeDesc }),
    ...(purposes.length > 0 ? { purposeOfEvent: purposes } : {}),
    agent: [
      {
        // IHE BALP: the user agent of a read is the information recipient, of a create or update the author.
        type: {
          coding: [
            eventType.action === "C" || eventType.action === "U"
              ? { system: PARTICIPATION_TYPE, code: "AUT", display: "author (originator)" }
              : { system: PARTICIPATION_TYPE, code: "IRCP", display: "information recipient" },
          ],
        },
        role: entry.principal.roles.map((role) => ({ coding: [{ system: HUB_SYSTEM.role, code: role }] })),
        who: {
          type: entry.principal.roles.includes(Role.AGENCY_SYSTEM) ? "Device" : "Practitioner",
          identifier: {
            system: HUB_SYSTEM.principal,
            value: entry.principal.sub,
            assigner: { type: "Organization", identifier: { system: HUB_SYSTEM.agency, value: entry.principal.agency }, display: entry.principal.agencyType },
          },
        },
        requestor: true,
        ...(policies.length > 0 ? { policy: policies } : {}),
        ...(purposes.length > 0 ? { purposeOfUse: purposes } : {}),
      },
    ],
    source: {
      site: HUB_NAME,
      observer: { display: HUB_NAME },
      type: [{ system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "4", display: "Application Server" }],
    },
    entity: entities(entry),
  };
}

function purposesOfUse(entry: AuditEntry): FhirCodeableConcept[] {
  const purposes: FhirCodeableConcept[] = [];
  if (entry.access !== null) purposes.push({ coding: [{ system: HUB_SYSTEM.purpose, code: entry.access.purpose }], text: entry.access.purpose });
  if (entry.breakGlass) purposes.push(BREAK_THE_GLASS);
  return purposes;
}

function outcomeDescription(entry: AuditEntry): string | null {
  if (entry.refusal === null) return entry.outcome === AuditOutcome.NOT_FOUND ? "NOT_FOUND" : null;
  const { code, problem, rule } = entry.refusal;
  return `${code}${problem === null ? "" : `: ${problem}`}${rule === null ? "" : ` (rule ${rule})`}`;
}

/**
 * Each child is an entity identified by NHS number (the SUI), carrying the entry's details: the
 * justification and case reference, what was disclosed and withheld (`path: rule`), and the entry's
 * place on its hash chain (without the hash when the entry was narrowed for the reader), how many
 * other children it names that the reader may not see (`otherChildren`, never who), and what of the
 * entry is withheld from the reader (`redacted`, `path: rule`: another agency's justification, case
 * reference, details and hash). An entry about no
 * child (verifying the trail) has one entity for the audit trail itself, so its details still have a home.
 */
function entities(entry: AuditEntry): FhirAuditEventEntity[] {
  const detail = entityDetail(entry);
  const withDetail = detail.length > 0 ? { detail } : {};
  if (entry.childSuis.length === 0) {
    return [
      {
        what: { identifier: { system: HUB_SYSTEM.auditEntry, value: entry.id }, display: "disclosure audit" },
        type: { system: ENTITY_TYPE, code: "2", display: "System Object" },
        role: { system: OBJECT_ROLE, code: "13", display: "Security Resource" },
        ...withDetail,
      },
    ];
  }
  return entry.childSuis.map((sui) => ({
    what: { identifier: { system: NHS_NUMBER, value: sui } },
    type: { system: ENTITY_TYPE, code: "1", display: "Person" },
    role: { system: OBJECT_ROLE, code: "1", display: "Patient" },
    ...withDetail,
  }));
}

function entityDetail(entry: AuditEntry): { type: string; valueString: string }[] {
  const detail: { type: string; valueString: string }[] = [{ type: "requestId", valueString: entry.requestId }];
  if (entry.access?.justification) detail.push({ type: "justification", valueString: entry.access.justification });
  if (entry.access?.caseReference != null) detail.push({ type: "caseReference", valueString: entry.access.caseReference });
  for (const path of entry.fieldsDisclosed) detail.push({ type: "disclosed", valueString: path });
  for (const { path, rule } of entry.fieldsWithheld) detail.push({ type: "withheld", valueString: `${path}: ${rule}` });
  if (entry.prejudicesInvestigation) detail.push({ type: "prejudicesInvestigation", valueString: "true" });
  if (Object.keys(entry.details).length > 0) detail.push({ type: "details", valueString: canonicalize(entry.details) ?? "{}" });
  if (entry.otherChildren > 0) detail.push({ type: "otherChildren", valueString: String(entry.otherChildren) });
  detail.push({ type: "auditChain", valueString: entry.hash === null ? `${entry.chain}:${entry.sequence}` : `${entry.chain}:${entry.sequence}:${entry.hash}` });
  for (const { path, rule } of entry.redactions) detail.push({ type: "redacted", valueString: `${path}: ${rule}` });
  return detail;
}
