import { ErrorCode, HubError } from "../../errors/HubError";
import { postcodeInText } from "../../people/postcode";

/** What a consultation's concern may not carry: the identifiers the hub can recognise in free text. */
export const ConsultationProblem = {
  NHS_NUMBER_IN_CONCERN: "NHS_NUMBER_IN_CONCERN",
  DATE_IN_CONCERN: "DATE_IN_CONCERN",
  POSTCODE_IN_CONCERN: "POSTCODE_IN_CONCERN",
} as const;
export type ConsultationProblem = (typeof ConsultationProblem)[keyof typeof ConsultationProblem];

/**
 * The text as the screen reads it, so an identifier is caught however it was typed or pasted: NFKC
 * (full-width and other compatibility digits and letters become plain ones), invisible format
 * characters (zero-width spaces, soft hyphens, direction marks) and marks stacked on a digit dropped,
 * every space, line break or control character one space, every dash a hyphen, every fraction or
 * division slash a slash, and lower case.
 */
function asScreened(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\p{Cf}+/gu, "")
    .replace(/(\d)\p{M}+/gu, "$1")
    .replace(/[\s\p{Z}\p{Cc}]+/gu, " ")
    .replace(/[\p{Pd}\u2212]/gu, "-")
    .replace(/[\u2044\u2215]/gu, "/")
    .toLowerCase();
}

const DAY = "(?:0?[1-9]|[12]\\d|3[01])(?!\\d)";
const MONTH = "(?:0?[1-9]|1[0-2])(?!\\d)";
const YEAR = "(?:\\d{4}|\\d{2})(?!\\d)";
const ORDINAL = "(?:st|nd|rd|th)?";
const MONTH_NAME = "(?<!\\p{L})(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\\p{L})\\.?";
/** Between a month's name and the numbers around it: nothing, a space, or a mark with or without spaces. */
const BY_NAME = "(?: ?[/.,-] ?| )?";
/** Day, month and year as numbers, the same separator twice: 03/07/2015, 3.7.15, 03 07 2015, 3 - 7 - 2015. */
const numericDate = (first: string, second: string, third: string): RegExp => new RegExp(`(?<!\\d)${first}( ?[/.-] ?| )${second}\\1${third}`, "u");

/** A full date — day, month and year — in the ways people write one. Each part is checked (a 13th month or a 32nd day is no date). */
const FULL_DATE = [
  numericDate(DAY, MONTH, YEAR),
  numericDate(MONTH, DAY, YEAR),
  numericDate("\\d{4}", MONTH, DAY),
  /(?<!\d)(?:(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d)(?!\d)/u,
  new RegExp(`(?<!\\d)${DAY}${ORDINAL}(?: of)?${BY_NAME}${MONTH_NAME}${BY_NAME}${YEAR}`, "u"),
  new RegExp(`${MONTH_NAME}${BY_NAME}${DAY}${ORDINAL}${BY_NAME}\\d{4}(?!\\d)`, "u"),
  new RegExp(`(?<!\\d)\\d{4}${BY_NAME}${MONTH_NAME}${BY_NAME}${DAY}`, "u"),
];

/**
 * What is written with digits and punctuation but is no identifier: a time (09:15, 10.30am) and a
 * school or financial year (2014/15, 2015-2016). Read as words, so a list of them is not mistaken
 * for a ten-digit number.
 */
const NOT_AN_IDENTIFIER = [
  /(?<![\d.:])(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?(?: ?[ap]\.?m\.?)?(?!\d|[.:]\d)/gu,
  /(?<![\d.:/-])(?:19|20)\d\d ?[/-] ?(?:(?:19|20)\d\d|\d\d)(?!\d|[./:-]\d)/gu,
];
/** Digits in groups with only spaces or punctuation between them: a word ends the run, and so does the end of a sentence or clause. */
const DIGIT_RUN = /\d+(?:(?:(?![.!?;] )[ \p{P}]){1,3}\d+)*/gu;

/** Ten digits in consecutive groups of a run, however grouped and separated: an NHS number, or another number that identifies someone. */
function hasTenDigits(text: string): boolean {
  const words = NOT_AN_IDENTIFIER.reduce((rest, pattern) => rest.replace(pattern, " t "), text);
  return Array.from(words.matchAll(DIGIT_RUN), ([run]) => run.match(/\d+/g)!.map((group) => group.length)).some((groups) =>
    groups.some((_, first) => {
      let digits = 0;
      for (let group = first; group < groups.length && digits < 10; group += 1) digits += groups[group];
      return digits === 10;
    }));
}

/**
 * A consultation describes a concern without identifying the child (Working Together 2023 ch.2:
 * practitioners may discuss a concern with children's social care without naming the family). The
 * hub refuses the identifiers it can recognise: an NHS number (any ten digits), a full date (it cannot
 * tell a date of birth from another: an age, or "last Tuesday", says what advice needs) and a postcode.
 * It reads them in the text as a person would see it (`asScreened`): a non-breaking space, a
 * full-width digit or a zero-width character changes nothing. It cannot recognise a name, a street or
 * a school: the practitioner is told so, and the MASH reading it is trusted to ask nothing more. The
 * MASH's advice back is screened alike (`text` "advice", at `advice`). Throws `INVALID_INPUT` with the
 * problem; never echoes the text.
 */
export function screenConcern(concern: string, text: "concern" | "advice" = "concern"): void {
  const path = text === "concern" ? "consultation.concern" : "advice";
  const refuse = (problem: ConsultationProblem, what: string): never => {
    throw new HubError(ErrorCode.INVALID_INPUT, `A consultation must not identify the child: remove the ${what} from the ${text} (give an age rather than a date of birth, an area rather than an address).`, { path, problem });
  };
  const screened = asScreened(concern);
  if (FULL_DATE.some((pattern) => pattern.test(screened))) refuse(ConsultationProblem.DATE_IN_CONCERN, "full date");
  if (hasTenDigits(screened)) refuse(ConsultationProblem.NHS_NUMBER_IN_CONCERN, "NHS number (or other ten-digit number)");
  if (postcodeInText(screened).postcode !== null) refuse(ConsultationProblem.POSTCODE_IN_CONCERN, "postcode");
}
