import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * What a notification said, as a hash (SHA-256 of its RFC 8785 canonical JSON, with its type): an
 * agency's reference is the same notification only while it says the same. A field left out and a field
 * sent as null say the same; so do the same fields in another order.
 */
export function notificationContentHash(type: string, submission: object): string {
  return createHash("sha256").update(canonicalize({ type, submission: withoutAbsent(submission) }) ?? "").digest("hex");
}

function withoutAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAbsent);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined).map(([key, field]) => [key, withoutAbsent(field)]));
}
