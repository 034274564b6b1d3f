import { join } from "node:path";
import { ROLES } from "../../auth/Role";
import { loadPolicies } from "../../policy/loadPolicies";
import { Purpose } from "../../policy/Purpose";
import { AuditOperation } from "../AuditOperation";
import { GOVERNANCE_PURPOSE_RULE, GOVERNANCE_PURPOSES, refuseUnservedPurpose, type GovernanceOperation } from "../governancePurposes";

const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
const operations = Object.keys(GOVERNANCE_PURPOSES) as GovernanceOperation[];

describe("the purposes governance work serves", () => {
  it.each(operations)("%s serves only purposes the purposes policy lets some role state", (operation) => {
    for (const purpose of GOVERNANCE_PURPOSES[operation]) {
      expect(policy.purposes.get(purpose)?.roles.filter((role) => ROLES.includes(role)).length).toBeGreaterThan(0);
    }
  });

  // Keeping named staff out of a child's file is a CSC manager's step in the enquiry it protects (complex
  // abuse procedures), stated as that enquiry's purpose; every other piece of governance work is not.
  const ENQUIRY_STEPS: GovernanceOperation[] = [AuditOperation.CHILD_EXCLUSION_RECORDED, AuditOperation.CHILD_EXCLUSION_LIFTED, AuditOperation.CHILD_EXCLUSIONS_READ];

  it("serves none of the practitioners' purposes, but for the exclusions an enquiry records: those are for the child query", () => {
    const served = new Set(operations.filter((operation) => !ENQUIRY_STEPS.includes(operation)).flatMap((operation) => [...GOVERNANCE_PURPOSES[operation]]));
    expect([...served].sort()).toEqual([Purpose.DATA_QUALITY, Purpose.INFORMATION_GOVERNANCE, Purpose.SUBJECT_ACCESS_REQUEST].sort());
    for (const operation of ENQUIRY_STEPS) {
      expect([...GOVERNANCE_PURPOSES[operation]].sort()).toEqual([Purpose.INFORMATION_GOVERNANCE, Purpose.STRATEGY_DISCUSSION, Purpose.SECTION_47_ENQUIRY, Purpose.CHILD_PROTECTION_CONFERENCE].sort());
    }
  });

  it("refuses a purpose the work does not serve, naming the ones it does", () => {
    expect(refuseUnservedPurpose(AuditOperation.SUBJECT_ACCESS_REPORT, Purpose.SUBJECT_ACCESS_REQUEST)).toBeNull();
    expect(refuseUnservedPurpose(AuditOperation.AUDIT_QUERY, Purpose.SUBJECT_ACCESS_REQUEST)).toEqual({
      outcome: "REFUSED", problem: "PURPOSE_NOT_PERMITTED", rule: GOVERNANCE_PURPOSE_RULE, message: "AUDIT_QUERY is not work for the purpose SUBJECT_ACCESS_REQUEST; state INFORMATION_GOVERNANCE.",
    });
    expect(refuseUnservedPurpose(AuditOperation.WRONG_LINK_REPORT, Purpose.SECTION_47_ENQUIRY)?.message).toContain("DATA_QUALITY or INFORMATION_GOVERNANCE");
  });
});
