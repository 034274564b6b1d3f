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
  const at = instant.getTime();
  const offset = at >= KEPT_FROM && at < KEPT_UNTIL ? londonOffsetAt(at) : null;
  if (offset === null) return DateTime.fromJSDate(instant, { zone: HUB_TIME_ZONE }).toISODate() ?? invalid(instant);
  return new Date(at + offset).toISOString().slice(0, 10);
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
  const wallClock = `${date}T${time}`;
  let at = instants.get(wallClock);
  if (at === undefined) {
    at = DateTime.fromISO(wallClock, { zone: HUB_TIME_ZONE }).toMillis();
    if (instants.size >= MAX_KEPT_INSTANTS) instants.clear();
    instants.set(wallClock, at);
  }
  return new Date(at);
}

// A zone conversion through luxon costs tens of microseconds, and every deadline makes several (a
// MASH read checks its referral's window on each request). What they depend on is kept instead:
// London's offset for each UTC hour, and the instant of each wall-clock time asked for. Since 1847
// London's clocks have changed only on the hour, so one hour has one offset; an hour that proved to
// hold a change would not be kept. Outside four-digit years since 1900 luxon answers every time.
const HOUR_MS = 3_600_000;
const KEPT_FROM = Date.UTC(1900, 0, 1);
const KEPT_UNTIL = Date.UTC(10000, 0, 1) - 14 * HOUR_MS;
const MAX_KEPT_HOURS = 200_000;
const MAX_KEPT_INSTANTS = 20_000;
const offsets = new Map<number, number | null>();
const instants = new Map<string, number>();

/** London's offset from UTC at `at` (ms since the epoch), in ms; null when its hour holds a change. */
function londonOffsetAt(at: number): number | null {
  const hour = Math.floor(at / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const first = DateTime.fromMillis(hour * HOUR_MS, { zone: HUB_TIME_ZONE }).offset;
    const last = DateTime.fromMillis((hour + 1) * HOUR_MS - 1, { zone: HUB_TIME_ZONE }).offset;
    offset = first === last ? first * 60_000 : null;
    if (offsets.size >= MAX_KEPT_HOURS) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
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
