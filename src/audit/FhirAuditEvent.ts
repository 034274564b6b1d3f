/**
 * The parts of FHIR R4 (4.0.1) the audit export uses: `Bundle` of type `collection` holding
 * `AuditEvent` resources (http://hl7.org/fhir/R4/auditevent.html). Only the elements the hub fills.
 */
export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirCodeableConcept {
  coding: FhirCoding[];
  text?: string;
}

export interface FhirIdentifier {
  system: string;
  value: string;
  assigner?: FhirReference;
}

export interface FhirReference {
  type?: string;
  identifier?: FhirIdentifier;
  display?: string;
}

export interface FhirAuditEventAgent {
  type: FhirCodeableConcept;
  role: FhirCodeableConcept[];
  who: FhirReference;
  requestor: boolean;
  /** URIs of the policies that authorised the event: here the lawful basis, condition and policy version. */
  policy?: string[];
  purposeOfUse?: FhirCodeableConcept[];
}

export interface FhirAuditEventEntity {
  what: FhirReference;
  type: FhirCoding;
  role: FhirCoding;
  detail?: { type: string; valueString: string }[];
}

export interface FhirAuditEvent {
  resourceType: "AuditEvent";
  id: string;
  type: FhirCoding;
  subtype: FhirCoding[];
  action: "C" | "R" | "U" | "D" | "E";
  recorded: string;
  /** 0 success, 4 minor failure, 8 serious failure, 12 major failure. */
  outcome: "0" | "4" | "8" | "12";
  outcomeDesc?: string;
  /** R4's event-level purpose of use: the element FHIR R5 renamed `authorization`. */
  purposeOfEvent?: FhirCodeableConcept[];
  agent: FhirAuditEventAgent[];
  source: { site: string; observer: FhirReference; type: FhirCoding[] };
  entity: FhirAuditEventEntity[];
}

export interface FhirAuditEventBundle {
  resourceType: "Bundle";
  type: "collection";
  timestamp: string;
  entry: { fullUrl: string; resource: FhirAuditEvent }[];
}
