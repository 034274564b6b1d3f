import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { ErrorCode, isHubError } from "../errors/HubError";

/** Codes of GraphQL-level errors whose messages are safe and useful to pass on as they are. */
const PASS_THROUGH = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE", "BAD_REQUEST"]);

export const INTERNAL_ERROR_MESSAGE = "The hub could not complete the request. Quote the X-Request-Id response header when reporting it.";

/**
 * Every error leaves the hub with a stable `extensions.code`: the domain's own (HubError), INVALID_INPUT
 * for anything wrong with the arguments, QUERY_TOO_COMPLEX for an operation over the limits, or the
 * GraphQL stage's code. Anything unexpected is masked as INTERNAL_SERVER_ERROR (its detail goes to the
 * log, without personal data): an internal message can quote a database row.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // A HubError raised outside a resolver (e.g. a refused token) arrives wrapped in a GraphQLError.
  const original = unwrapped instanceof GraphQLError && isHubError(unwrapped.originalError) ? unwrapped.originalError : unwrapped;
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

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
  if (formatted.extensions?.limit !== undefined) {
    return { ...base, message: formatted.message, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: formatted.extensions.limit } };
  }
  if (code === "BAD_USER_INPUT") {
    return { ...base, message: formatted.message, extensions: { code: ErrorCode.INVALID_INPUT } };
  }
  if (typeof code === "string" && PASS_THROUGH.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  return { ...base, message: INTERNAL_ERROR_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
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
