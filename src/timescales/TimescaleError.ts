/** Stable codes for what `deadline` cannot answer. */
export const TimescaleProblem = {
  /** The instant is before the first edition of guidance the policy knows: no timescale was in force. */
  NO_EDITION_IN_FORCE: "NO_EDITION_IN_FORCE",
} as const;
export type TimescaleProblem = (typeof TimescaleProblem)[keyof typeof TimescaleProblem];

/** A deadline that cannot be counted. Carries no personal data: only ids, codes and the day asked about. */
export class TimescaleError extends Error {
  constructor(
    readonly code: TimescaleProblem,
    message: string,
  ) {
    super(message);
    this.name = "TimescaleError";
  }
}
