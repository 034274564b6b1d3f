import { isLocalAuthorityCode } from "../../auth/localAuthorityCode";
import { ErrorCode, HubError } from "../../errors/HubError";
import { parseSui } from "../../identity/nhsNumber";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { isLocalDate, londonDateOf } from "../../timescales/londonTime";
import { isUnder18 } from "../routing/routeNotification";

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

/** A day (YYYY-MM-DD) on or before today in England. */
export function checkPastDate(value: string, path: string, now: Date): void {
  if (!isLocalDate(value)) throw invalid(path, NotificationProblem.INVALID_DATE, "Give a date as YYYY-MM-DD.");
  if (value > londonDateOf(now)) throw invalid(path, NotificationProblem.DATE_IN_FUTURE, "The event cannot be dated after today.");
}

export function checkArea(value: string | null | undefined, path: string): void {
  if (value && !isLocalAuthorityCode(value)) throw invalid(path, NotificationProblem.INVALID_LOCAL_AUTHORITY, "Give an ONS local authority code such as E06000060.");
}

/** Words the duty needs, not blank. */
export function checkText(value: string, path: string, what: string): void {
  if (value.trim() === "") throw invalid(path, NotificationProblem.TEXT_REQUIRED, `Give ${what}.`);
}

/**
 * A child as a notification identifies them: a valid SUI where given (INVALID_SUI), a date of birth or
 * (unborn) an expected date of birth but not both, dates written YYYY-MM-DD, and an ONS code for the
 * address's authority. The record path checks the rest as for any record.
 */
export function checkChild(child: ChildIdentitySubmission, path: string): void {
  if (child.sui) parseSui(child.sui, `${path}.sui`);
  const born = child.dateOfBirth ?? null;
  const expected = child.expectedDateOfBirth ?? null;
  if ((born === null) === (expected === null)) throw invalid(`${path}.dateOfBirth`, NotificationProblem.BIRTH_DATE_REQUIRED, "Give the child's date of birth or, for an unborn child, the expected date of birth.");
  for (const [field, value] of [["dateOfBirth", born], ["expectedDateOfBirth", expected]] as const) {
    if (value !== null && !isLocalDate(value)) throw invalid(`${path}.${field}`, NotificationProblem.INVALID_DATE, "Give a date as YYYY-MM-DD.");
  }
  checkArea(child.address?.localAuthority, `${path}.address.localAuthority`);
}

/**
 * A child the duty is about was a child on the day of the event: identified (`checkChild`), born by
 * then (a date of birth, not an expected one: BIRTH_DATE_REQUIRED; not after the day: INVALID_DATE) and
 * under 18 on it (NOT_A_CHILD). Where the duty reaches an unborn child too (a pre-birth referral),
 * `unbornAllowed` lets an expected date of birth stand.
 */
export function checkChildOnDay(child: ChildIdentitySubmission, path: string, on: string, what: string, { unbornAllowed = false } = {}): void {
  checkChild(child, path);
  const born = child.dateOfBirth;
  if (!born) {
    if (unbornAllowed) return;
    throw invalid(`${path}.dateOfBirth`, NotificationProblem.BIRTH_DATE_REQUIRED, `Give the child's date of birth: ${what} is about a child already born.`);
  }
  if (born > on) throw invalid(`${path}.dateOfBirth`, NotificationProblem.INVALID_DATE, "The child was not yet born on the day of the event.");
  if (!isUnder18(born, on)) throw invalid(`${path}.dateOfBirth`, NotificationProblem.NOT_A_CHILD, `The child was 18 or over on the day: ${what} is about a child under 18.`);
}
