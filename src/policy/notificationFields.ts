import { SensitivityLabel } from "../records/SensitivityLabel";

/**
 * What a routed notification carries, decided field by field like a child's record (HUB.md §9): each
 * recipient's view goes through the same engine, grants and label restrictions. A notification is
 * decided as records of these pseudo-types beside the agency record types: the event and the person it
 * is about (`PPRC_NOTIFICATION`), each identified child at risk (`CHILD_AT_RISK`); the child another
 * notification is about (`NOTIFIED_CHILD`, as the notifying agency identifies them — or, for an agency
 * told from its own sealed record, as that record holds them, with its `agencyReference`), and each
 * other routed event's own facts.
 */
export const NotificationRecordType = {
  PPRC_NOTIFICATION: "PPRC_NOTIFICATION",
  CHILD_AT_RISK: "CHILD_AT_RISK",
  NOTIFIED_CHILD: "NOTIFIED_CHILD",
  UNSCHEDULED_CARE_ATTENDANCE: "UNSCHEDULED_CARE_ATTENDANCE",
  PLAN_ACCESS: "PLAN_ACCESS",
  PLAN_TRANSFER: "PLAN_TRANSFER",
  DOMESTIC_ABUSE_INCIDENT: "DOMESTIC_ABUSE_INCIDENT",
  CHILD_VICTIM_REFERRAL: "CHILD_VICTIM_REFERRAL",
  SEX_OFFENDER_HOUSEHOLD_STAY: "SEX_OFFENDER_HOUSEHOLD_STAY",
  PUPIL_REMOVED_FROM_ROLL: "PUPIL_REMOVED_FROM_ROLL",
  OFFENDER_MOVE: "OFFENDER_MOVE",
  OFFENDER_CHILD_AT_RISK: "OFFENDER_CHILD_AT_RISK",
  SAFEGUARDING_ENQUIRY: "SAFEGUARDING_ENQUIRY",
  SAFEGUARDING_ENQUIRY_RESPONSE: "SAFEGUARDING_ENQUIRY_RESPONSE",
  MASH_REFERRAL_TRANSFER: "MASH_REFERRAL_TRANSFER",
} as const;
export type NotificationRecordType = (typeof NotificationRecordType)[keyof typeof NotificationRecordType];
export const NOTIFICATION_RECORD_TYPES = Object.values(NotificationRecordType);

const { CRIMINAL_OFFENCE, LAW_ENFORCEMENT, SPECIAL_CATEGORY, THIRD_PARTY } = SensitivityLabel;

/**
 * Each field a notification may carry and the labels it always carries. A PPRC status and MAPPA detail
 * are criminal-offence data (UK GDPR Art 10); MAPPA detail is also law-enforcement processing (DPA 2018
 * Part 3). The prison number is a national identifier: it goes only where a grant names it. Why a child
 * attended unscheduled care is health data (Art 9); that they attended, where and when, is what CP-IS
 * shares. That a domestic abuse incident happened is data relating to an (alleged) offence (Art 10);
 * its crime reference and the police's intelligence are law-enforcement processing, and the summary and
 * the intelligence name other people, the one who reported it among them. That an adult is a registered
 * sex offender, an offender's risk of serious harm and the offence before a court are criminal-offence
 * data; national identifiers (PNC id, probation CRN) go only where a grant names them. Why a pupil left
 * a school's roll may be health data (medical unfitness); a referral's concern names other people.
 */
export const NOTIFICATION_FIELDS: Record<NotificationRecordType, Readonly<Record<string, readonly SensitivityLabel[]>>> = {
  [NotificationRecordType.PPRC_NOTIFICATION]: {
    event: [], eventDate: [], establishment: [], destinationEstablishment: [], returnDate: [],
    pprcStatus: [CRIMINAL_OFFENCE], mappaCategory: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT], mappaLevel: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT],
    prisonerGivenNames: [], prisonerFamilyName: [], prisonerAliases: [], prisonerDateOfBirth: [], prisonNumber: [],
    prisonerHomeLocalAuthority: [], releaseDate: [], releaseAddress: [], requestedName: [], offenderManagementUnitContact: [],
  },
  [NotificationRecordType.CHILD_AT_RISK]: {
    sui: [], givenNames: [], familyName: [], dateOfBirth: [], homeLocalAuthority: [], relationshipToPrisoner: [],
  },
  [NotificationRecordType.NOTIFIED_CHILD]: {
    sui: [], givenNames: [], familyName: [], dateOfBirth: [], expectedDateOfBirth: [], homeLocalAuthority: [], agencyReference: [],
  },
  [NotificationRecordType.UNSCHEDULED_CARE_ATTENDANCE]: {
    attendedOn: [], setting: [], site: [], siteCode: [], presentingComplaint: [SPECIAL_CATEGORY],
  },
  [NotificationRecordType.PLAN_ACCESS]: {
    viewedAt: [], setting: [], site: [], siteCode: [], planKind: [], planReference: [],
  },
  [NotificationRecordType.PLAN_TRANSFER]: {
    movedOn: [], newAddress: [], previousLocalAuthority: [], sendingAuthority: [], planKind: [], planCategory: [], planStartDate: [],
    planReference: [], allocatedWorkerName: [], allocatedWorkerContact: [], allocatedTeam: [],
  },
  [NotificationRecordType.DOMESTIC_ABUSE_INCIDENT]: {
    incidentType: [CRIMINAL_OFFENCE], occurredOn: [], reportedOn: [], childRole: [], crimeReference: [LAW_ENFORCEMENT],
    summary: [THIRD_PARTY], intelligence: [LAW_ENFORCEMENT, THIRD_PARTY], officerName: [], officerContact: [],
  },
  [NotificationRecordType.CHILD_VICTIM_REFERRAL]: {
    incidentType: [CRIMINAL_OFFENCE], occurredOn: [], reportedOn: [], crimeReference: [LAW_ENFORCEMENT],
    summary: [THIRD_PARTY], intelligence: [LAW_ENFORCEMENT, THIRD_PARTY], officerName: [], officerContact: [],
  },
  [NotificationRecordType.SEX_OFFENDER_HOUSEHOLD_STAY]: {
    offenderStatus: [CRIMINAL_OFFENCE], offenderGivenNames: [], offenderFamilyName: [], offenderDateOfBirth: [],
    relationshipToChild: [], stayStartedOn: [], notifiedOn: [], householdAddress: [], intelligence: [LAW_ENFORCEMENT, THIRD_PARTY],
    officerName: [], officerContact: [],
  },
  [NotificationRecordType.PUPIL_REMOVED_FROM_ROLL]: {
    school: [], removedOn: [], removalGround: [], groundDetail: [SPECIAL_CATEGORY], destinationSchool: [], destinationAddress: [],
    dslName: [], dslContact: [],
  },
  [NotificationRecordType.OFFENDER_MOVE]: {
    movedOn: [], offenderGivenNames: [], offenderFamilyName: [], offenderDateOfBirth: [], newAddress: [],
    previousLocalAuthority: [], roshLevel: [CRIMINAL_OFFENCE], roshTo: [CRIMINAL_OFFENCE], mappaCategory: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT],
    mappaLevel: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT], offenderManagerName: [], offenderManagerContact: [],
  },
  [NotificationRecordType.OFFENDER_CHILD_AT_RISK]: {
    sui: [], givenNames: [], familyName: [], dateOfBirth: [], homeLocalAuthority: [], relationshipToOffender: [],
  },
  [NotificationRecordType.SAFEGUARDING_ENQUIRY]: {
    court: [], hearingOn: [], offenderGivenNames: [], offenderFamilyName: [], offenderDateOfBirth: [],
    offenderHomeLocalAuthority: [], offence: [CRIMINAL_OFFENCE], question: [], enquirerName: [], enquirerContact: [],
  },
  [NotificationRecordType.SAFEGUARDING_ENQUIRY_RESPONSE]: {
    enquiryReference: [], respondingAgency: [], respondedAt: [], response: [],
  },
  [NotificationRecordType.MASH_REFERRAL_TRANSFER]: {
    receivedOn: [], sendingAuthority: [], referrerAgencyType: [], referrerContact: [], concernCategory: [], concern: [],
    sendingMashContact: [],
  },
};

export function isNotificationRecordType(value: string): value is NotificationRecordType {
  return (NOTIFICATION_RECORD_TYPES as string[]).includes(value);
}
