import { BankHolidays } from "./bankHolidays";
import { addCalendarDays, endOfLondonDay, isLocalDate, isTimeOfDay, londonDateOf, londonInstant, weekdayOf, type LocalDate } from "./londonTime";

/** A day the policy adds to, or takes from, the library's bank holidays, with the proclamation or reason. */
export interface HolidayOverride {
  date: LocalDate;
  description: string;
}

/** What `policies/timescales.yaml` says about working days (section `workingDays`). */
export interface WorkingDayRules {
  /** The `date-holidays` region whose bank holidays are not working days, e.g. `GB/ENG`. */
  region: string;
  /** One-off bank holidays the library does not have yet (a coronation, a state funeral, a jubilee). */
  additionalHolidays: readonly HolidayOverride[];
  /** Library holidays that are not (a bank holiday moved by proclamation, as the early May one was in 2020). */
  removedHolidays: readonly HolidayOverride[];
}

/**
 * England's working days: Monday to Friday, less the region's bank holidays, plus the policy's one-off
 * additions, less its removals. Days are days in Europe/London.
 *
 * **When a working day ends.** A period counted in working days ends at the end of its last day,
 * 23:59:59.999 Europe/London — not at a close of business. The guidance counts days, not office
 * hours; a MASH and an emergency duty team work past five o'clock, and a deadline that fell due at
 * 17:00 would escalate cases that are still on time. A period never counts the day it starts, so a
 * referral received at 17:30 on a Friday before a bank-holiday Monday has until the end of Tuesday.
 *
 * Pure and deterministic: no clock is read; the holidays of each year are computed once.
 */
export class WorkingDayCalendar {
  private readonly bankHolidays: BankHolidays;
  private readonly added: ReadonlyMap<LocalDate, string>;
  private readonly removed: ReadonlySet<LocalDate>;

  constructor(readonly rules: WorkingDayRules) {
    this.bankHolidays = new BankHolidays(rules.region);
    this.added = new Map(rules.additionalHolidays.map(({ date, description }) => [date, description]));
    this.removed = new Set(rules.removedHolidays.map(({ date }) => date));
  }

  /** The name (or the policy's description) of the bank holiday on `date`, or null when there is none. */
  holidayOn(date: LocalDate): string | null {
    return this.holiday(checkDate(date));
  }

  /** Whether `day` (a date, or the Europe/London day an instant falls on) is a working day. */
  isWorkingDay(day: LocalDate | Date): boolean {
    return this.isWorking(typeof day === "string" ? checkDate(day) : londonDateOf(checkInstant(day)));
  }

  /** The first working day after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.next(checkDate(date));
  }

  /**
   * The end (23:59:59.999 Europe/London) of the `days`th working day after the day `from` falls on.
   * `days` = 0: the end of `from`'s day if it is a working day, else of the next working day.
   */
  addWorkingDays(from: Date, days: number): Date {
    checkCount(days, 0);
    const start = londonDateOf(checkInstant(from));
    let day = days === 0 && this.isWorking(start) ? start : this.next(start);
    for (let counted = 1; counted < days; counted += 1) day = this.next(day);
    return endOfLondonDay(day);
  }

  /**
   * The working days from the day after `from`'s day up to and including `to`'s day (Europe/London),
   * negative when `to` is earlier: how many working days of a period have begun by `to`.
   * `workingDaysBetween(from, addWorkingDays(from, n))` is `n` for every n ≥ 1.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const start = londonDateOf(checkInstant(from));
    const end = londonDateOf(checkInstant(to));
    const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = addCalendarDays(low, 1); day <= high; day = addCalendarDays(day, 1)) {
      if (this.isWorking(day)) count += 1;
    }
    return sign * count;
  }

  /**
   * The `count`th working-day start (`dayStartsAt`, HH:MM Europe/London, on a working day) strictly
   * after `from`: "before the next school day" is `workingDayStartAfter(incident, 1, "08:30")`.
   */
  workingDayStartAfter(from: Date, count: number, dayStartsAt: string): Date {
    checkInstant(from);
    checkCount(count, 1);
    if (!isTimeOfDay(dayStartsAt)) throw new RangeError(`expected a time of day written HH:MM, got "${dayStartsAt}"`);
    let day = londonDateOf(from);
    if (!this.isWorking(day) || londonInstant(day, dayStartsAt) <= from) day = this.next(day);
    for (let counted = 1; counted < count; counted += 1) day = this.next(day);
    return londonInstant(day, dayStartsAt);
  }

  // The private steps take dates already checked or computed: a deadline walks dozens of days.
  private holiday(date: LocalDate): string | null {
    if (this.removed.has(date)) return null;
    return this.added.get(date) ?? this.bankHolidays.on(date);
  }

  private isWorking(date: LocalDate): boolean {
    return weekdayOf(date) <= 5 && this.holiday(date) === null;
  }

  private next(date: LocalDate): LocalDate {
    let day = addCalendarDays(date, 1);
    while (!this.isWorking(day)) day = addCalendarDays(day, 1);
    return day;
  }
}

function checkDate(date: LocalDate): LocalDate {
  if (!isLocalDate(date)) throw new RangeError(`expected a date written YYYY-MM-DD, got "${date}"`);
  return date;
}

function checkInstant(instant: Date): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError("expected a valid instant (Date)");
  return instant;
}

function checkCount(count: number, minimum: number): void {
  if (!Number.isInteger(count) || count < minimum) throw new RangeError(`expected a whole number of at least ${minimum}, got ${count}`);
}
