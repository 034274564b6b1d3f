import { DurationUnit, type Duration } from "./Duration";
import { editionInForce } from "./editionInForce";
import { addCalendarDays, addCalendarMonths, endOfLondonDay, londonDateOf } from "./londonTime";
import { type StartEvent } from "./StartEvent";
import { type Timescale, type TimescaleEdition } from "./Timescale";
import { type TimescaleId } from "./TimescaleId";
import { type WorkingDayCalendar } from "./workingDays";

/** What `deadline` needs of the loaded policy set (`PolicySet` has both). */
export interface TimescalePolicy {
  workingDays: { calendar: WorkingDayCalendar };
  timescaleEditions: readonly TimescaleEdition[];
}

/** When something that started at `startedAt` is due, and under which edition of guidance that was counted. */
export interface Deadline {
  timescale: TimescaleId;
  /** The id of the edition of guidance the timescale was taken from. */
  edition: string;
  /** The event `startedAt` must be the instant of (from the policy): a caller can check it passed the right one. */
  startEvent: StartEvent;
  startedAt: Date;
  /** On time means done at or before this instant. */
  dueAt: Date;
  /** The latest instant if the one extension the law allows is granted (an EPO's 7 days); null when none is allowed. */
  extendedDueAt: Date | null;
  /** The most that extension may be (a subject access request's two further months); null when none is allowed. */
  extension: Duration | null;
}

/**
 * When the timescale `id` that started at `startedAt` falls due. The edition of guidance is the one in
 * force at `at`, which defaults to `startedAt`: a referral received under one edition keeps that
 * edition's timescale when a new one comes in before it is decided. Pass `at` only where a new edition
 * says it applies to what is already under way (a transitional provision). Pure: reads no clock.
 */
export function deadline(id: TimescaleId, startedAt: Date, policy: TimescalePolicy, at: Date = startedAt): Deadline {
  const timescale = timescaleInForce(id, startedAt, policy, at);
  const { calendar } = policy.workingDays;
  const dueAt = endOf(timescale.duration, startedAt, calendar);
  return {
    timescale: id,
    edition: timescale.edition,
    startEvent: timescale.startEvent,
    startedAt,
    dueAt,
    extendedDueAt: timescale.extension ? endOfExtension(timescale, timescale.extension.amount, startedAt, dueAt, calendar) : null,
    extension: timescale.extension,
  };
}

/**
 * When the timescale `id` that started at `startedAt` falls due once `granted` of its one extension has
 * been granted: from 1 up to the extension the policy allows (a subject access request extended by one
 * of its two further months). Pure, like `deadline`; a timescale without an extension, or a grant
 * outside those bounds, is a RangeError (the caller validates what a person asked for first).
 */
export function dueAfterExtension(id: TimescaleId, startedAt: Date, policy: TimescalePolicy, granted: number, at: Date = startedAt): Date {
  const timescale = timescaleInForce(id, startedAt, policy, at);
  const allowed = timescale.extension;
  if (allowed === null) throw new RangeError(`${id} allows no extension`);
  if (!Number.isInteger(granted) || granted < 1 || granted > allowed.amount) throw new RangeError(`an extension of ${id} is from 1 to ${allowed.amount}`);
  const { calendar } = policy.workingDays;
  return endOfExtension(timescale, granted, startedAt, endOf(timescale.duration, startedAt, calendar), calendar);
}

function timescaleInForce(id: TimescaleId, startedAt: Date, policy: TimescalePolicy, at: Date): Timescale & { edition: string } {
  if (Number.isNaN(startedAt.getTime()) || Number.isNaN(at.getTime())) throw new RangeError("deadline needs valid instants");
  const edition = editionInForce(policy.timescaleEditions, at);
  const timescale = edition.timescales.get(id);
  // Unreachable with a loaded policy (every edition defines every id); a hand-built one may not.
  if (!timescale) throw new RangeError(`edition ${edition.id} has no timescale ${id}`);
  return { ...timescale, edition: edition.id };
}

/**
 * The end of `granted` of the timescale's extension. A further period in days or hours counts from the
 * end of the first (an EPO's 7 days run on from its 8th); months after months count from the start
 * event as one period of both lengths, so the due date keeps corresponding to the start's date.
 */
function endOfExtension(timescale: Timescale, granted: number, startedAt: Date, dueAt: Date, calendar: WorkingDayCalendar): Date {
  const extension = timescale.extension as Duration;
  if (extension.unit === DurationUnit.CALENDAR_MONTHS && timescale.duration.unit === DurationUnit.CALENDAR_MONTHS) {
    return endOf({ ...extension, amount: timescale.duration.amount + granted }, startedAt, calendar);
  }
  return endOf({ ...extension, amount: granted }, dueAt, calendar);
}

/** The end of `duration` counted from `from` (see `DurationUnit` for how each unit counts). */
export function endOf(duration: Duration, from: Date, calendar: WorkingDayCalendar): Date {
  switch (duration.unit) {
    case DurationUnit.HOURS:
      return new Date(from.getTime() + duration.amount * 3_600_000);
    case DurationUnit.CALENDAR_DAYS:
      return endOfLondonDay(addCalendarDays(londonDateOf(from), duration.amount));
    case DurationUnit.WORKING_DAYS:
      return calendar.addWorkingDays(from, duration.amount);
    case DurationUnit.WORKING_DAY_STARTS:
      return calendar.workingDayStartAfter(from, duration.amount, duration.dayStartsAt);
    case DurationUnit.CALENDAR_MONTHS: {
      const day = addCalendarMonths(londonDateOf(from), duration.amount);
      return endOfLondonDay(duration.nextWorkingDay && !calendar.isWorkingDay(day) ? calendar.nextWorkingDay(day) : day);
    }
  }
}
