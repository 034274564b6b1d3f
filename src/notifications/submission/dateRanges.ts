import { addCalendarMonths, type LocalDate } from "../../timescales/londonTime";

/**
 * How far a notification's dates may lie from the day it is made, or from its own event: a date written
 * correctly can still be impossible (a prisoner born two years ago, routed to a youth offending team as
 * a child; an event in 2999 or 1901; a child born after the day they were at risk). Outside these, the
 * notification is refused at the edge (`DATE_OUT_OF_RANGE`), before anything is stored or routed.
 */
export const DATE_RANGES = {
  /** An event is notified within a child's lifetime of it: 18 years back. */
  eventMonthsBack: 18 * 12,
  /** …and, where it may be planned (a release, a transfer), at most a year ahead. */
  eventMonthsAhead: 12,
  /** A release, or a return from temporary release, lies within a year of the event that tells of it. */
  releaseMonthsFromEvent: 12,
  /** A prisoner is at least 10 (the age of criminal responsibility in England and Wales) and at most 110 on the day. */
  prisonerMinimumAgeYears: 10,
  personMaximumAgeYears: 110,
  /** An unborn child's expected date of birth: up to 3 months past (the birth not yet recorded), up to 10 months ahead. */
  expectedBirthMonthsBack: 3,
  expectedBirthMonthsAhead: 10,
} as const;

/** `date` within [from, to], all YYYY-MM-DD (which compare as strings). */
export function within(date: LocalDate, from: LocalDate, to: LocalDate): boolean {
  return date >= from && date <= to;
}

export function monthsFrom(date: LocalDate, months: number): LocalDate {
  return addCalendarMonths(date, months);
}

export function yearsBefore(date: LocalDate, years: number): LocalDate {
  return addCalendarMonths(date, -12 * years);
}

/** The dates of birth an offender (a prisoner) can have on `day`: at least 10 (the age of criminal responsibility), at most 110. */
export function offenderBirthWindow(day: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: yearsBefore(day, DATE_RANGES.personMaximumAgeYears), to: yearsBefore(day, DATE_RANGES.prisonerMinimumAgeYears) };
}
