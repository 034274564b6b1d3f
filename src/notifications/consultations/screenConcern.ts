import { ErrorCode, HubError } from "../../errors/HubError";
import { postcodeInText } from "../../people/postcode";

/** What a consultation's concern may not carry: the identifiers the hub can recognise in free text. */
export const ConsultationProblem = {
  NHS_NUMBER_IN_CONCERN: "NHS_NUMBER_IN_CONCERN",
  DATE_IN_CONCERN: "DATE_IN_CONCERN",
  POSTCODE_IN_CONCERN: "POSTCODE_IN_CONCERN",
} as const;
export type ConsultationProblem = (typeof ConsultationProblem)[keyof typeof ConsultationProblem];

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
/** Ten digits, however grouped: an NHS number (or any other ten-digit identifier). */
const NHS_NUMBER = /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/;
/** A full date — day, month and year — in the ways people write one: 03/07/2015, 3.7.15, 2015-07-03, 3rd July 2015, July 3 2015. */
const FULL_DATE = [
  /(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)/,
  /(?<!\d)\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)/,
  new RegExp(`(?<!\\d)\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+\\d{2,4}(?!\\d)`, "i"),
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}(?!\\d)`, "i"),
];

/**
 * A consultation describes a concern without identifying the child (Working Together 2023 ch.2:
 * practitioners may discuss a concern with children's social care without naming the family). The
 * hub refuses the identifiers it can recognise: an NHS number (any ten digits), a full date (it cannot
 * tell a date of birth from another: an age, or "last Tuesday", says what advice needs) and a postcode.
 * It cannot recognise a name, a street or a school: the practitioner is told so, and the MASH reading
 * it is trusted to ask nothing more. The MASH's advice back is screened alike (`text` "advice", at
 * `advice`). Throws `INVALID_INPUT` with the problem; never echoes the text.
 */
export function screenConcern(concern: string, text: "concern" | "advice" = "concern"): void {
  const path = text === "concern" ? "consultation.concern" : "advice";
  const refuse = (problem: ConsultationProblem, what: string): never => {
    throw new HubError(ErrorCode.INVALID_INPUT, `A consultation must not identify the child: remove the ${what} from the ${text} (give an age rather than a date of birth, an area rather than an address).`, { path, problem });
  };
  if (NHS_NUMBER.test(concern)) refuse(ConsultationProblem.NHS_NUMBER_IN_CONCERN, "NHS number (or other ten-digit number)");
  if (FULL_DATE.some((pattern) => pattern.test(concern))) refuse(ConsultationProblem.DATE_IN_CONCERN, "full date");
  if (postcodeInText(concern).postcode !== null) refuse(ConsultationProblem.POSTCODE_IN_CONCERN, "postcode");
}
