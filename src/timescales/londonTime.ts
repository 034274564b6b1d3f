import { DateTime } from "luxon";

/**
 * The hub's days are England's: a working day, a calendar day and the day an edition of guidance comes
 * into force are days in Europe/London, whatever the server's time zone, and British Summer Time
 * shifts them against UTC twice a year.
 */
export const HUB_TIME_ZONE = "Europe/London";

/** A calendar day written YYYY-MM-DD, meaning that day in Europe/London. */
export type LocalDate = string;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

// Arithmetic on calendar days needs no time zone: it is done on the built-in Date at UTC midnight,
// where every day has 24 hours. luxon is used only where London's offset matters, and sparingly — a
// zone conversion costs tens of microseconds, a day step well under one.

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isLocalDate(text: string): boolean {
  return LOCAL_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && utcMidnight(text).toISOString().slice(0, 10) === text;
}

/** Whether `text` is a time of day written HH:MM (24-hour). */
export function isTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

/** `date` moved by `days` calendar days (negative to go back). */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const day = utcMidnight(date);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * The day `months` calendar months after `date`: the same day of the month, or the last day of that
 * month when it has no such day (31 January + 1 month is 28 February, or 29 in a leap year). This is
 * "the corresponding calendar date" the ICO counts a month to (UK GDPR Art 12(3)).
 */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`not a whole number of months: ${months}`);
  const day = utcMidnight(date);
  const target = new Date(0);
  // Day 0 of the month after the one wanted is that month's last day. (setUTCFullYear, not Date.UTC,
  // which reads the years 0–99 as 1900–1999.)
  target.setUTCFullYear(day.getUTCFullYear(), day.getUTCMonth() + months + 1, 0);
  target.setUTCDate(Math.min(day.getUTCDate(), target.getUTCDate()));
  return target.toISOString().slice(0, 10);
}

/** ISO weekday of `date`: 1 Monday … 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  return utcMidnight(date).getUTCDay() || 7;
}

/** The day in Europe/London on which `instant` falls. */
export function londonDateOf(instant: Date): LocalDate {
  return DateTime.fromJSDate(instant, { zone: HUB_TIME_ZONE }).toISODate() ?? invalid(instant);
}

/**
 * The last millisecond (23:59:59.999) of `date` in Europe/London. London's clocks change at 01:00
 * and 02:00, so that wall-clock time exists, once, on every day.
 */
export function endOfLondonDay(date: LocalDate): Date {
  return londonInstant(date, "23:59:59.999");
}

/** The instant at `time` (HH:MM[:SS[.sss]]) on `date` in Europe/London. */
export function londonInstant(date: LocalDate, time: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: HUB_TIME_ZONE }).toJSDate();
}

/** `instant` as ISO 8601 in London time with its offset (`2026-12-29T23:59:59.999+00:00`), as people read deadlines. */
export function formatHubInstant(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: HUB_TIME_ZONE }).toISO() ?? invalid(instant);
}

/**
 * Reads an instant written as ISO 8601: with `Z` or an offset it is that instant; without one it is a
 * wall-clock time in Europe/London. A wall-clock time the clocks skip (01:30 on the last Sunday of
 * March) or pass twice (01:30 on the last Sunday of October) is refused, because which instant was
 * meant cannot be known: write it with its offset. Returns the problem instead of an instant when the
 * text is not one.
 */
export function parseHubInstant(text: string): Date | { problem: string } {
  const withOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    return { problem: `expected a date and time written YYYY-MM-DDTHH:MM[:SS[.sss]], optionally with Z or an offset, got "${text}"` };
  }
  const parsed = DateTime.fromISO(text, withOffset ? { setZone: true } : { zone: HUB_TIME_ZONE });
  if (!parsed.isValid) return { problem: `"${text}" is not a real date and time` };
  if (!withOffset) {
    const wallClock = text.length === 16 ? `${text}:00` : text;
    if (!parsed.toISO({ includeOffset: false })?.startsWith(wallClock)) {
      return { problem: `${text} does not happen in Europe/London (the clocks go forward over it); write the instant with its offset` };
    }
    if (parsed.getPossibleOffsets().length > 1) {
      return { problem: `${text} happens twice in Europe/London (the clocks go back over it); write the instant with its offset (+01:00 or +00:00)` };
    }
  }
  return parsed.toJSDate();
}

function utcMidnight(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function invalid(instant: Date): never {
  throw new RangeError(`not a valid instant: ${String(instant)}`);
}
