import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { PURPOSES, type Purpose } from "../policy/Purpose";
import { isAuditOperation, type AuditOperation } from "./AuditOperation";
import { isAuditOutcome, type AuditOutcome } from "./AuditOutcome";

/** The IG lead's questions (HUB.md §7): by child, by user, by agency, by purpose, by outcome, by time. */
export interface DisclosureFilter {
  childSui?: string | null;
  principalSub?: string | null;
  agency?: string | null;
  purpose?: Purpose | null;
  outcome?: AuditOutcome | null;
  operation?: AuditOperation | null;
  /** true: only break-glass entries (the review queue); false: only the others. */
  breakGlass?: boolean | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive, so consecutive months never overlap. */
  to?: Date | null;
}

/** A filter that has been checked: absent criteria are undefined, the SUI is canonical. */
export interface DisclosureCriteria {
  childSui?: string;
  principalSub?: string;
  agency?: string;
  purpose?: Purpose;
  outcome?: AuditOutcome;
  operation?: AuditOperation;
  breakGlass?: boolean;
  from?: Date;
  to?: Date;
}

const MAX_TEXT_LENGTH = 200;

/** Checks a filter from any caller (GraphQL enums already hold, but a CLI or batch job has no schema). */
export function validateDisclosureFilter(filter: DisclosureFilter | null | undefined): DisclosureCriteria {
  const criteria: DisclosureCriteria = {};
  if (filter === null || filter === undefined) return criteria;
  if (present(filter.childSui)) criteria.childSui = parseSui(filter.childSui, "filter.childSui");
  if (present(filter.principalSub)) criteria.principalSub = text(filter.principalSub, "filter.principalSub");
  if (present(filter.agency)) criteria.agency = text(filter.agency, "filter.agency");
  if (present(filter.purpose)) {
    if (!(PURPOSES as string[]).includes(filter.purpose)) invalid("filter.purpose", "is not a purpose the hub knows");
    criteria.purpose = filter.purpose;
  }
  if (present(filter.outcome)) {
    if (!isAuditOutcome(filter.outcome)) invalid("filter.outcome", "is not an audit outcome");
    criteria.outcome = filter.outcome;
  }
  if (present(filter.operation)) {
    if (!isAuditOperation(filter.operation)) invalid("filter.operation", "is not an audited operation");
    criteria.operation = filter.operation;
  }
  if (present(filter.breakGlass)) criteria.breakGlass = filter.breakGlass;
  if (present(filter.from)) criteria.from = instant(filter.from, "filter.from");
  if (present(filter.to)) criteria.to = instant(filter.to, "filter.to");
  if (criteria.from !== undefined && criteria.to !== undefined && criteria.from >= criteria.to) {
    invalid("filter.to", "must be later than `from`");
  }
  return criteria;
}

/** The criteria as plain JSON, for the audit entry that records the IG lead's own query. */
export function describeCriteria(criteria: DisclosureCriteria): Record<string, string | boolean> {
  const described: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(criteria) as [string, string | boolean | Date][]) {
    described[key] = value instanceof Date ? value.toISOString() : value;
  }
  return described;
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function text(value: string, path: string): string {
  const trimmed = value.trim();
  if (trimmed === "" || trimmed.length > MAX_TEXT_LENGTH) invalid(path, `must be 1 to ${MAX_TEXT_LENGTH} characters`);
  return trimmed;
}

function instant(value: Date, path: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) invalid(path, "is not a valid date and time");
  return value;
}

function invalid(path: string, problem: string): never {
  throw new HubError(ErrorCode.INVALID_INPUT, `\`${path}\` ${problem}.`, { path });
}
