/**
 * How a timescale's length is counted. Every day is a day in Europe/London (`londonTime.ts`), and a
 * period in days never counts the day of its start event: "within one working day" of a referral
 * received on a Friday evening means by the end of the next working day, not by Friday midnight.
 */
export const DurationUnit = {
  /**
   * Ends at the end (23:59:59.999 Europe/London) of the Nth working day after the start event's day.
   * 0 means the end of the start event's day if it is a working day, else of the next working day.
   */
  WORKING_DAYS: "WORKING_DAYS",
  /** Ends at the end of the Nth calendar day after the start event's day; 0 means the same day. */
  CALENDAR_DAYS: "CALENDAR_DAYS",
  /**
   * Elapsed hours from the start event, whatever the clocks do: 72 hours of police protection are 72
   * hours in the week the clocks change too (Children Act 1989 s.46(6) limits the time kept, not the dates).
   */
  HOURS: "HOURS",
  /**
   * Ends at `dayStartsAt` (HH:MM, Europe/London) on the Nth working day whose start comes after the
   * start event — "before the next school day": an incident at 02:00 on a Tuesday is due by Tuesday's
   * start, one at 10:00 by Wednesday's. The hub does not know school terms; a working day stands in for
   * a school day and is never later than one.
   */
  WORKING_DAY_STARTS: "WORKING_DAY_STARTS",
  /**
   * Ends at the end of the day N calendar months after the start event's day: the same day of the
   * month, or the last day of that month when it has none (received 31 January, due 28 February) —
   * "within one month of receipt" (UK GDPR Art 12(3)) as the ICO counts it, the day of receipt being
   * day one whether or not it is a working day. With `nextWorkingDay`, a due day that is not a working
   * day moves to the end of the next working day (ICO: "If the corresponding date falls on a weekend or
   * a public holiday, you have until the next working day to respond"). An extension in months after a
   * period in months is counted from the start event as one period of both lengths: "two further
   * months" end on the date corresponding to receipt three months on, not to the first due day.
   */
  CALENDAR_MONTHS: "CALENDAR_MONTHS",
} as const;
export type DurationUnit = (typeof DurationUnit)[keyof typeof DurationUnit];
export const DURATION_UNITS = Object.values(DurationUnit);

/** A length of time as the policy writes it. */
export type Duration =
  | { unit: typeof DurationUnit.WORKING_DAYS | typeof DurationUnit.CALENDAR_DAYS | typeof DurationUnit.HOURS; amount: number }
  | { unit: typeof DurationUnit.WORKING_DAY_STARTS; amount: number; dayStartsAt: string }
  | { unit: typeof DurationUnit.CALENDAR_MONTHS; amount: number; nextWorkingDay: boolean };
