import jaroWinkler from "talisman/metrics/jaro-winkler";
import { doubleMetaphoneCodes } from "./doubleMetaphoneCodes";
import { givenNamesKey, normaliseName } from "./normaliseName";
import { postcodeParts } from "./postcodeParts";

/**
 * Comparison levels for Fellegi–Sunter matching (HUB.md §8). Each compares one field of two records
 * and says how alike they are; the match weights for each level come from configuration. A difference
 * is a level, never a correction: a day/month swap is evidence, not an edit.
 */
export type NameLevel = "EXACT" | "EQUIVALENT" | "PHONETIC" | "JARO_WINKLER_HIGH" | "JARO_WINKLER_MID" | "DIFFERENT" | "MISSING";
export type DateLevel = "EXACT" | "DAY_MONTH_SWAPPED" | "ONE_DIGIT" | "ONE_DAY_APART" | "SAME_MONTH_YEAR" | "SAME_YEAR" | "DIFFERENT" | "MISSING";
export type PostcodeLevel = "UNIT" | "SECTOR" | "DISTRICT" | "AREA" | "DIFFERENT" | "MISSING";
export type SexLevel = "SAME" | "DIFFERENT" | "MISSING";

/** Jaro–Winkler thresholds: ≥ 0.92 catches one-letter typos in most names; ≥ 0.85 transpositions and short misspellings. */
export const JARO_WINKLER_HIGH = 0.92;
export const JARO_WINKLER_MID = 0.85;

/** Whether two compact names share a Double Metaphone code. */
export function sharesPhoneticCode(a: string, b: string): boolean {
  const [a1, a2] = doubleMetaphoneCodes(a);
  const [b1, b2] = doubleMetaphoneCodes(b);
  return a1 !== "" && (a1 === b1 || a1 === b2 || (a2 !== "" && (a2 === b1 || a2 === b2)));
}

/** Family names: exact after normalisation, then phonetic (Double Metaphone), then Jaro–Winkler bands. */
export function compareFamilyNames(a: string | null | undefined, b: string | null | undefined): NameLevel {
  const x = normaliseName(a ?? "");
  const y = normaliseName(b ?? "");
  if (x === "" || y === "") return "MISSING";
  if (x === y) return "EXACT";
  const xs = x.replace(/ /g, "");
  const ys = y.replace(/ /g, "");
  if (xs === ys) return "EXACT";
  if (sharesPhoneticCode(xs, ys)) return "PHONETIC";
  const similarity = jaroWinkler(xs, ys);
  if (similarity >= JARO_WINKLER_HIGH) return "JARO_WINKLER_HIGH";
  if (similarity >= JARO_WINKLER_MID) return "JARO_WINKLER_MID";
  return "DIFFERENT";
}

/**
 * Given names: exact; EQUIVALENT when they differ only in order or by a known short form ("Bill" and
 * "William"); then phonetic and Jaro–Winkler on the first given name.
 */
export function compareGivenNames(a: string | null | undefined, b: string | null | undefined): NameLevel {
  const x = normaliseName(a ?? "");
  const y = normaliseName(b ?? "");
  if (x === "" || y === "") return "MISSING";
  if (x === y) return "EXACT";
  if (givenNamesKey(x) === givenNamesKey(y)) return "EQUIVALENT";
  const first = (name: string) => name.split(" ")[0] ?? "";
  if (sharesPhoneticCode(first(x), first(y))) return "PHONETIC";
  const similarity = jaroWinkler(first(x), first(y));
  if (similarity >= JARO_WINKLER_HIGH) return "JARO_WINKLER_HIGH";
  if (similarity >= JARO_WINKLER_MID) return "JARO_WINKLER_MID";
  return "DIFFERENT";
}

/** YYYY-MM-DD with a month 01–12 and a day 01–31; anything else is no evidence at all. */
const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const DAY_MS = 86_400_000;

/**
 * Dates of birth: exact; day and month swapped (07/03 written as 03/07 — only possible when both are
 * ≤ 12); one digit different (a typing slip); a day apart where more than one digit differs (the 9th
 * as the 10th, the 31st of March as the 1st of April: a day's slip); same month and year; same year;
 * different.
 */
export function compareDates(a: string | null | undefined, b: string | null | undefined): DateLevel {
  const x = a ? ISO_DATE.exec(a) : null;
  const y = b ? ISO_DATE.exec(b) : null;
  if (!x || !y) return "MISSING";
  const [, yearA, monthA, dayA] = x;
  const [, yearB, monthB, dayB] = y;
  if (a === b) return "EXACT";
  if (yearA === yearB && monthA === dayB && dayA === monthB) return "DAY_MONTH_SWAPPED";
  const digitsA = `${yearA}${monthA}${dayA}`;
  const digitsB = `${yearB}${monthB}${dayB}`;
  let differing = 0;
  for (let i = 0; i < digitsA.length; i++) if (digitsA[i] !== digitsB[i]) differing++;
  if (differing === 1) return "ONE_DIGIT";
  if (Math.abs(Date.UTC(Number(yearA), Number(monthA) - 1, Number(dayA)) - Date.UTC(Number(yearB), Number(monthB) - 1, Number(dayB))) === DAY_MS) return "ONE_DAY_APART";
  if (yearA === yearB && monthA === monthB) return "SAME_MONTH_YEAR";
  if (yearA === yearB) return "SAME_YEAR";
  return "DIFFERENT";
}

/**
 * How far from the expected date a child may be born and still be the child a pre-birth record
 * expected: a premature birth at 24 weeks is 16 weeks early; a post-term one a fortnight late.
 */
export const BORN_WITHIN_DAYS_OF_EXPECTED = 16 * 7;

/**
 * A record about a child not yet born (only an expected date of birth) against a child's date of
 * birth: no evidence (MISSING) when the child could be that baby, born around the expected date;
 * DIFFERENT when it was born long before or after — an older sibling at the same address is not the
 * baby the midwife expects.
 */
export function compareExpectedBirth(expected: string | null | undefined, born: string | null | undefined): DateLevel {
  const x = expected ? ISO_DATE.exec(expected) : null;
  const y = born ? ISO_DATE.exec(born) : null;
  if (!x || !y) return "MISSING";
  const days = Math.abs(Date.parse(`${expected as string}T00:00:00Z`) - Date.parse(`${born as string}T00:00:00Z`)) / DAY_MS;
  return days > BORN_WITHIN_DAYS_OF_EXPECTED ? "DIFFERENT" : "MISSING";
}

export function comparePostcodes(a: string | null | undefined, b: string | null | undefined): PostcodeLevel {
  const x = postcodeParts(a);
  const y = postcodeParts(b);
  if (x === null || y === null) return "MISSING";
  if (x.unit === y.unit) return "UNIT";
  if (x.sector === y.sector) return "SECTOR";
  if (x.district === y.district) return "DISTRICT";
  if (x.area === y.area) return "AREA";
  return "DIFFERENT";
}

/** NOT_KNOWN on either side is missing evidence, not a disagreement. */
export function compareSex(a: string | null | undefined, b: string | null | undefined): SexLevel {
  const known = (value: string | null | undefined) => value !== null && value !== undefined && value !== "NOT_KNOWN";
  if (!known(a) || !known(b)) return "MISSING";
  return a === b ? "SAME" : "DIFFERENT";
}
