/** Stable `problem` codes of data subjects' rights operations (with INVALID_INPUT, NOT_FOUND or CONFLICT). */
export const RightsProblem = {
  /** The record is not one the caller's agency holds, or does not exist (the two are not told apart). */
  RECORD_NOT_HELD: "RECORD_NOT_HELD",
  UNKNOWN_FIELD: "UNKNOWN_FIELD",
  STATEMENT_TOO_SHORT: "STATEMENT_TOO_SHORT",
  REASON_TOO_SHORT: "REASON_TOO_SHORT",
  /** An evidential record or fact is never rectified, only restricted (DPA 2018 s.46(4)). */
  EVIDENTIAL_RECORD: "EVIDENTIAL_RECORD",
  /** An objection restricts on its own ground (Art 18(1)(d)), and only an objection does. */
  GROUND_DOES_NOT_FIT_KIND: "GROUND_DOES_NOT_FIT_KIND",
  ALREADY_RESTRICTED: "ALREADY_RESTRICTED",
  RESTRICTION_NOT_FOUND: "RESTRICTION_NOT_FOUND",
  RESTRICTION_NOT_IN_FORCE: "RESTRICTION_NOT_IN_FORCE",
  UNKNOWN_ERASURE_CLAUSE: "UNKNOWN_ERASURE_CLAUSE",
  /** A UK GDPR ground named for Part 3 data, or the other way round. */
  CLAUSE_NOT_FOR_REGIME: "CLAUSE_NOT_FOR_REGIME",
  /** A field the record cannot exist without (its incident type, its roll status): erase the record at its agency. */
  FIELD_NOT_ERASABLE: "FIELD_NOT_ERASABLE",
} as const;
export type RightsProblem = (typeof RightsProblem)[keyof typeof RightsProblem];
