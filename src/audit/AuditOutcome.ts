/** How the audited operation ended. */
export const AuditOutcome = {
  /** Something was disclosed (possibly with fields withheld). */
  DISCLOSED: "DISCLOSED",
  /** The request was refused: nothing disclosed; `refusal` says why. */
  REFUSED: "REFUSED",
  /** No such child (answered exactly like a refusal, so existence does not leak — HUB.md §5). */
  NOT_FOUND: "NOT_FOUND",
  /** A practitioner recorded a decision not to share (s.16LA). */
  NOT_SHARED: "NOT_SHARED",
  /** A governance fact was recorded (consent, override, alert closed). */
  RECORDED: "RECORDED",
} as const;
export type AuditOutcome = (typeof AuditOutcome)[keyof typeof AuditOutcome];
export const AUDIT_OUTCOMES = Object.values(AuditOutcome);

export function isAuditOutcome(value: unknown): value is AuditOutcome {
  return typeof value === "string" && (AUDIT_OUTCOMES as string[]).includes(value);
}
