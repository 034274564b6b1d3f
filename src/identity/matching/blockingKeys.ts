import doubleMetaphone from "talisman/phonetics/double-metaphone";
import { type IdentityFacts } from "./comparisonVector";
import { type MatchProfile } from "./MatchProfile";
import { formalGivenName } from "./nicknames";
import { nameTokens, normaliseName } from "./normaliseName";
import { postcodeParts } from "./postcodeParts";

/**
 * Blocking (HUB.md §8): a child is a candidate for an incoming record only if they share a key, so the
 * matcher's cost grows with the candidates, not with the registry. Each key family survives a
 * different kind of error, and a true match needs only one to survive:
 *
 * - `DF` date of birth + phonetic family name — survives typos in the given name and a move;
 * - `DG` date of birth + phonetic given name — survives a change of family name;
 * - `DP` date of birth + full postcode — survives both names being garbled;
 * - `GY` phonetic given name + birth year + postcode district — survives a mistyped day or month;
 * - `FG` phonetic family + given name + postcode district — survives a missing or garbled date of birth;
 * - `FY` phonetic family + given name + birth year — survives a mistyped day or month with no postcode.
 *
 * The incoming record is also looked up under its date of birth with day and month swapped. Given names
 * are keyed by their formal form ("Bill" as "William") and every given name counts, so order does not matter.
 */
function phonetic(name: string): string {
  const compact = normaliseName(name).replace(/ /g, "");
  if (compact === "") return "";
  return doubleMetaphone(compact)[0] || compact;
}

function familyKeys(familyName: string): string[] {
  const tokens = nameTokens(familyName);
  const keys = new Set<string>([phonetic(familyName)]);
  // A double-barrelled name is also keyed by each part: "Smith-Jones" may come back as "Smith".
  if (tokens.length > 1) for (const token of tokens) keys.add(phonetic(token));
  keys.delete("");
  return [...keys];
}

function givenKeys(givenNames: string): string[] {
  const keys = new Set(nameTokens(givenNames).slice(0, 3).map((token) => phonetic(formalGivenName(token))));
  keys.delete("");
  return [...keys];
}

function swapped(date: string): string | null {
  const [year, month, day] = date.split("-");
  if (year === undefined || month === undefined || day === undefined || month === day || Number(day) > 12) return null;
  return `${year}-${day}-${month}`;
}

interface KeyParts {
  families: string[];
  givens: string[];
  dates: string[];
  years: string[];
  districts: string[];
  units: string[];
}

function keysOf(parts: KeyParts): string[] {
  const keys = new Set<string>();
  for (const date of parts.dates) {
    for (const family of parts.families) keys.add(`DF|${date}|${family}`);
    for (const given of parts.givens) keys.add(`DG|${date}|${given}`);
    for (const unit of parts.units) keys.add(`DP|${date}|${unit}`);
  }
  for (const year of parts.years) {
    for (const family of parts.families) for (const given of parts.givens) keys.add(`FY|${family}|${given}|${year}`);
  }
  for (const district of parts.districts) {
    for (const given of parts.givens) {
      for (const year of parts.years) keys.add(`GY|${given}|${year}|${district}`);
      for (const family of parts.families) keys.add(`FG|${family}|${given}|${district}`);
    }
  }
  return [...keys];
}

function postcodeKeyParts(postcodes: (string | null)[]): { districts: string[]; units: string[] } {
  const districts = new Set<string>();
  const units = new Set<string>();
  for (const postcode of postcodes) {
    const parts = postcodeParts(postcode);
    if (parts === null) continue;
    districts.add(parts.district);
    units.add(parts.unit);
  }
  return { districts: [...districts], units: [...units] };
}

const VALID_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The keys a child is stored under. */
export function profileKeys(profile: MatchProfile): string[] {
  const date = profile.dateOfBirth !== null && VALID_DATE.test(profile.dateOfBirth) ? profile.dateOfBirth : null;
  return keysOf({
    families: [...new Set(profile.familyNames.flatMap(familyKeys))],
    givens: [...new Set(profile.givenNames.flatMap(givenKeys))],
    dates: date === null ? [] : [date],
    years: date === null ? [] : [date.slice(0, 4)],
    ...postcodeKeyParts(profile.postcodes),
  });
}

/** The keys an incoming record is looked up under: its own, and its date of birth with day and month swapped. */
export function queryKeys(facts: IdentityFacts): string[] {
  const date = facts.dateOfBirth !== null && VALID_DATE.test(facts.dateOfBirth) ? facts.dateOfBirth : null;
  const swap = date === null ? null : swapped(date);
  return keysOf({
    families: familyKeys(facts.familyName),
    givens: givenKeys(facts.givenNames),
    dates: date === null ? [] : swap === null ? [date] : [date, swap],
    years: date === null ? [] : [date.slice(0, 4)],
    ...postcodeKeyParts([facts.postcode]),
  });
}
