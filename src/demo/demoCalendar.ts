import { type SeededRandom } from "./seededRandom";

/**
 * The demo data set's "today". Ages and dates are computed from it, never from the clock, so the same
 * seed gives the same data set; every date in it is on or before this day (except a prisoner's expected
 * release date, which is meant to lie ahead).
 */
export const DEMO_REFERENCE_DATE = "2026-11-01";

const DAY_MS = 86_400_000;

function toDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(toDate(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** Age in whole years on a day, as the law counts it (a birthday is reached on its date). */
export function ageOn(dateOfBirth: string, day: string = DEMO_REFERENCE_DATE): number {
  const [birthYear, birthMonthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)];
  const [year, monthDay] = [Number(day.slice(0, 4)), day.slice(5)];
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0);
}

/** The day itself, or the reference date if the day would lie beyond it. */
export function notAfterReference(day: string): string {
  return day > DEMO_REFERENCE_DATE ? DEMO_REFERENCE_DATE : day;
}

/** A day from `from` to `to`, both included. */
export function dayBetween(random: SeededRandom, from: string, to: string): string {
  return addDays(from, random.integer(0, Math.max(0, daysBetween(from, to))));
}

/** A day in the last `days` days before the reference date, never before `notBefore`. */
export function recentDay(random: SeededRandom, days: number, notBefore: string): string {
  const earliest = addDays(DEMO_REFERENCE_DATE, -days);
  return dayBetween(random, earliest > notBefore ? earliest : notBefore, DEMO_REFERENCE_DATE);
}

/**
 * The child's school year group on a day: 0 is Reception (from the September after the fourth
 * birthday), 13 the last year of sixth form; null before Reception or after Year 13.
 */
export function yearGroupOn(dateOfBirth: string, day: string = DEMO_REFERENCE_DATE): number | null {
  const receptionYear = receptionStart(dateOfBirth).slice(0, 4);
  const schoolYearOfDay = Number(day.slice(0, 4)) - (day.slice(5) < "09-01" ? 1 : 0);
  const group = schoolYearOfDay - Number(receptionYear);
  return group >= 0 && group <= 13 ? group : null;
}

/** The September after the fourth birthday, when a child starts Reception. */
export function receptionStart(dateOfBirth: string): string {
  const fourthBirthday = `${Number(dateOfBirth.slice(0, 4)) + 4}${dateOfBirth.slice(4)}`;
  const year = Number(fourthBirthday.slice(0, 4)) + (fourthBirthday.slice(5) < "09-01" ? 0 : 1);
  return `${year}-09-01`;
}
