import { ErrorCode, HubError } from "../errors/HubError";
import { type BirthCriterion } from "./SearchCriteria";

const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;
/** A range wider than a year is a browse of a birth cohort, not a search for a child. */
export const MAX_BIRTH_RANGE_DAYS = 366;
/** Children are under 18; a search for an age beyond it is for nobody the hub holds. */
const MAX_AGE = 18;

/** How a search narrows the date of birth: one date (compared as the matcher compares dates), or every day of a range (a filter). */
export type BirthSearch = { kind: "EXACT"; date: string } | { kind: "RANGE"; from: string; to: string; days: string[] } | null;

function isoDate(raw: string | null | undefined, path: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === "") return null;
  const value = raw.trim();
  const match = ISO_DATE.exec(value);
  if (!match || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new HubError(ErrorCode.INVALID_INPUT, "A date is YYYY-MM-DD.", { path, problem: "INVALID_DATE" });
  }
  return value;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The date of birth a search gives: exactly one of a date, a range (`from`–`to`, at most a year) or an
 * age in whole years on `today` (the year of birthdays that gives it).
 */
export function birthSearch(criterion: BirthCriterion | null | undefined, today: Date): BirthSearch {
  if (!criterion) return null;
  const exact = isoDate(criterion.exact, "criteria.dateOfBirth.exact");
  const from = isoDate(criterion.from, "criteria.dateOfBirth.from");
  const to = isoDate(criterion.to, "criteria.dateOfBirth.to");
  const age = criterion.age ?? null;
  const given = [exact !== null, from !== null || to !== null, age !== null].filter(Boolean).length;
  if (given === 0) return null;
  if (given > 1) throw new HubError(ErrorCode.INVALID_INPUT, "Give the date of birth one way: exact, a range (from and to) or an age.", { path: "criteria.dateOfBirth", problem: "ONE_FORM" });
  if (exact !== null) return { kind: "EXACT", date: exact };
  if (age !== null) {
    if (!Number.isInteger(age) || age < 0 || age > MAX_AGE) throw new HubError(ErrorCode.INVALID_INPUT, `An age is a whole number of years from 0 to ${MAX_AGE}.`, { path: "criteria.dateOfBirth.age", problem: "INVALID_AGE" });
    const now = iso(today.getTime());
    const year = Number(now.slice(0, 4));
    const birthday = (years: number) => {
      const candidate = `${String(year - years).padStart(4, "0")}${now.slice(4)}`;
      // 29 February in a year without one: the birthday falls on 1 March.
      return Number.isNaN(day(candidate)) || iso(day(candidate)) !== candidate ? `${candidate.slice(0, 4)}-03-01` : candidate;
    };
    return range(iso(day(birthday(age + 1)) + DAY_MS), birthday(age));
  }
  if (from === null || to === null) throw new HubError(ErrorCode.INVALID_INPUT, "A range of dates of birth needs both from and to.", { path: "criteria.dateOfBirth", problem: "OPEN_RANGE" });
  return range(from, to);
}

function range(from: string, to: string): BirthSearch {
  const span = (day(to) - day(from)) / DAY_MS;
  if (span < 0) throw new HubError(ErrorCode.INVALID_INPUT, "A range's from comes before its to.", { path: "criteria.dateOfBirth", problem: "REVERSED_RANGE" });
  if (span >= MAX_BIRTH_RANGE_DAYS) throw new HubError(ErrorCode.INVALID_INPUT, `A range of dates of birth spans at most ${MAX_BIRTH_RANGE_DAYS} days.`, { path: "criteria.dateOfBirth", problem: "RANGE_TOO_WIDE" });
  const days: string[] = [];
  for (let time = day(from); time <= day(to); time += DAY_MS) days.push(iso(time));
  return { kind: "RANGE", from, to, days };
}
