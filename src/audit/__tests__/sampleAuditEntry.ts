import { type AuditEntry } from "../AuditEntry";
import { type HashedEntry } from "../hashChain";

/** A disclosure to a school DSL with one field withheld (scenario 3), as the IG lead reads it. */
export function sampleAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: "0b7c1c52-3f7e-4a53-9d0c-6f1f5e0c2a11",
    occurredAt: new Date("2026-10-05T09:30:00.000Z"),
    requestId: "req-scenario-3",
    principal: { sub: "dsl-0042", agency: "SCH-199001", agencyType: "EDUCATION", roles: ["SCHOOL_DSL"] },
    operation: "CHILD_RECORD",
    access: {
      purpose: "REFERRAL_TRIAGE",
      lawfulBasis: "PUBLIC_TASK",
      specialCategoryCondition: "SAFEGUARDING_CHILDREN",
      justification: "Child disclosed bruising in class; checking for an open plan.",
      caseReference: "MASH-2026-0117",
      breakGlass: false,
    },
    breakGlass: false,
    childSuis: ["9990000018"],
    otherChildren: 0,
    outcome: "DISCLOSED",
    refusal: null,
    fieldsDisclosed: ["socialCare[0].status", "socialCare[0].allocatedWorkerContact"],
    fieldsWithheld: [{ path: "health[0].conditions", reason: "special-category health data", rule: "health-special-category" }],
    policyVersion: "sha256:4f1c",
    prejudicesInvestigation: false,
    details: { grantingRules: ["dsl-on-roll"] },
    chain: 3,
    sequence: 17,
    hash: "a".repeat(64),
    redactions: [],
    ...overrides,
  };
}

/** The same disclosure as the row the hash covers. */
export function sampleHashedEntry(overrides: Partial<HashedEntry> = {}): HashedEntry {
  return {
    id: "0b7c1c52-3f7e-4a53-9d0c-6f1f5e0c2a11",
    occurredAt: new Date("2026-10-05T09:30:00.000Z"),
    requestId: "req-scenario-3",
    principalSub: "dsl-0042",
    principalAgency: "SCH-199001",
    principalAgencyType: "EDUCATION",
    principalRoles: ["SCHOOL_DSL"],
    operation: "CHILD_RECORD",
    purpose: "REFERRAL_TRIAGE",
    lawfulBasis: "PUBLIC_TASK",
    specialCategoryCondition: "SAFEGUARDING_CHILDREN",
    justification: "Child disclosed bruising in class; checking for an open plan.",
    caseReference: "MASH-2026-0117",
    breakGlass: false,
    childSuis: ["9990000018"],
    outcome: "DISCLOSED",
    refusalCode: null,
    refusalProblem: null,
    refusalRule: null,
    fieldsDisclosed: ["socialCare[0].status"],
    fieldsWithheld: [{ path: "health[0].conditions", reason: "special-category health data", rule: "health-special-category" }],
    policyVersion: "sha256:4f1c",
    prejudicesInvestigation: false,
    details: { grantingRules: ["dsl-on-roll"], consent: "NOT_REQUIRED" },
    chainId: 3,
    prevHash: "0".repeat(64),
    ...overrides,
  };
}
