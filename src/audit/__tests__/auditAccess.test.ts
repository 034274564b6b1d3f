import { type Principal } from "../../auth/Principal";
import { ROLES, type Role } from "../../auth/Role";
import { AuditAction, mayUseAudit } from "../auditAccess";

const principal = (roles: Role[]): Principal => ({
  sub: "u1", name: "A Person", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles, localAuthority: "E06000060", team: null, tokenId: null,
});

describe("who may use the disclosure audit", () => {
  it.each(Object.values(AuditAction))("an IG lead may %s", (action) => {
    expect(mayUseAudit(principal(["IG_LEAD"]), action)).toBe(true);
  });

  it.each(ROLES.filter((role) => role !== "IG_LEAD"))("%s may not query, export, verify or report", (role) => {
    for (const action of Object.values(AuditAction)) expect(mayUseAudit(principal([role]), action)).toBe(false);
  });

  it("an IG lead who also holds another role keeps IG access", () => {
    expect(mayUseAudit(principal(["CSC_MANAGER", "IG_LEAD"]), AuditAction.QUERY)).toBe(true);
  });
});
