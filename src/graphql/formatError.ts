import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { ErrorCode, isHubError } from "../errors/HubError";
import { parserLimitOf } from "./limits/parserLimits";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";

/** Codes of GraphQL-level errors whose messages are safe and useful to pass on as they are. */
export const PASS_THROUGH_CODES = ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE", "BAD_REQUEST"] as const;
const PASS_THROUGH: ReadonlySet<string> = new Set(PASS_THROUGH_CODES);

/**
 * graphql-js's "Did you mean …?" names fields, arguments, types and enum values the caller did not know:
 * with introspection off that maps the schema. hideSuggestions (validation) and the hub's own variable
 * coercion already leave them out; this is the last guard on every message that leaves the hub.
 */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, "");
}

export const INTERNAL_ERROR_MESSAGE = "The hub could not complete the request. Quote the X-Request-Id response header when reporting it.";

export const SERVICE_UNAVAILABLE_MESSAGE =
  "The hub's database is unavailable or did not answer in time, so nothing was disclosed. Try again after the Retry-After interval; if you asked for a change, check whether it was made before repeating it.";

/**
 * Every error leaves the hub with a stable `extensions.code`: the domain's own (HubError), INVALID_INPUT
 * for anything wrong with the arguments, QUERY_TOO_COMPLEX (with the `limit`) for a document or operation
 * over the limits — the parser's included — or the
 * GraphQL stage's code. Anything unexpected is masked as INTERNAL_SERVER_ERROR (its detail goes to the
 * log, without personal data): an internal message can quote a database row.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // A HubError raised outside a resolver (e.g. a refused token) arrives wrapped in a GraphQLError.
  const original = unwrapped instanceof GraphQLError && isHubError(unwrapped.originalError) ? unwrapped.originalError : unwrapped;
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

  if (databaseUnavailable(original)) {
    return { ...base, message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }
  if (isHubError(original)) {
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof ArgumentValidationError) {
    const invalidFields = original.extensions.validationErrors.flatMap((e) => flattenValidation(e, []));
    return {
      ...base,
      message: `The input is invalid: ${invalidFields.map((f) => f.constraints.join("; ")).join(" | ")}`,
      extensions: { code: ErrorCode.INVALID_INPUT, invalidFields },
    };
  }
  const code = formatted.extensions?.code;
  const message = withoutSuggestions(formatted.message);
  const limit = formatted.extensions?.limit ?? (code === "GRAPHQL_PARSE_FAILED" ? parserLimitOf(message) : undefined);
  if (limit !== undefined) {
    return { ...base, message: message.replace(/^Syntax Error: /, ""), extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit } };
  }
  if (code === "BAD_USER_INPUT") {
    return { ...base, message, extensions: { code: ErrorCode.INVALID_INPUT } };
  }
  if (typeof code === "string" && PASS_THROUGH.has(code)) {
    return { ...base, message, extensions: { code } };
  }
  return { ...base, message: INTERNAL_ERROR_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * The database unreachable, timed out or out of connections: a state the caller can wait out. That
 * includes an audit write that failed for that reason (the caller's remedy is the same, and an outage
 * answers one code whichever statement it reached first); AUDIT_UNAVAILABLE is kept for an entry the
 * database refused. Either way nothing was disclosed.
 */
function databaseUnavailable(original: unknown): boolean {
  if (!isHubError(original)) return isDatabaseUnavailable(original);
  return original.code === ErrorCode.AUDIT_UNAVAILABLE && isDatabaseUnavailable(original.cause);
}

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function flattenValidation(issue: ValidationIssue, parents: string[]): { path: string; constraints: string[] }[] {
  const path = [...parents, issue.property];
  const own = issue.constraints ? [{ path: path.join("."), constraints: Object.values(issue.constraints) }] : [];
  return [...own, ...(issue.children ?? []).flatMap((child) => flattenValidation(child, path))];
}

/** Whether an error is one the hub did not mean to raise (and so must be logged for its operators). */
export function isUnexpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (isHubError(original) || (original instanceof GraphQLError && isHubError(original.originalError)) || original instanceof ArgumentValidationError) return false;
  const code = (original as { extensions?: { code?: unknown } }).extensions?.code;
  return !(typeof code === "string" && (PASS_THROUGH.has(code) || code === "BAD_USER_INPUT"));
}
