import { addDays } from "../../src/demo/demoCalendar";
import { seededRandom, type SeededRandom } from "../../src/demo/seededRandom";
import { type IdentityFacts } from "../../src/identity/matching/comparisonVector";
import { formalGivenName } from "../../src/identity/matching/nicknames";
import { Sex } from "../../src/people/Sex";
import {
  CLOSE_NAMED_TWIN_SHARE,
  closeNamedTwin,
  drawDateOfBirth,
  drawFamilyName,
  drawGivenNames,
  drawMiddleName,
  drawPostcode,
  drawPostcodeInDistrict,
  drawSex,
  drawSiblingDateOfBirth,
  drawSurname,
  firstGivenName,
  GIVEN_NAMES,
  REFERENCE_DATE,
  type ChildIdentity,
  type RegistryChild,
} from "./syntheticPopulation";

/**
 * Records arriving from agencies, about children in the registry and children who are not, each
 * carrying the mistakes agencies make. Every kind of noise strikes independently, at its own rate,
 * among the records it can apply to; the kinds are listed in the order they are applied.
 */
export const NOISE_KINDS = [
  "DATE_OF_BIRTH_MISSING",
  "DATE_DAY_MONTH_SWAPPED",
  "DATE_DIGIT_MISTYPED",
  "POSTCODE_MISSING",
  "POSTCODE_MOVED",
  "SEX_NOT_KNOWN",
  "NICKNAME",
  "GIVEN_NAMES_REARRANGED",
  "FAMILY_NAME_CHANGED",
  "NAME_TYPO",
  "NAME_FORMATTING",
  "GIVEN_TYPO_WITH_DATE_SLIP",
  "FAMILY_CHANGED_WITH_MOVE",
  "GIVEN_TYPO_WITH_MOVE",
  "FAMILY_TYPO_WITH_DATE_SLIP",
  "FAMILY_CHANGED_WITH_DATE_SLIP",
  "GIVEN_TYPO_WITH_FAMILY_CHANGED",
  "DATE_MISSING_WITH_MOVE",
] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];
export type NoiseRates = Readonly<Record<NoiseKind, number>>;

/** The share of the records it can apply to that each kind of noise strikes. */
export const NOISE_RATES: NoiseRates = {
  DATE_OF_BIRTH_MISSING: 0.01,
  DATE_DAY_MONTH_SWAPPED: 0.03,
  DATE_DIGIT_MISTYPED: 0.02,
  POSTCODE_MISSING: 0.08,
  POSTCODE_MOVED: 0.12,
  SEX_NOT_KNOWN: 0.03,
  NICKNAME: 0.05,
  GIVEN_NAMES_REARRANGED: 0.03,
  FAMILY_NAME_CHANGED: 0.04,
  NAME_TYPO: 0.08,
  NAME_FORMATTING: 0.03,
  GIVEN_TYPO_WITH_DATE_SLIP: 0.015,
  FAMILY_CHANGED_WITH_MOVE: 0.015,
  GIVEN_TYPO_WITH_MOVE: 0.01,
  FAMILY_TYPO_WITH_DATE_SLIP: 0.01,
  FAMILY_CHANGED_WITH_DATE_SLIP: 0.01,
  GIVEN_TYPO_WITH_FAMILY_CHANGED: 0.005,
  DATE_MISSING_WITH_MOVE: 0.005,
};

/** The kinds that are two errors at once, struck together on one record. */
export const TWO_ERROR_KINDS: readonly NoiseKind[] = [
  "GIVEN_TYPO_WITH_DATE_SLIP",
  "FAMILY_CHANGED_WITH_MOVE",
  "GIVEN_TYPO_WITH_MOVE",
  "FAMILY_TYPO_WITH_DATE_SLIP",
  "FAMILY_CHANGED_WITH_DATE_SLIP",
  "GIVEN_TYPO_WITH_FAMILY_CHANGED",
  "DATE_MISSING_WITH_MOVE",
];

/** What each kind of noise does and which records it can apply to. */
export const NOISE_DESCRIPTIONS: Readonly<Record<NoiseKind, string>> = {
  DATE_OF_BIRTH_MISSING: "date of birth left blank",
  DATE_DAY_MONTH_SWAPPED: "day and month swapped (2014-03-07 → 2014-07-03); only when the day is 12 or less and differs from the month",
  DATE_DIGIT_MISTYPED: "one digit of the year's last two, the month or the day mistyped, still a real date not after the reference date; only when a date is present",
  POSTCODE_MISSING: "postcode left blank",
  POSTCODE_MOVED: "a different postcode: in the same district half the time, anywhere otherwise; only when a postcode is present",
  SEX_NOT_KNOWN: "sex recorded as NOT_KNOWN",
  NICKNAME: "the first given name replaced by a short or formal form the matcher knows (Harry ↔ Henry); only when it has one",
  GIVEN_NAMES_REARRANGED: "two or more given names: order changed or the middle name dropped (half each); one given name: a middle name added",
  FAMILY_NAME_CHANGED: "half the time double-barrelled with another surname (or, if already double-barrelled, cut to one half); otherwise a new family name",
  NAME_TYPO: "one letter substituted, inserted, deleted or transposed (a quarter each) in the given names or the family name (half each)",
  NAME_FORMATTING: "the given names or the family name in capitals or lower case, with an accent, hyphen ↔ space, or the apostrophe dropped or curled",
  GIVEN_TYPO_WITH_DATE_SLIP: "two at once: a typo in the given names and the date of birth a day early or late; only when a date is present",
  FAMILY_CHANGED_WITH_MOVE: "two at once: the family name changed (as FAMILY_NAME_CHANGED) and a move (as POSTCODE_MOVED); only when a postcode is present",
  GIVEN_TYPO_WITH_MOVE: "two at once: a typo in the given names and a move; only when a postcode is present",
  FAMILY_TYPO_WITH_DATE_SLIP: "two at once: a typo in the family name and the date of birth a day early or late; only when a date is present",
  FAMILY_CHANGED_WITH_DATE_SLIP: "two at once: the family name changed and the date of birth a day early or late; only when a date is present",
  GIVEN_TYPO_WITH_FAMILY_CHANGED: "two at once: a typo in the given names and the family name changed",
  DATE_MISSING_WITH_MOVE: "two at once: the date of birth left blank and a move; only when both are present",
};

/** Share of incoming records about children not in the registry. */
export const UNREGISTERED_SHARE = 0.15;
/** How many records a child not in the registry appears in: weights for once, twice and three times. */
const UNREGISTERED_APPEARANCE_WEIGHTS = [0.7, 0.2, 0.1] as const;
/** Share of children not in the registry who are a registry child's sibling or twin, and of those the twins. */
const UNREGISTERED_RELATIVE_SHARE = 0.3;
const TWIN_SHARE_OF_RELATIVES = 1 / 3;

export interface IncomingRecord {
  /** The person the record is about: a registry child's entity id, or a new id beyond the registry's. */
  trueEntityId: number;
  facts: IdentityFacts;
  /** The noise applied, in the order applied; empty for a faithful record. */
  noise: readonly NoiseKind[];
  /** A child not in the registry who is a registry child's twin: that child's entity id. */
  twinOf?: number;
}

export interface IncomingOptions {
  /** Share of records about children not in the registry; `UNREGISTERED_SHARE` unless given. */
  unregisteredShare?: number;
  /** Rates replacing those of `NOISE_RATES`. */
  noiseRates?: Partial<NoiseRates>;
}

/** The noise model as a few lines of text, for a benchmark report. */
export function describeNoiseModel(rates: NoiseRates = NOISE_RATES): string {
  const width = Math.max(...NOISE_KINDS.map((kind) => kind.length));
  const lines = NOISE_KINDS.map((kind) => `${`${(rates[kind] * 100).toFixed(1)}%`.padStart(6)}  ${kind.padEnd(width)}  ${NOISE_DESCRIPTIONS[kind]}`);
  return ["Noise, applied in this order, each independently at its rate among the records it can apply to:", ...lines].join("\n");
}

/** The short forms and formal names the matcher equates (`nicknames.ts`), among the generator's given names. */
const NICKNAME_ALTERNATIVES = ((): ReadonlyMap<string, readonly string[]> => {
  const alternatives = new Map<string, string[]>();
  const add = (name: string, alternative: string) => {
    const known = alternatives.get(name);
    if (known === undefined) alternatives.set(name, [alternative]);
    else if (!known.includes(alternative)) known.push(alternative);
  };
  for (const name of GIVEN_NAMES) {
    const token = name.toLowerCase();
    const formal = formalGivenName(token);
    if (formal === token) continue;
    const formalName = `${formal.charAt(0).toUpperCase()}${formal.slice(1)}`;
    add(name, formalName);
    add(formalName, name);
  }
  return alternatives;
})();

/** The names the nickname noise may write instead of this first given name (none for most names). */
export function nicknameAlternatives(firstName: string): readonly string[] {
  return NICKNAME_ALTERNATIVES.get(firstName) ?? [];
}

/**
 * `count` records, in a seeded random order: `1 − unregisteredShare` of them about registry children
 * drawn with replacement (a child may appear more than once), the rest about children not in the
 * registry, with entity ids after the registry's largest. A child not in the registry appears in one
 * to three records; some are a registry child's sibling (one to four years apart) or twin (same date
 * of birth), sharing that child's family name and postcode.
 */
export function generateIncoming(registry: readonly RegistryChild[], count: number, seed: number, options: IncomingOptions = {}): IncomingRecord[] {
  const unregisteredShare = options.unregisteredShare ?? UNREGISTERED_SHARE;
  const rates: NoiseRates = { ...NOISE_RATES, ...options.noiseRates };
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`A record count must be a whole number, not ${count}`);
  if (!(unregisteredShare >= 0 && unregisteredShare <= 1)) throw new RangeError(`unregisteredShare must be from 0 to 1, not ${unregisteredShare}`);
  for (const kind of NOISE_KINDS) {
    if (!(rates[kind] >= 0 && rates[kind] <= 1)) throw new RangeError(`The ${kind} rate must be from 0 to 1, not ${rates[kind]}`);
  }
  const unregisteredCount = Math.round(count * unregisteredShare);
  if (registry.length === 0 && unregisteredCount < count) throw new RangeError("Records about registry children need a registry");

  const random = seededRandom(seed);
  const records: IncomingRecord[] = [];
  while (records.length < count - unregisteredCount) {
    const child = registry[random.integer(0, registry.length - 1)];
    records.push(noisyRecord(random, rates, child.entityId, child));
  }
  let nextEntityId = registry.reduce((largest, child) => Math.max(largest, child.entityId), 0) + 1;
  while (records.length < count) {
    const { child, twinOf } = unregisteredChild(random, registry);
    const appearances = Math.min(drawAppearances(random), count - records.length);
    for (let i = 0; i < appearances; i++) records.push({ ...noisyRecord(random, rates, nextEntityId, child), ...(twinOf === null ? {} : { twinOf }) });
    nextEntityId++;
  }
  return random.shuffled(records);
}

function drawAppearances(random: SeededRandom): number {
  let roll = random.next();
  for (let index = 0; index < UNREGISTERED_APPEARANCE_WEIGHTS.length; index++) {
    roll -= UNREGISTERED_APPEARANCE_WEIGHTS[index];
    if (roll < 0) return index + 1;
  }
  return UNREGISTERED_APPEARANCE_WEIGHTS.length;
}

function unregisteredChild(random: SeededRandom, registry: readonly RegistryChild[]): { child: ChildIdentity; twinOf: number | null } {
  const sex = drawSex(random);
  if (registry.length > 0 && random.chance(UNREGISTERED_RELATIVE_SHARE)) {
    const relative = registry[random.integer(0, registry.length - 1)];
    const twin = random.chance(TWIN_SHARE_OF_RELATIVES);
    // The hard case: a twin the hub does not know, named a spelling away from the twin it does (Eva beside Ava).
    const closeName = twin && random.chance(CLOSE_NAMED_TWIN_SHARE) ? closeNamedTwin(firstGivenName(relative.givenNames), relative.sex) : null;
    const child: ChildIdentity = {
      givenNames: closeName ?? drawGivenNames(random, sex, [relative.givenNames]),
      familyName: relative.familyName,
      dateOfBirth: twin ? relative.dateOfBirth : drawSiblingDateOfBirth(random, relative.dateOfBirth),
      sex: closeName === null ? sex : relative.sex,
      postcode: relative.postcode,
    };
    return { child, twinOf: twin ? relative.entityId : null };
  }
  return { child: { givenNames: drawGivenNames(random, sex), familyName: drawFamilyName(random), dateOfBirth: drawDateOfBirth(random), sex, postcode: drawPostcode(random) }, twinOf: null };
}

/** What the two-error kinds change. */
interface Slipped {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string | null;
}

/** One error of a two-error kind, and the fact it needs the record to have. */
interface Slip {
  needs?: "dateOfBirth" | "postcode";
  apply(random: SeededRandom, facts: Slipped): void;
}

const GIVEN_TYPO: Slip = { apply: (random, facts) => void (facts.givenNames = withTypo(random, facts.givenNames)) };
const FAMILY_TYPO: Slip = { apply: (random, facts) => void (facts.familyName = withTypo(random, facts.familyName)) };
const FAMILY_CHANGED: Slip = { apply: (random, facts) => void (facts.familyName = withFamilyNameChanged(random, facts.familyName)) };
const DATE_SLIP: Slip = { needs: "dateOfBirth", apply: (random, facts) => void (facts.dateOfBirth = withDaySlip(random, facts.dateOfBirth as string)) };
const DATE_MISSING: Slip = { needs: "dateOfBirth", apply: (_random, facts) => void (facts.dateOfBirth = null) };
const MOVE: Slip = { needs: "postcode", apply: (random, facts) => void (facts.postcode = movedPostcode(random, facts.postcode as string)) };

/** The two-error kinds in the order they strike, each as its two errors, applied in that order. */
const TWO_ERRORS: readonly (readonly [NoiseKind, Slip, Slip])[] = [
  ["GIVEN_TYPO_WITH_DATE_SLIP", GIVEN_TYPO, DATE_SLIP],
  ["FAMILY_CHANGED_WITH_MOVE", FAMILY_CHANGED, MOVE],
  ["GIVEN_TYPO_WITH_MOVE", GIVEN_TYPO, MOVE],
  ["FAMILY_TYPO_WITH_DATE_SLIP", FAMILY_TYPO, DATE_SLIP],
  ["FAMILY_CHANGED_WITH_DATE_SLIP", FAMILY_CHANGED, DATE_SLIP],
  ["GIVEN_TYPO_WITH_FAMILY_CHANGED", GIVEN_TYPO, FAMILY_CHANGED],
  ["DATE_MISSING_WITH_MOVE", DATE_MISSING, MOVE],
];

/** Draws whether `kind` strikes this record, noting it if it does. */
function strikes(random: SeededRandom, rates: NoiseRates, kind: NoiseKind, noise: NoiseKind[]): boolean {
  if (!random.chance(rates[kind])) return false;
  noise.push(kind);
  return true;
}

function noisyRecord(random: SeededRandom, rates: NoiseRates, trueEntityId: number, child: ChildIdentity): IncomingRecord {
  const noise: NoiseKind[] = [];
  let dateOfBirth: string | null = child.dateOfBirth;
  if (strikes(random, rates, "DATE_OF_BIRTH_MISSING", noise)) dateOfBirth = null;
  if (dateOfBirth !== null && canSwapDayAndMonth(dateOfBirth) && strikes(random, rates, "DATE_DAY_MONTH_SWAPPED", noise)) {
    dateOfBirth = `${dateOfBirth.slice(0, 4)}-${dateOfBirth.slice(8, 10)}-${dateOfBirth.slice(5, 7)}`;
  }
  if (dateOfBirth !== null && strikes(random, rates, "DATE_DIGIT_MISTYPED", noise)) dateOfBirth = withDigitMistyped(random, dateOfBirth);

  let postcode: string | null = child.postcode;
  if (strikes(random, rates, "POSTCODE_MISSING", noise)) postcode = null;
  if (postcode !== null && strikes(random, rates, "POSTCODE_MOVED", noise)) postcode = movedPostcode(random, postcode);

  const sex: string = strikes(random, rates, "SEX_NOT_KNOWN", noise) ? Sex.NOT_KNOWN : child.sex;

  let givenNames = child.givenNames;
  const nicknames = nicknameAlternatives(firstGivenName(givenNames));
  if (nicknames.length > 0 && strikes(random, rates, "NICKNAME", noise)) {
    givenNames = `${random.pick(nicknames)}${givenNames.slice(firstGivenName(givenNames).length)}`;
  }
  if (strikes(random, rates, "GIVEN_NAMES_REARRANGED", noise)) givenNames = withGivenNamesRearranged(random, givenNames, child.sex);

  let familyName = child.familyName;
  if (strikes(random, rates, "FAMILY_NAME_CHANGED", noise)) familyName = withFamilyNameChanged(random, familyName);

  if (strikes(random, rates, "NAME_TYPO", noise)) {
    if (random.chance(0.5)) givenNames = withTypo(random, givenNames);
    else familyName = withTypo(random, familyName);
  }
  if (strikes(random, rates, "NAME_FORMATTING", noise)) {
    if (random.chance(0.5)) givenNames = withFormatting(random, givenNames);
    else familyName = withFormatting(random, familyName);
  }

  // Two errors at once: each pair strikes as one kind, after the single kinds, when the record has what
  // both errors change.
  const facts: Slipped = { givenNames, familyName, dateOfBirth, postcode };
  for (const [kind, first, second] of TWO_ERRORS) {
    if (![first, second].every((slip) => slip.needs === undefined || facts[slip.needs] !== null) || !strikes(random, rates, kind, noise)) continue;
    first.apply(random, facts);
    second.apply(random, facts);
  }
  ({ givenNames, familyName, dateOfBirth, postcode } = facts);
  return { trueEntityId, facts: { givenNames, familyName, dateOfBirth, sex, postcode }, noise };
}

/** 07/03 and 03/07 can be confused only when both parts could be a month, and differ. */
function canSwapDayAndMonth(dateOfBirth: string): boolean {
  const day = dateOfBirth.slice(8, 10);
  return Number(day) <= 12 && day !== dateOfBirth.slice(5, 7);
}

/** Positions in YYYY-MM-DD a slip can hit: a registry clerk does not mistype the century. */
const MISTYPABLE_DATE_POSITIONS = [2, 3, 5, 6, 8, 9] as const;

function isCalendarDate(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function withDigitMistyped(random: SeededRandom, dateOfBirth: string): string {
  const candidates: string[] = [];
  for (const position of MISTYPABLE_DATE_POSITIONS) {
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) === dateOfBirth.charAt(position)) continue;
      const candidate = `${dateOfBirth.slice(0, position)}${digit}${dateOfBirth.slice(position + 1)}`;
      if (isCalendarDate(candidate) && candidate <= REFERENCE_DATE) candidates.push(candidate);
    }
  }
  return random.pick(candidates);
}

/** The day before or after, never after the reference date: a slip of one day, whatever digits it changes. */
function withDaySlip(random: SeededRandom, dateOfBirth: string): string {
  const later = addDays(dateOfBirth, 1);
  return later <= REFERENCE_DATE && random.chance(0.5) ? later : addDays(dateOfBirth, -1);
}

function movedPostcode(random: SeededRandom, postcode: string): string {
  const district = postcode.slice(0, postcode.indexOf(" "));
  const sameDistrict = random.chance(0.5);
  let moved = postcode;
  while (moved === postcode) moved = sameDistrict ? drawPostcodeInDistrict(random, district) : drawPostcode(random);
  return moved;
}

function withGivenNamesRearranged(random: SeededRandom, givenNames: string, sex: ChildIdentity["sex"]): string {
  const names = givenNames.split(" ");
  if (names.length === 1) return `${givenNames} ${drawMiddleName(random, sex, givenNames)}`;
  if (random.chance(0.5)) return [...names.slice(1), names[0]].join(" ");
  return names.slice(0, -1).join(" ");
}

function withFamilyNameChanged(random: SeededRandom, familyName: string): string {
  if (random.chance(0.5)) {
    const halves = familyName.split("-");
    if (halves.length > 1) return random.pick(halves);
    let other = drawSurname(random);
    while (other === familyName) other = drawSurname(random);
    return random.chance(0.5) ? `${familyName}-${other}` : `${other}-${familyName}`;
  }
  let replacement = drawFamilyName(random);
  while (replacement === familyName) replacement = drawFamilyName(random);
  return replacement;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function isLetter(name: string, position: number): boolean {
  const code = name.charCodeAt(position) | 0x20;
  return code >= 0x61 && code <= 0x7a;
}

/** `letter` in the case of the letter it stands in for, so a typo never shows up as a case change. */
function inCaseOf(letter: string, original: string): string {
  return original === original.toLowerCase() ? letter : letter.toUpperCase();
}

function randomLetterOtherThan(random: SeededRandom, letter: string): string {
  let replacement = letter;
  while (replacement === letter) replacement = LETTERS.charAt(random.integer(0, LETTERS.length - 1));
  return replacement;
}

/** One slip of the keyboard; a letter is deleted only from a word that keeps at least one. */
function withTypo(random: SeededRandom, name: string): string {
  const letters: number[] = [];
  const deletable: number[] = [];
  const transposable: number[] = [];
  for (let position = 0; position < name.length; position++) {
    if (!isLetter(name, position)) continue;
    letters.push(position);
    if (isLetter(name, position - 1) || isLetter(name, position + 1)) deletable.push(position);
    if (isLetter(name, position + 1) && name.charAt(position).toLowerCase() !== name.charAt(position + 1).toLowerCase()) transposable.push(position);
  }
  const operation = random.integer(0, 3);
  if (operation === 0) {
    const position = random.pick(letters);
    const original = name.charAt(position);
    const replacement = inCaseOf(randomLetterOtherThan(random, original.toLowerCase()), original);
    return `${name.slice(0, position)}${replacement}${name.slice(position + 1)}`;
  }
  if (operation === 2 && deletable.length > 0) {
    const position = random.pick(deletable);
    return `${name.slice(0, position)}${name.slice(position + 1)}`;
  }
  if (operation === 3 && transposable.length > 0) {
    const position = random.pick(transposable);
    const first = name.charAt(position);
    const second = name.charAt(position + 1);
    return `${name.slice(0, position)}${inCaseOf(second.toLowerCase(), first)}${inCaseOf(first.toLowerCase(), second)}${name.slice(position + 2)}`;
  }
  // Insertion, and the fallback when the name has nothing to delete or transpose.
  const position = random.pick(letters);
  return `${name.slice(0, position + 1)}${LETTERS.charAt(random.integer(0, LETTERS.length - 1))}${name.slice(position + 1)}`;
}

const ACCENTED: Readonly<Record<string, string>> = { a: "á", e: "é", i: "ï", o: "ö", u: "ü" };

/** A change the matcher's normalisation should see through: case, accents, hyphens, apostrophes. */
function withFormatting(random: SeededRandom, name: string): string {
  const variants: string[] = [name.toUpperCase(), name.toLowerCase()];
  const vowels: number[] = [];
  for (let position = 0; position < name.length; position++) if (ACCENTED[name.charAt(position)] !== undefined) vowels.push(position);
  if (vowels.length > 0) {
    const position = random.pick(vowels);
    variants.push(`${name.slice(0, position)}${ACCENTED[name.charAt(position)]}${name.slice(position + 1)}`);
  }
  if (name.includes("-")) variants.push(name.replaceAll("-", " "));
  else if (name.includes(" ")) variants.push(name.replace(" ", "-"));
  if (name.includes("'")) variants.push(name.replaceAll("'", ""), name.replaceAll("'", "’"));
  return random.pick(variants.filter((variant) => variant !== name));
}
