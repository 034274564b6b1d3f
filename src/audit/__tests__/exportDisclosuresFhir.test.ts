import { exportDisclosuresFhir } from "../exportDisclosuresFhir";
import { sampleAuditEntry } from "./sampleAuditEntry";

const GENERATED = new Date("2026-11-01T08:00:00.000Z");

describe("FHIR R4 AuditEvent export", () => {
  const bundle = exportDisclosuresFhir([sampleAuditEntry()], GENERATED);
  const event = bundle.entry[0].resource;

  it("is a collection Bundle of AuditEvents keyed by the audit entry's id", () => {
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: "2026-11-01T08:00:00.000Z" });
    expect(bundle).not.toHaveProperty("total");
    expect(bundle.entry[0].fullUrl).toBe("urn:uuid:0b7c1c52-3f7e-4a53-9d0c-6f1f5e0c2a11");
    expect(event).toMatchObject({ resourceType: "AuditEvent", id: "0b7c1c52-3f7e-4a53-9d0c-6f1f5e0c2a11", recorded: "2026-10-05T09:30:00.000Z" });
  });

  it("types a child-record disclosure as a DICOM Patient Record read, keeping the hub's operation as subtype", () => {
    expect(event.type).toEqual({ system: "http://dicom.nema.org/resources/ontology/DCM", code: "110110", display: "Patient Record" });
    expect(event.action).toBe("R");
    expect(event.subtype[0].code).toBe("CHILD_RECORD");
  });

  it.each([
    ["AUDIT_EXPORT", "110106", "R"],
    ["AUDIT_QUERY", "110101", "R"],
    ["AUDIT_VERIFICATION", "110101", "E"],
    ["CHILD_SEARCH", "110112", "E"],
    ["CONSENT_RECORDED", "110110", "C"],
    ["IG_ALERT_CLOSED", "110113", "U"],
  ] as const)("types %s as DICOM %s, action %s", (operation, code, action) => {
    const [{ resource }] = exportDisclosuresFhir([sampleAuditEntry({ operation })], GENERATED).entry;
    expect(resource.type.code).toBe(code);
    expect(resource.action).toBe(action);
  });

  it("records success as 0 and a refusal as a minor failure (4) with its reason", () => {
    expect(event.outcome).toBe("0");
    const refused = sampleAuditEntry({ outcome: "REFUSED", refusal: { code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED", rule: "no-early-help-police" } });
    const [{ resource }] = exportDisclosuresFhir([refused], GENERATED).entry;
    expect(resource.outcome).toBe("4");
    expect(resource.outcomeDesc).toBe("ACCESS_CONTEXT_INVALID: PURPOSE_NOT_PERMITTED (rule no-early-help-police)");
  });

  it("names the requesting agent by sub, its organisation by agency code, and marks it the requestor", () => {
    const [agent] = event.agent;
    expect(agent.requestor).toBe(true);
    expect(agent.who.identifier).toMatchObject({ value: "dsl-0042", assigner: { identifier: { value: "SCH-199001" }, display: "EDUCATION" } });
    expect(agent.type.coding[0].code).toBe("IRCP");
    expect(agent.role.map((role) => role.coding[0].code)).toEqual(["SCHOOL_DSL"]);
  });

  it("carries the purpose of use on the agent and at event level (R5's `authorization`)", () => {
    expect(event.agent[0].purposeOfUse?.[0].coding[0].code).toBe("REFERRAL_TRIAGE");
    expect(event.purposeOfEvent).toEqual(event.agent[0].purposeOfUse);
    expect(event.agent[0].policy?.some((uri) => uri.endsWith("/lawful-basis/PUBLIC_TASK"))).toBe(true);
    expect(event.agent[0].policy?.some((uri) => uri.endsWith("/special-category-condition/SAFEGUARDING_CHILDREN"))).toBe(true);
  });

  it("adds break-the-glass as a purpose of use", () => {
    const [{ resource }] = exportDisclosuresFhir([sampleAuditEntry({ breakGlass: true })], GENERATED).entry;
    expect(resource.purposeOfEvent?.map((p) => p.coding[0].code)).toEqual(["REFERRAL_TRIAGE", "BTG"]);
  });

  it("identifies the child by NHS number and lists justification, case reference and withheld fields as details", () => {
    const [child] = event.entity;
    expect(child.what.identifier).toEqual({ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9990000018" });
    expect(child.role.code).toBe("1");
    const detail = (type: string) => (child.detail ?? []).filter((d) => d.type === type).map((d) => d.valueString);
    expect(detail("justification")).toEqual(["Child disclosed bruising in class; checking for an open plan."]);
    expect(detail("caseReference")).toEqual(["MASH-2026-0117"]);
    expect(detail("withheld")).toEqual(["health[0].conditions: health-special-category"]);
    expect(detail("disclosed")).toEqual(["socialCare[0].status", "socialCare[0].allocatedWorkerContact"]);
    expect(detail("auditChain")).toEqual([`3:17:${"a".repeat(64)}`]);
  });

  it("gives an entry about no child one entity for the audit trail itself", () => {
    const [{ resource }] = exportDisclosuresFhir([sampleAuditEntry({ operation: "AUDIT_VERIFICATION", childSuis: [], access: null })], GENERATED).entry;
    expect(resource.entity).toHaveLength(1);
    expect(resource.entity[0].type.code).toBe("2");
    expect(resource).not.toHaveProperty("purposeOfEvent");
  });

  it("never puts a person's name in the export", () => {
    expect(JSON.stringify(bundle)).not.toMatch(/"name"/);
  });
});

describe("the AuditEvent's less common parts", () => {
  const event = (overrides: Parameters<typeof sampleAuditEntry>[0]) => exportDisclosuresFhir([sampleAuditEntry(overrides)], GENERATED).entry[0].resource;

  it("names an agency system as a Device, a person as a Practitioner", () => {
    expect(event({ principal: { sub: "police-system", agency: "POLICE-43", agencyType: "POLICE", roles: ["AGENCY_SYSTEM"] } }).agent[0].who.type).toBe("Device");
    expect(event({}).agent[0].who.type).toBe("Practitioner");
  });

  it("describes the outcome: a child not found, a refusal with and without its problem and rule, nothing for a disclosure", () => {
    expect(event({ outcome: "NOT_FOUND" }).outcomeDesc).toBe("NOT_FOUND");
    expect(event({}).outcomeDesc).toBeUndefined();
    expect(event({ outcome: "REFUSED", refusal: { code: "FORBIDDEN", problem: null, rule: null } }).outcomeDesc).toBe("FORBIDDEN");
    expect(event({ outcome: "REFUSED", refusal: { code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED", rule: "r-9" } }).outcomeDesc).toBe("ACCESS_CONTEXT_INVALID: PURPOSE_NOT_PERMITTED (rule r-9)");
  });
});
