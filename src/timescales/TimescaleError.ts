import { ErrorCode, HubError } from "../errors/HubError";

/** Stable problems for what `deadline` cannot answer (`extensions.problem`). */
export const TimescaleProblem = {
  /** The instant is before the first edition of guidance the policy knows: no timescale was in force. */
  NO_EDITION_IN_FORCE: "NO_EDITION_IN_FORCE",
} as const;
export type TimescaleProblem = (typeof TimescaleProblem)[keyof typeof TimescaleProblem];

/**
 * A deadline that cannot be counted because of the instant it was asked for: an INVALID_INPUT, so that
 * a date a caller gave (a breach's awareness, a referral's receipt) is refused as the caller's mistake
 * wherever it reaches a deadline, never a 500. Carries no personal data: only the problem, the day asked
 * about, the earliest day accepted and, where the caller named the field, its path.
 */
export class TimescaleError extends HubError {
  constructor(
    readonly problem: TimescaleProblem,
    message: string,
    details: { day: string; earliestAccepted: string; path?: string },
  ) {
    super(ErrorCode.INVALID_INPUT, message, { problem, ...details });
    this.name = "TimescaleError";
  }
}
