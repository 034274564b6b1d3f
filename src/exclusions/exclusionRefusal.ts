import { ErrorCode } from "../errors/HubError";
import { type AuditRefusal } from "../audit/recordAuditEntry";

/** The rule id on the trail of every attempt by a caller a named-staff exclusion keeps out of a child's file. */
export const EXCLUSION_RULE = "named-staff-exclusion";

/**
 * How the trail records an excluded caller's attempt. The caller is told what a stranger is told
 * (NOT_FOUND, or nothing shown); only the IG lead reading the trail learns it was an exclusion.
 */
export const EXCLUDED_FROM_FILE: AuditRefusal = { code: ErrorCode.NOT_FOUND, problem: "EXCLUDED_FROM_FILE", rule: EXCLUSION_RULE };
