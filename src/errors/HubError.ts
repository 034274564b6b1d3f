/**
 * The stable error codes callers integrate against. Agency systems branch on `code`, never on the
 * message, so a code once published is never renamed or reused for another meaning.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  INVALID_INPUT: "INVALID_INPUT",
  INVALID_SUI: "INVALID_SUI",
  /** No longer issued: records without an SUI are now matched probabilistically. Kept so the code is never reused. */
  SUI_REQUIRED: "SUI_REQUIRED",
  UNKNOWN_AGENCY: "UNKNOWN_AGENCY",
  RECORD_TYPE_MISMATCH: "RECORD_TYPE_MISMATCH",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** The AccessContext is missing, blank or incoherent (see `extensions.problem`); the refusal is audited. */
  ACCESS_CONTEXT_INVALID: "ACCESS_CONTEXT_INVALID",
  /** The audit entry could not be written, so nothing was disclosed (design principle 4). */
  AUDIT_UNAVAILABLE: "AUDIT_UNAVAILABLE",
  /** The thing named does not exist, or the caller may not know that it does. */
  NOT_FOUND: "NOT_FOUND",
  /** The request contradicts the current state: a link review already decided, a child already merged, two different SUIs. */
  CONFLICT: "CONFLICT",
  /**
   * The hub's database could not be reached, or did not answer in time (a timeout, no free connection,
   * the server shutting down). Nothing was disclosed; HTTP 503 with Retry-After. Safe to retry.
   */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** Over the requests per minute for the caller or its agency (HTTP 429, Retry-After). Nothing ran. */
  RATE_LIMITED: "RATE_LIMITED",
  /**
   * A search for a child that would show too many children, or rests on a single field: refused with
   * advice on narrowing it, and audited (anti-browsing, issue 11). How wide it was is never said.
   */
  SEARCH_TOO_WIDE: "SEARCH_TOO_WIDE",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error the hub means to show its caller: a stable code and a message a person can act on.
 * Messages never carry personal data (they end up in agency systems' logs); `details` carries
 * machine-readable context such as the offending field's path.
 */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "HubError";
  }
}

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}
