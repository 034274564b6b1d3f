import { isLocalAuthorityCode } from "../../auth/localAuthorityCode";
import { ErrorCode, HubError } from "../../errors/HubError";
import { parseSui } from "../../identity/nhsNumber";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { isLocalDate, londonDateOf } from "../../timescales/londonTime";
import { isUnder18 } from "../routing/routeNotification";
import { DATE_RANGES, monthsFrom, offenderBirthWindow, within, yearsBefore } from "./dateRanges";

/**
 * The problems a routed notification (other than a PPRC notification, which has its own list) can
 * have that the hub names (`details.problem`, beside `path`): stable codes agency systems branch on.
 * A code once published keeps its meaning.
 */
export const NotificationProblem = {
  REFERENCE_REQUIRED: "REFERENCE_REQUIRED",
  INVALID_DATE: "INVALID_DATE",
  /** A date the event cannot yet have happened on. */
  DATE_IN_FUTURE: "DATE_IN_FUTURE",
  /** A date written correctly that cannot be true: an event in 1901, a child born after today (`dateRanges.ts`). */
  DATE_OUT_OF_RANGE: "DATE_OUT_OF_RANGE",
  INVALID_LOCAL_AUTHORITY: "INVALID_LOCAL_AUTHORITY",
  /** A child is identified by a date of birth or, unborn, an expected date of birth: exactly one. */
  BIRTH_DATE_REQUIRED: "BIRTH_DATE_REQUIRED",
  /** The child is 18 or over on the day of the event: not a child this duty is about. */
  NOT_A_CHILD: "NOT_A_CHILD",
  /** A field that belongs to another event, or another kind of notification. */
  NOT_FOR_THIS_EVENT: "NOT_FOR_THIS_EVENT",
  /** A blank where the duty needs words. */
  TEXT_REQUIRED: "TEXT_REQUIRED",
  /** The notifying agency is not the kind of service the duty is about (a GP practice for CP-IS). */
  NOT_THIS_SERVICE: "NOT_THIS_SERVICE",
  /** The address the child moved to is in an authority the notifying agency serves itself: not a move between authorities. */
  SAME_AUTHORITY: "SAME_AUTHORITY",
  /** An address whose local authority (ONS code) the duty routes by is not given. */
  AREA_REQUIRED: "AREA_REQUIRED",
  /** An officer named a child the agency's records do not hold (`assertChildrenHeld`). */
  CHILD_NOT_HELD_BY_AGENCY: "CHILD_NOT_HELD_BY_AGENCY",
  /**
   * An officer named a child the agency's records hold, but the agency's involvement with the child has
   * lapsed (policies/relationships.yaml: probation's a month after supervision ends).
   */
  CHILD_INVOLVEMENT_LAPSED: "CHILD_INVOLVEMENT_LAPSED",
  /** The duty is about an identified child, and none was named. */
  CHILD_REQUIRED: "CHILD_REQUIRED",
  /** A number outside its scale (a MAPPA category 1–4, level 1–3). */
  OUT_OF_RANGE: "OUT_OF_RANGE",
} as const;
export type NotificationProblem = (typeof NotificationProblem)[keyof typeof NotificationProblem];

export function invalid(path: string, problem: NotificationProblem, message: string): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, message, { path, problem });
}

/** The agency's own reference for the event: a resubmission under it is the same notification. */
export function checkReference(reference: string, path: string): void {
  if (reference.trim() === "") throw invalid(path, NotificationProblem.REFERENCE_REQUIRED, "Give your agency's own reference for this event, so a resubmission is recognised as the same notification.");
}

/** A day (YYYY-MM-DD) on or before today in England, and within a child's lifetime of it (`DATE_RANGES`). */
export function checkPastDate(value: string, path: string, now: Date): void {
  if (!isLocalDate(value)) throw invalid(path, NotificationProblem.INVALID_DATE, "Give a date as YYYY-MM-DD.");
  const today = londonDateOf(now);
  if (value > today) throw invalid(path, NotificationProblem.DATE_IN_FUTURE, "The event cannot be dated after today.");
  if (value < monthsFrom(today, -DATE_RANGES.eventMonthsBack)) throw invalid(path, NotificationProblem.DATE_OUT_OF_RANGE, "The event is dated more than 18 years ago: check the date.");
}

export function checkArea(value: string | null | undefined, path: string): void {
  if (value && !isLocalAuthorityCode(value)) throw invalid(path, NotificationProblem.INVALID_LOCAL_AUTHORITY, "Give an ONS local authority code such as E06000060.");
}

/** Words the duty needs, not blank. */
export function checkText(value: string, path: string, what: string): void {
  if (value.trim() === "") throw invalid(path, NotificationProblem.TEXT_REQUIRED, `Give ${what}.`);
}

/**
 * An offender's (or prisoner's) date of birth: a day written YYYY-MM-DD, at least the age of criminal
 * responsibility and at most a lifetime before today (`DATE_RANGES`). Not an event's date: an adult's
 * birth lies far more than 18 years back.
 */
export function checkOffenderBirthDate(value: string, path: string, now: Date): void {
  if (!isLocalDate(value)) throw invalid(path, NotificationProblem.INVALID_DATE, "Give a date as YYYY-MM-DD.");
  const today = londonDateOf(now);
  const { from, to } = offenderBirthWindow(today);
  if (!within(value, from, to)) {
    throw invalid(path, NotificationProblem.DATE_OUT_OF_RANGE, "An offender is at least 10 (the age of criminal responsibility) and at most 110: check the date of birth.");
  }
}

/**
 * A child as a notification identifies them: a valid SUI where given (INVALID_SUI), a date of birth or
 * (unborn) an expected date of birth but not both, dates written YYYY-MM-DD and possible (born on or
 * before today, expected within ten months: `DATE_RANGES`), and an ONS code for the address's authority. The record path checks the rest as for any record.
 */
export function checkChild(child: ChildIdentitySubmission, path: string, now: Date): void {
  if (child.sui) parseSui(child.sui, `${path}.sui`);
  const born = child.dateOfBirth ?? null;
  const expected = child.expectedDateOfBirth ?? null;
  if ((born === null) === (expected === null)) throw invalid(`${path}.dateOfBirth`, NotificationProblem.BIRTH_DATE_REQUIRED, "Give the child's date of birth or, for an unborn child, the expected date of birth.");
  for (const [field, value] of [["dateOfBirth", born], ["expectedDateOfBirth", expected]] as const) {
    if (value !== null && !isLocalDate(value)) throw invalid(`${path}.${field}`, NotificationProblem.INVALID_DATE, "Give a date as YYYY-MM-DD.");
  }
  const today = londonDateOf(now);
  if (born !== null && !within(born, yearsBefore(today, DATE_RANGES.personMaximumAgeYears), today)) {
    throw invalid(`${path}.dateOfBirth`, NotificationProblem.DATE_OUT_OF_RANGE, "A child's date of birth is on or before today: for an unborn child give the expected date of birth.");
  }
  if (expected !== null && !within(expected, monthsFrom(today, -DATE_RANGES.expectedBirthMonthsBack), monthsFrom(today, DATE_RANGES.expectedBirthMonthsAhead))) {
    throw invalid(`${path}.expectedDateOfBirth`, NotificationProblem.DATE_OUT_OF_RANGE, "An expected date of birth lies within ten months from today (or a few weeks past, the birth not yet recorded).");
  }
  checkArea(child.address?.localAuthority, `${path}.address.localAuthority`);
}

/**
 * A child the duty is about was a child on the day of the event: identified (`checkChild`), born by
 * then (a date of birth, not an expected one: BIRTH_DATE_REQUIRED; not after the day: INVALID_DATE) and
 * under 18 on it (NOT_A_CHILD). Where the duty reaches an unborn child too (a pre-birth referral),
 * `unbornAllowed` lets an expected date of birth stand.
 */
export function checkChildOnDay(child: ChildIdentitySubmission, path: string, on: string, what: string, now: Date, { unbornAllowed = false } = {}): void {
  // A duty about a child already born asks for the date of birth before judging an expected one.
  if (!child.dateOfBirth && !unbornAllowed) {
    throw invalid(`${path}.dateOfBirth`, NotificationProblem.BIRTH_DATE_REQUIRED, `Give the child's date of birth: ${what} is about a child already born.`);
  }
  checkChild(child, path, now);
  const born = child.dateOfBirth;
  if (!born) return;
  if (born > on) throw invalid(`${path}.dateOfBirth`, NotificationProblem.INVALID_DATE, "The child was not yet born on the day of the event.");
  if (!isUnder18(born, on)) throw invalid(`${path}.dateOfBirth`, NotificationProblem.NOT_A_CHILD, `The child was 18 or over on the day: ${what} is about a child under 18.`);
}
