import { type IdentityFacts } from "./comparisonVector";
import { doubleMetaphoneCodes } from "./doubleMetaphoneCodes";
import { type MatchProfile } from "./MatchProfile";
import { formalGivenName } from "./nicknames";
import { nameTokens, normaliseName } from "./normaliseName";
import { postcodeParts } from "./postcodeParts";

/**
 * Blocking (HUB.md §8): a child is a candidate for an incoming record only if they share a key, so the
 * matcher's cost grows with the candidates, not with the registry. Each key family leaves out some
 * fields, and so survives errors in them; together they leave a shared key for any two common errors
 * at once (a given-name typo with a slipped date, a new family name with a move, a missing date with
 * a move…):
 *
 * - `DF` date of birth + phonetic family name — survives errors in the given name and the postcode;
 * - `DG` date of birth + phonetic given name — survives errors in the family name and the postcode;
 * - `DP` date of birth + full postcode — survives errors in both names;
 * - `FP` phonetic family name + full postcode — survives errors in the given name and the date;
 * - `GP` phonetic given name + full postcode — survives errors in the family name and the date;
 * - `FG` phonetic family + first given name — survives errors in the date and the postcode;
 * - `GY` phonetic first given name + birth year + postcode district — survives a new family name with
 *   a mistyped day or month and a move across the district.
 *
 * The incoming record is also looked up under its date of birth with day and month swapped, and a day
 * either side (a slip of one day can change the month, or the year, as well as the day, so no digit-wise
 * key holds it). A given name
 * is keyed both as written and in its formal form ("Bill" as "William"), phonetically, and every given
 * name counts, so order does not matter: "Fredie" shares "Freddie"'s code, and "Freddie" "Frederick"'s.
 */
function phonetic(name: string): string {
  const compact = normaliseName(name).replace(/ /g, "");
  if (compact === "") return "";
  return doubleMetaphoneCodes(compact)[0] || compact;
}

function familyKeys(familyName: string): string[] {
  const tokens = nameTokens(familyName);
  const keys = new Set<string>([phonetic(familyName)]);
  // A double-barrelled name is also keyed by each part: "Smith-Jones" may come back as "Smith".
  if (tokens.length > 1) for (const token of tokens) keys.add(phonetic(token));
  keys.delete("");
  return [...keys];
}

function givenKeys(givenNames: string, names = 3): string[] {
  const keys = new Set(nameTokens(givenNames).slice(0, names).flatMap((token) => [phonetic(token), phonetic(formalGivenName(token))]));
  keys.delete("");
  return [...keys];
}

/** The day before and the day after an ISO date. */
function neighbouringDays(date: string): string[] {
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  if (Number.isNaN(day)) return [];
  return [day - 86_400_000, day + 86_400_000].map((time) => new Date(time).toISOString().slice(0, 10));
}

function swapped(date: string): string | null {
  const [year, month, day] = date.split("-");
  if (year === undefined || month === undefined || day === undefined || month === day || Number(day) > 12) return null;
  return `${year}-${day}-${month}`;
}

interface KeyParts {
  families: string[];
  givens: string[];
  /** The first given name's codes only: keyed without a date or a postcode, every given name would bring too many candidates. */
  firstGivens: string[];
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
  for (const unit of parts.units) {
    for (const family of parts.families) keys.add(`FP|${family}|${unit}`);
    for (const given of parts.givens) keys.add(`GP|${given}|${unit}`);
  }
  for (const family of parts.families) for (const given of parts.firstGivens) keys.add(`FG|${family}|${given}`);
  for (const district of parts.districts) {
    for (const given of parts.firstGivens) for (const year of parts.years) keys.add(`GY|${given}|${year}|${district}`);
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
    givens: [...new Set(profile.givenNames.flatMap((names) => givenKeys(names)))],
    firstGivens: [...new Set(profile.givenNames.flatMap((names) => givenKeys(names, 1)))],
    dates: date === null ? [] : [date],
    years: date === null ? [] : [date.slice(0, 4)],
    ...postcodeKeyParts(profile.postcodes),
  });
}

/**
 * How finely the postcode of a lookup may find a child: by its unit (`DP`, `FP`, `GP` and `GY`), only by
 * its district (`GY`: a searcher shown no finer than the district, `src/search/`), or not at all.
 */
export type PostcodeKeying = "UNIT" | "DISTRICT" | "NONE";

/**
 * The keys an incoming record is looked up under: its own, and under its date of birth with day and
 * month swapped and a day either side; its postcode only as finely as `postcodeKeying` allows.
 */
export function queryKeys(facts: IdentityFacts, postcodeKeying: PostcodeKeying = "UNIT"): string[] {
  const date = facts.dateOfBirth !== null && VALID_DATE.test(facts.dateOfBirth) ? facts.dateOfBirth : null;
  const swap = date === null ? null : swapped(date);
  const families = familyKeys(facts.familyName);
  const givens = givenKeys(facts.givenNames);
  const postcode = postcodeKeyParts([facts.postcode]);
  const units = postcodeKeying === "UNIT" ? postcode.units : [];
  const keys = keysOf({
    families,
    givens,
    firstGivens: givenKeys(facts.givenNames, 1),
    dates: date === null ? [] : swap === null ? [date] : [date, swap],
    years: date === null ? [] : [date.slice(0, 4)],
    districts: postcodeKeying === "NONE" ? [] : postcode.districts,
    units,
  });
  // A day either side: a slipped day with another error in a name is found by FP or GP while the
  // postcode holds, and by DF or DG when it is missing or changed too (a fifth of records); DP finds a
  // slipped day with both names wrong.
  for (const day of date === null ? [] : neighbouringDays(date)) {
    for (const family of families) keys.push(`DF|${day}|${family}`);
    for (const given of givens) keys.push(`DG|${day}|${given}`);
    for (const unit of units) keys.push(`DP|${day}|${unit}`);
  }
  return keys;
}

/**
 * The keys under which a child's same-birthday siblings are stored: its date of birth with each of its
 * family names and with each of its postcodes. Another child under one of them shares the date of
 * birth and a family name or an address: a twin, if the hub knows both.
 */
export function sameBirthdayKeys(profile: MatchProfile): string[] {
  const date = profile.dateOfBirth !== null && VALID_DATE.test(profile.dateOfBirth) ? profile.dateOfBirth : null;
  if (date === null) return [];
  const keys = keysOf({ families: [...new Set(profile.familyNames.flatMap(familyKeys))], givens: [], firstGivens: [], dates: [date], years: [], districts: [], units: postcodeKeyParts(profile.postcodes).units });
  return keys.filter((key) => key.startsWith("DF|") || key.startsWith("DP|"));
}
