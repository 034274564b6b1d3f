import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";

/** What may be done with the disclosure audit itself. */
export const AuditAction = {
  QUERY: "query",
  EXPORT: "export",
  VERIFY: "verify",
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

type AuditAbility = MongoAbility<[AuditAction, "DisclosureAudit"]>;

/** The rule id recorded on a refused attempt to use the audit. */
export const AUDIT_ACCESS_RULE = "audit-access:ig-lead-only";

/**
 * The audit trail says which children each practitioner looked at, and why: it is personal data about
 * children and staff alike. Information governance leads (and DPOs, who hold the same role) answer for
 * who saw what (HUB.md §1), so they, and only they, read, export and verify it (subject access
 * reports are `subjectAccess/`'s, and also the IG lead's alone).
 * Default deny: nothing else is granted.
 */
export function auditAbility(principal: Principal): AuditAbility {
  const { can, build } = new AbilityBuilder<AuditAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) {
    can([AuditAction.QUERY, AuditAction.EXPORT, AuditAction.VERIFY], "DisclosureAudit");
  }
  return build();
}

export function mayUseAudit(principal: Principal, action: AuditAction): boolean {
  return auditAbility(principal).can(action, "DisclosureAudit");
}
