import { toAuditEntry } from "../AuditEntry";
import { type DisclosureAuditEntry } from "../DisclosureAuditEntry";
import { sampleHashedEntry } from "./sampleAuditEntry";

const row = (overrides: Partial<DisclosureAuditEntry> = {}): DisclosureAuditEntry => ({ ...sampleHashedEntry(), sequence: 17, hash: "b".repeat(64), ...overrides });

describe("an audit row as the IG lead reads it", () => {
  it("carries the access context the caller gave", () => {
    expect(toAuditEntry(row()).access).toEqual({
      purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
      justification: "Child disclosed bruising in class; checking for an open plan.", caseReference: "MASH-2026-0117", breakGlass: false,
    });
  });

  it("has no access context when the row lacks a purpose or a lawful basis (a refusal before one was valid)", () => {
    expect(toAuditEntry(row({ purpose: null })).access).toBeNull();
    expect(toAuditEntry(row({ lawfulBasis: null })).access).toBeNull();
    expect(toAuditEntry(row({ purpose: null, lawfulBasis: null })).access).toBeNull();
  });

  it("reads a missing justification as empty", () => {
    expect(toAuditEntry(row({ justification: null })).access?.justification).toBe("");
  });

  it("has a refusal only when the row records one, with its code, problem and rule", () => {
    expect(toAuditEntry(row()).refusal).toBeNull();
    expect(toAuditEntry(row({ refusalCode: "ACCESS_CONTEXT_INVALID", refusalProblem: "PURPOSE_NOT_PERMITTED", refusalRule: "r-1" })).refusal).toEqual({
      code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED", rule: "r-1",
    });
  });

  it("keeps its place on the chain", () => {
    expect(toAuditEntry(row())).toMatchObject({ chain: 3, sequence: 17, hash: "b".repeat(64), principal: { sub: "dsl-0042", agency: "SCH-199001", agencyType: "EDUCATION", roles: ["SCHOOL_DSL"] } });
  });
});
