/**
 * What is wrong with a directory entry or an import file, as a stable code: an import names it per line,
 * the API as `extensions.problem` beside `INVALID_INPUT`. A code once published keeps its meaning.
 */
export const DirectoryProblem = {
  /** The CSV header misses a required column, repeats one or names one the directory does not know. */
  INVALID_HEADER: "INVALID_HEADER",
  /** A line that is not well-formed CSV. */
  MALFORMED_LINE: "MALFORMED_LINE",
  /** The code is missing or not 2–40 capitals, digits and hyphens. */
  INVALID_CODE: "INVALID_CODE",
  /** The same code on an earlier line of the same file. */
  DUPLICATE_CODE: "DUPLICATE_CODE",
  INVALID_NAME: "INVALID_NAME",
  UNKNOWN_AGENCY_TYPE: "UNKNOWN_AGENCY_TYPE",
  /** Not an ONS local-authority code (`auth/localAuthorityCode.ts`). */
  INVALID_LOCAL_AUTHORITY: "INVALID_LOCAL_AUTHORITY",
  /** No local authority served, and none the agency sits in to serve by default: routing could never find it. */
  NO_AREA_SERVED: "NO_AREA_SERVED",
  INVALID_POLICE_FORCE_AREA: "INVALID_POLICE_FORCE_AREA",
  INVALID_EMAIL: "INVALID_EMAIL",
  INVALID_PHONE: "INVALID_PHONE",
  /** Not an absolute http(s) URL, or one carrying credentials or a fragment. */
  INVALID_WEBHOOK_URL: "INVALID_WEBHOOK_URL",
  /** In production a webhook endpoint must be HTTPS. */
  WEBHOOK_NOT_HTTPS: "WEBHOOK_NOT_HTTPS",
  /** In production a webhook endpoint may not name a loopback, private or link-local address. */
  WEBHOOK_NOT_PUBLIC: "WEBHOOK_NOT_PUBLIC",
  /** Not an `UnscheduledCareSetting`, or named for an agency that is not a HEALTH agency. */
  INVALID_UNSCHEDULED_CARE_SETTING: "INVALID_UNSCHEDULED_CARE_SETTING",
  /** `active` is not true or false. */
  INVALID_ACTIVE: "INVALID_ACTIVE",
  /** A new type for an agency whose records the hub holds (`agencyHoldsRecords.ts`). */
  AGENCY_TYPE_FIXED: "AGENCY_TYPE_FIXED",
  /** A change to the agency's routing fields already waits for a second administrator: approve or reject it first. */
  CHANGE_PENDING: "CHANGE_PENDING",
} as const;
export type DirectoryProblem = (typeof DirectoryProblem)[keyof typeof DirectoryProblem];
