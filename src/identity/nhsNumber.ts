import { ErrorCode, HubError } from "../errors/HubError";

/**
 * The Single Unique Identifier is the NHS number (Children Act 2004 s.16LB): ten digits, the tenth a
 * modulus-11 check digit over the first nine with weights 10..2. A remainder giving 11 means a check
 * digit of 0; one giving 10 means no valid number has those nine digits.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError("nhsCheckDigit needs exactly nine digits");
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export type NhsNumberProblem = "EMPTY" | "NOT_DIGITS" | "WRONG_LENGTH" | "NO_VALID_CHECK_DIGIT" | "CHECK_DIGIT_MISMATCH" | "REPEATED_DIGIT";

const PROBLEM_TEXT: Record<NhsNumberProblem, string> = {
  EMPTY: "is empty",
  NOT_DIGITS: "may contain only digits (spaces between the 3-3-4 groups are allowed)",
  WRONG_LENGTH: "must be exactly 10 digits",
  NO_VALID_CHECK_DIGIT: "cannot be an NHS number: its first nine digits have no valid check digit",
  CHECK_DIGIT_MISMATCH: "fails the NHS number modulus-11 check: the last digit does not match",
  REPEATED_DIGIT: "is one digit repeated, which the NHS never issues",
};

/** What is wrong with a number, in words (the number itself is personal data: never echoed). */
export function describeNhsNumberProblem(problem: NhsNumberProblem): string {
  return PROBLEM_TEXT[problem];
}

/** Removes the spaces a person types between the 3-3-4 groups; nothing else is tolerated. */
function stripGroupSpaces(raw: string): string {
  const trimmed = raw.trim();
  return /^\d{3} \d{3} \d{4}$/.test(trimmed) ? trimmed.replaceAll(" ", "") : trimmed;
}

export function nhsNumberProblem(raw: string): NhsNumberProblem | null {
  const value = stripGroupSpaces(raw);
  if (value === "") return "EMPTY";
  if (!/^\d+$/.test(value)) return "NOT_DIGITS";
  if (value.length !== 10) return "WRONG_LENGTH";
  if (/^(\d)\1{9}$/.test(value)) return "REPEATED_DIGIT";
  const expected = nhsCheckDigit(value.slice(0, 9));
  if (expected === null) return "NO_VALID_CHECK_DIGIT";
  if (expected !== Number(value[9])) return "CHECK_DIGIT_MISMATCH";
  return null;
}

export function isValidNhsNumber(raw: string): boolean {
  return nhsNumberProblem(raw) === null;
}

/**
 * The canonical ten-digit SUI, or INVALID_SUI naming what is wrong. The number itself is not echoed in
 * the message: it is personal data.
 */
export function parseSui(raw: string, path = "sui"): string {
  const problem = nhsNumberProblem(raw);
  if (problem !== null) {
    throw new HubError(ErrorCode.INVALID_SUI, `The SUI (NHS number) ${PROBLEM_TEXT[problem]}.`, { path, problem });
  }
  return stripGroupSpaces(raw);
}

/**
 * Valid NHS numbers in the 999 range the NHS reserves for testing, so synthetic data can never be
 * mistaken for a real child. Deterministic and without repeats from a given start; nine-digit stems
 * with no valid check digit are skipped.
 */
export function* syntheticNhsNumbers(start = 0): Generator<string> {
  for (let n = start; n < 1_000_000; n++) {
    const firstNine = `999${String(n).padStart(6, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null && nhsNumberProblem(`${firstNine}${check}`) === null) yield `${firstNine}${check}`;
  }
}
