import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { isLocalDate, londonDateOf } from "../timescales/londonTime";
import { isUnder18 } from "./routing/routeNotification";
import { DATE_RANGES, monthsFrom, offenderBirthWindow, within, yearsBefore } from "./submission/dateRanges";
import { PprcEvent } from "./PprcEvent";
import { type PprcNotificationSubmission } from "./PprcNotificationSubmission";

const LOCAL_AUTHORITY = /^[EWSN]\d{8}$/;
const PRISON_NUMBER = /^[A-Za-z]\d{4}[A-Za-z]{2}$/;
export const MAX_CHILDREN_AT_RISK = 20;

/**
 * The problems a PPRC notification can have that the hub names (`details.problem`, beside `path`):
 * stable codes agency systems branch on.
 */
export const PprcNotificationProblem = {
  REFERENCE_REQUIRED: "REFERENCE_REQUIRED",
  INVALID_DATE: "INVALID_DATE",
  /** A date written correctly that cannot be true: a prisoner born two years ago, an event in 2999 (`submission/dateRanges.ts`). */
  DATE_OUT_OF_RANGE: "DATE_OUT_OF_RANGE",
  /** A child at risk who is 18 or over on the day of the event. */
  NOT_A_CHILD: "NOT_A_CHILD",
  INVALID_LOCAL_AUTHORITY: "INVALID_LOCAL_AUTHORITY",
  INVALID_PRISON_NUMBER: "INVALID_PRISON_NUMBER",
  RELEASE_DETAILS_REQUIRED: "RELEASE_DETAILS_REQUIRED",
  RELEASE_AREA_REQUIRED: "RELEASE_AREA_REQUIRED",
  REQUESTED_NAME_REQUIRED: "REQUESTED_NAME_REQUIRED",
  DESTINATION_REQUIRED: "DESTINATION_REQUIRED",
  RETURN_DATE_REQUIRED: "RETURN_DATE_REQUIRED",
  NOT_FOR_THIS_EVENT: "NOT_FOR_THIS_EVENT",
  STATUS_NOT_FOR_THIS_EVENT: "STATUS_NOT_FOR_THIS_EVENT",
  INVALID_MAPPA: "INVALID_MAPPA",
  TOO_MANY_CHILDREN: "TOO_MANY_CHILDREN",
  DUPLICATE_CHILD_REFERENCE: "DUPLICATE_CHILD_REFERENCE",
  CHILD_AT_RISK_REQUIRED: "CHILD_AT_RISK_REQUIRED",
  CHILD_NOT_HELD_BY_PRISON: "CHILD_NOT_HELD_BY_PRISON",
} as const;
export type PprcNotificationProblem = (typeof PprcNotificationProblem)[keyof typeof PprcNotificationProblem];

function invalid(path: string, problem: PprcNotificationProblem, message: string): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, message, { path, problem });
}

/**
 * Everything about a PPRC notification that can be refused before the hub touches what it holds: each
 * event carries what its duty needs (a release its date and the area of its address — the police
 * force is found by it; a request to change name the name asked for; a transfer its destination; a
 * temporary release its return), and nothing another event's duty would send on. Messages name the
 * field, never its value.
 */
export function validatePprcNotification(notification: PprcNotificationSubmission, now: Date): void {
  const path = "notification";
  if (notification.reference.trim() === "") throw invalid(`${path}.reference`, PprcNotificationProblem.REFERENCE_REQUIRED, "Give the prison's own reference for this event, so a resubmission is recognised as the same notification.");
  const today = londonDateOf(now);
  const day = notification.eventDate;
  date(day, `${path}.eventDate`);
  inRange(day, monthsFrom(today, -DATE_RANGES.eventMonthsBack), monthsFrom(today, DATE_RANGES.eventMonthsAhead), `${path}.eventDate`, "The event lies more than 18 years before or a year after today: check the date.");
  if (!PRISON_NUMBER.test(notification.prisoner.prisonNumber)) throw invalid(`${path}.prisoner.prisonNumber`, PprcNotificationProblem.INVALID_PRISON_NUMBER, "The prison number must look like A1234BC.");
  date(notification.prisoner.dateOfBirth, `${path}.prisoner.dateOfBirth`);
  // Routing turns on the prisoner's age on the day (probation, or the YOT under 18): it must be an age a prisoner can be.
  const born = offenderBirthWindow(day);
  inRange(notification.prisoner.dateOfBirth, born.from, born.to, `${path}.prisoner.dateOfBirth`,
    "A prisoner is at least 10 on the day of the event: check the date of birth.");
  area(notification.prisoner.homeLocalAuthority, `${path}.prisoner.homeLocalAuthority`);

  const { event } = notification;
  only(event === PprcEvent.RELEASE, notification.release, `${path}.release`, PprcNotificationProblem.RELEASE_DETAILS_REQUIRED, "A release gives its date and the address the prisoner is released to.");
  if (notification.release) {
    date(notification.release.date, `${path}.release.date`);
    inRange(notification.release.date, monthsFrom(day, -DATE_RANGES.releaseMonthsFromEvent), monthsFrom(day, DATE_RANGES.releaseMonthsFromEvent), `${path}.release.date`, "A release lies within a year of the event that tells of it.");
    const releaseArea = notification.release.address.localAuthority;
    if (!releaseArea) throw invalid(`${path}.release.address.localAuthority`, PprcNotificationProblem.RELEASE_AREA_REQUIRED, "Give the local authority (ONS code) of the release address: the police force covering it is told.");
    area(releaseArea, `${path}.release.address.localAuthority`);
  }
  only(event === PprcEvent.NAME_CHANGE_REQUEST, notification.requestedName, `${path}.requestedName`, PprcNotificationProblem.REQUESTED_NAME_REQUIRED, "A request to change name gives the name asked for.");
  if (notification.requestedName) {
    // A blank name would become an empty alias of the prisoner, and CSC would be consulted on nothing.
    for (const part of ["givenNames", "familyName"] as const) {
      if (notification.requestedName[part].trim() === "") throw invalid(`${path}.requestedName.${part}`, PprcNotificationProblem.REQUESTED_NAME_REQUIRED, "A request to change name gives the name asked for: both given names and family name.");
    }
  }
  only(event === PprcEvent.TRANSFER, notification.destinationEstablishment, `${path}.destinationEstablishment`, PprcNotificationProblem.DESTINATION_REQUIRED, "A transfer gives the establishment the prisoner goes to.");
  only(event === PprcEvent.TEMPORARY_RELEASE, notification.returnDate, `${path}.returnDate`, PprcNotificationProblem.RETURN_DATE_REQUIRED, "A release on temporary licence gives the day the prisoner is due back.");
  if (notification.returnDate) {
    date(notification.returnDate, `${path}.returnDate`);
    inRange(notification.returnDate, day, monthsFrom(day, DATE_RANGES.releaseMonthsFromEvent), `${path}.returnDate`, "A return from temporary release lies on or after the release, within a year.");
  }
  if (notification.pprcAssessedOn) {
    date(notification.pprcAssessedOn, `${path}.pprcAssessedOn`);
    inRange(notification.pprcAssessedOn, monthsFrom(today, -DATE_RANGES.eventMonthsBack), today, `${path}.pprcAssessedOn`, "An assessment is dated on or before today, within 18 years.");
  }
  if (notification.pprcStatus === "NO_LONGER_PPRC" && event !== PprcEvent.STATUS_CHANGE) {
    throw invalid(`${path}.pprcStatus`, PprcNotificationProblem.STATUS_NOT_FOR_THIS_EVENT, "NO_LONGER_PPRC is told as a STATUS_CHANGE.");
  }
  const { mappa } = notification;
  if (mappa && (!Number.isInteger(mappa.category) || mappa.category < 1 || mappa.category > 4 || !Number.isInteger(mappa.level) || mappa.level < 1 || mappa.level > 3)) {
    throw invalid(`${path}.mappa`, PprcNotificationProblem.INVALID_MAPPA, "MAPPA categories are 1 to 4 and levels 1 to 3.");
  }

  const children = notification.childrenAtRisk ?? [];
  if (children.length > MAX_CHILDREN_AT_RISK) throw invalid(`${path}.childrenAtRisk`, PprcNotificationProblem.TOO_MANY_CHILDREN, `At most ${MAX_CHILDREN_AT_RISK} children at risk in one notification.`);
  const references = new Set<string>();
  children.forEach((child, index) => {
    const at = `${path}.childrenAtRisk[${index}]`;
    if (child.reference.trim() === "") throw invalid(`${at}.reference`, PprcNotificationProblem.REFERENCE_REQUIRED, "Give the prison's own reference for its record of this child.");
    if (references.has(child.reference)) throw invalid(`${at}.reference`, PprcNotificationProblem.DUPLICATE_CHILD_REFERENCE, "Each child at risk has its own reference.");
    references.add(child.reference);
    if (child.sui) parseSui(child.sui, `${at}.sui`);
    if (child.dateOfBirth) {
      date(child.dateOfBirth, `${at}.dateOfBirth`);
      inRange(child.dateOfBirth, yearsBefore(day, DATE_RANGES.personMaximumAgeYears), day, `${at}.dateOfBirth`, "A child at risk is born on or before the day of the event.");
      if (!isUnder18(child.dateOfBirth, day)) throw invalid(`${at}.dateOfBirth`, PprcNotificationProblem.NOT_A_CHILD, "A child at risk is under 18 on the day of the event.");
    }
    area(child.address?.localAuthority, `${at}.address.localAuthority`);
  });
}

function only(needed: boolean, value: unknown, path: string, problem: PprcNotificationProblem, message: string): void {
  const given = value !== null && value !== undefined && value !== "";
  if (needed && !given) throw invalid(path, problem, message);
  if (!needed && given) throw invalid(path, PprcNotificationProblem.NOT_FOR_THIS_EVENT, "This field belongs to another event: leave it out.");
}

function date(value: string, path: string): void {
  if (!isLocalDate(value)) throw invalid(path, PprcNotificationProblem.INVALID_DATE, "Give a date as YYYY-MM-DD.");
}

function inRange(value: string, from: string, to: string, path: string, message: string): void {
  if (!within(value, from, to)) throw invalid(path, PprcNotificationProblem.DATE_OUT_OF_RANGE, message);
}

function area(value: string | null | undefined, path: string): void {
  if (value && !LOCAL_AUTHORITY.test(value)) throw invalid(path, PprcNotificationProblem.INVALID_LOCAL_AUTHORITY, "Give an ONS local authority code such as E06000060.");
}
