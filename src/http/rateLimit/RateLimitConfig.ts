import { type Role } from "../../auth/Role";

/**
 * Requests per minute: for each principal by its role (the most generous of its roles; `default` for
 * roles not named) and, across every principal of one agency, for the agency. Null: no limits.
 */
export interface RateLimitConfig {
  perPrincipal: Partial<Record<Role, number>> & { default: number };
  perAgency: number;
}
