import { ErrorCode, HubError } from "../errors/HubError";
import { isLocalAuthorityCode } from "../auth/localAuthorityCode";
import { normalisePostcode } from "../people/postcode";
import { describeNhsNumberProblem, nhsNumberProblem } from "../identity/nhsNumber";
import { isRecordField } from "./recordFields";
import { DETAIL_KEYS, DETAIL_KEY_OF_TYPE, type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { RecordType } from "./RecordType";
import { SocialCareStatus } from "./details/SocialCareRecord";
import { RollStatus } from "./details/EducationRecord";
import { PprcStatus } from "./details/PrisonRecord";

/** How far ahead of the hub's clock an agency system's clock may run before its timestamps are refused. */
const CLOCK_SKEW_MS = 5 * 60_000;


function invalid(path: string, message: string): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, message, { path });
}

/**
 * The domain rules a submission must meet beyond its GraphQL shape. Throws INVALID_INPUT or
 * RECORD_TYPE_MISMATCH with the path of the first offending field. `today` is the day in England.
 *
 * What the hub decides from dates is checked most closely: how long an agency stays involved with the
 * child (policies/relationships.yaml) and how long a referral stays open run from them, so an event
 * may not be dated in the future, and a record that says its involvement ended says when.
 */
export function validateSubmission(submission: AgencyRecordSubmission, recordType: RecordType, today: string, now: Date): void {
  const expectedKey = DETAIL_KEY_OF_TYPE[recordType];
  const present = DETAIL_KEYS.filter((key) => submission[key] !== undefined && submission[key] !== null);
  if (present.length !== 1 || present[0] !== expectedKey) {
    throw new HubError(
      ErrorCode.RECORD_TYPE_MISMATCH,
      `This agency submits ${recordType} records: send exactly one details block, \`${expectedKey}\` (got ${present.length === 0 ? "none" : present.join(", ")}).`,
      { path: "record", expected: expectedKey },
    );
  }
  if (submission.agencyReference.trim() === "") throw invalid("record.agencyReference", "agencyReference must not be blank.");
  if (submission.recordedAt && submission.recordedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid("record.recordedAt", "recordedAt must not be in the future.");
  }

  validateChild(submission, today);
  validateFieldLabels(submission, recordType);
  validateAdults(submission, recordType, today);
  validateDetails(submission, today);
}

function validateChild({ child }: AgencyRecordSubmission, today: string): void {
  if (child.givenNames.trim() === "") throw invalid("record.child.givenNames", "The child's given names must not be blank.");
  if (child.familyName.trim() === "") throw invalid("record.child.familyName", "The child's family name must not be blank.");
  const born = child.dateOfBirth ?? null;
  const expected = child.expectedDateOfBirth ?? null;
  if ((born === null) === (expected === null)) {
    throw invalid("record.child.dateOfBirth", "Give either dateOfBirth or, for an unborn child, expectedDateOfBirth.");
  }
  if (born !== null && (born > today || born < "1990-01-01")) {
    throw invalid("record.child.dateOfBirth", "The date of birth must not be in the future, nor before 1990.");
  }
  if (child.address) {
    const { address } = child;
    if (address.line1.trim() === "") throw invalid("record.child.address.line1", "Address line 1 must not be blank.");
    if (address.postcode && normalisePostcode(address.postcode) === null) {
      throw invalid("record.child.address.postcode", "The postcode is not a valid UK postcode.");
    }
    if (address.localAuthority && !isLocalAuthorityCode(address.localAuthority)) {
      throw invalid("record.child.address.localAuthority", "localAuthority must be an ONS code such as E06000060.");
    }
  }
}

function validateFieldLabels(submission: AgencyRecordSubmission, recordType: RecordType): void {
  for (const [index, fieldLabel] of (submission.fieldLabels ?? []).entries()) {
    if (!isRecordField(recordType, fieldLabel.field)) {
      throw invalid(`record.fieldLabels[${index}].field`, `${recordType} records have no field "${fieldLabel.field}".`);
    }
  }
}

/** National identifiers of adults, checked at the edge however the submission came (API, import). */
const ADULT_IDENTIFIERS: readonly ["prisonNumber" | "pncId" | "probationCrn", RegExp, string][] = [
  ["prisonNumber", /^[A-Za-z]\d{4}[A-Za-z]{2}$/, "A1234BC"],
  ["pncId", /^(\d{2}|\d{4})\/\d{1,7}[A-Za-z]$/, "2012/0443627Z"],
  ["probationCrn", /^[A-Za-z]\d{6}$/, "X123456"],
];

function validateAdults(submission: AgencyRecordSubmission, recordType: RecordType, today: string): void {
  const adults = submission.relatedAdults ?? [];
  const references = new Set<string>();
  for (const [index, adult] of adults.entries()) {
    const path = `record.relatedAdults[${index}]`;
    if (adult.reference.trim() === "") throw invalid(`${path}.reference`, "Each related adult needs the agency's reference for them.");
    if (references.has(adult.reference)) throw invalid(`${path}.reference`, "Each related adult must have a distinct reference.");
    references.add(adult.reference);
    if (adult.givenNames.trim() === "" || adult.familyName.trim() === "") throw invalid(`${path}.givenNames`, "Each related adult needs given and family names.");
    if (adult.dateOfBirth && adult.dateOfBirth > today) throw invalid(`${path}.dateOfBirth`, "A date of birth must not be in the future.");
    if (adult.homeLocalAuthority && !isLocalAuthorityCode(adult.homeLocalAuthority)) {
      throw invalid(`${path}.homeLocalAuthority`, "homeLocalAuthority must be an ONS code such as E10000019.");
    }
    if (adult.postcode && normalisePostcode(adult.postcode) === null) throw invalid(`${path}.postcode`, "The postcode is not a valid UK postcode.");
    if (adult.nhsNumber) {
      const problem = nhsNumberProblem(adult.nhsNumber);
      if (problem !== null) throw new HubError(ErrorCode.INVALID_INPUT, `The adult's NHS number ${describeNhsNumberProblem(problem)}.`, { path: `${path}.nhsNumber`, problem });
    }
    for (const [field, pattern, example] of ADULT_IDENTIFIERS) {
      const value = adult[field];
      if (value && !pattern.test(value.trim())) throw invalid(`${path}.${field}`, `${field} must look like ${example}.`);
    }
  }
  const subjects = adults.filter((adult) => adult.subjectOfRecord === true).length;
  const needsSubject = recordType === RecordType.PROBATION || recordType === RecordType.PRISON;
  if (needsSubject && subjects !== 1) {
    throw invalid("record.relatedAdults", `A ${recordType} record is about one adult: mark exactly one related adult as subjectOfRecord (got ${subjects}).`);
  }
  if (!needsSubject && subjects > 0) {
    throw invalid("record.relatedAdults", `subjectOfRecord applies only to PROBATION and PRISON records.`);
  }
}

/** Statuses whose startDate opens a MASH's research window (`referrals/openReferralNamed`): a future one would hold it open early. */
const STARTED_ON_THE_DAY = new Set<string>([SocialCareStatus.REFERRAL, SocialCareStatus.STRATEGY_DISCUSSION, SocialCareStatus.SECTION_47_ENQUIRY]);

function validateDetails(submission: AgencyRecordSubmission, today: string): void {
  const { socialCare, probation, education, youthJustice, police, health } = submission;
  if (socialCare) {
    if (socialCare.status === SocialCareStatus.CHILD_PROTECTION_PLAN && !socialCare.planCategory) {
      throw invalid("record.socialCare.planCategory", "A child protection plan needs its category (physical, emotional, sexual abuse or neglect).");
    }
    if (socialCare.status === SocialCareStatus.LOOKED_AFTER && !socialCare.legalStatus) {
      throw invalid("record.socialCare.legalStatus", "A looked-after child needs a legal status (e.g. SECTION_20_ACCOMMODATED).");
    }
    if (socialCare.responsibleLocalAuthority && !isLocalAuthorityCode(socialCare.responsibleLocalAuthority)) {
      throw invalid("record.socialCare.responsibleLocalAuthority", "responsibleLocalAuthority must be an ONS code such as E06000060.");
    }
    orderedDates("record.socialCare", socialCare.startDate, socialCare.endDate);
    if (socialCare.status && STARTED_ON_THE_DAY.has(socialCare.status) && socialCare.startDate && socialCare.startDate > today) {
      throw invalid("record.socialCare.startDate", "A referral's startDate is when it was received (a strategy discussion's when it was held, an s.47 enquiry's when it started): it must not be in the future.");
    }
    if (socialCare.status === SocialCareStatus.CLOSED && !socialCare.endDate) throw invalid("record.socialCare.endDate", "A closed case needs its endDate.");
  }
  if (probation) {
    const { mappaCategory, mappaLevel } = probation;
    if (mappaCategory != null && (mappaCategory < 1 || mappaCategory > 4)) throw invalid("record.probation.mappaCategory", "MAPPA category is 1 to 4.");
    if (mappaLevel != null && (mappaLevel < 1 || mappaLevel > 3)) throw invalid("record.probation.mappaLevel", "MAPPA level is 1 to 3.");
    if ((mappaCategory == null) !== (mappaLevel == null)) throw invalid("record.probation.mappaLevel", "Give both MAPPA category and level, or neither.");
  }
  if (education?.attendancePercent != null) {
    const percent = Number(education.attendancePercent);
    if (!(percent >= 0 && percent <= 100)) throw invalid("record.education.attendancePercent", "Attendance is a percentage from 0 to 100.");
  }
  if (youthJustice) orderedDates("record.youthJustice", youthJustice.startDate, youthJustice.endDate);
  if (health?.registeredOn && health.deregisteredOn && health.deregisteredOn < health.registeredOn) {
    throw invalid("record.health.deregisteredOn", "deregisteredOn must not be before registeredOn.");
  }
  if (education?.onRollFrom && education.leftOn && education.leftOn < education.onRollFrom) {
    throw invalid("record.education.leftOn", "leftOn must not be before onRollFrom.");
  }
  if (education && education.rollStatus !== RollStatus.ON_ROLL && !education.leftOn) {
    throw invalid("record.education.leftOn", `A child no longer on the roll (${education.rollStatus}) needs leftOn: the day they left it.`);
  }
  if (police?.occurredOn && police.occurredOn > today) throw invalid("record.police.occurredOn", "occurredOn must not be in the future.");
  if (police?.reportedOn && police.reportedOn > today) throw invalid("record.police.reportedOn", "reportedOn must not be in the future.");
  if (police?.occurredOn && police.reportedOn && police.reportedOn < police.occurredOn) throw invalid("record.police.reportedOn", "reportedOn must not be before occurredOn.");
  const { prison } = submission;
  if (prison?.pprcStatus === PprcStatus.NO_LONGER_PPRC && !prison.pprcAssessedOn) {
    throw invalid("record.prison.pprcAssessedOn", "A withdrawn PPRC assessment needs pprcAssessedOn: the day it was withdrawn.");
  }
  if (prison?.pprcAssessedOn && prison.pprcAssessedOn > today) throw invalid("record.prison.pprcAssessedOn", "pprcAssessedOn must not be in the future.");
}

function orderedDates(path: string, start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) throw invalid(`${path}.endDate`, "endDate must not be before startDate.");
}
