import { RecordType } from "./RecordType";
import { SensitivityLabel, type SensitivityLabel as Label } from "./SensitivityLabel";

const { CRIMINAL_OFFENCE, SPECIAL_CATEGORY, LAW_ENFORCEMENT, THIRD_PARTY } = SensitivityLabel;

/**
 * Every disclosable field of each record type, with the labels it always carries whatever the agency
 * says (health conditions are special category; police intelligence and MAPPA details are law
 * enforcement; a PPRC status, MAPPA category and level, risk of serious harm and a court's disposal are
 * criminal-offence data, UK GDPR Art 10, as on the notifications that carry them; the offender in a
 * child's record is a third party). An agency may add labels to a
 * field, never remove these. Policies name fields from this catalogue: an unknown field is an error.
 */
export const RECORD_FIELDS: Record<RecordType, Readonly<Record<string, readonly Label[]>>> = {
  [RecordType.SOCIAL_CARE]: {
    status: [], planCategory: [], legalStatus: [], startDate: [], endDate: [], allocatedWorkerName: [],
    allocatedWorkerContact: [], allocatedTeam: [], responsibleLocalAuthority: [], summary: [THIRD_PARTY],
  },
  [RecordType.POLICE]: {
    incidentType: [], childRole: [], occurredOn: [], reportedOn: [], crimeReference: [LAW_ENFORCEMENT],
    summary: [THIRD_PARTY], intelligence: [LAW_ENFORCEMENT, THIRD_PARTY], officerName: [], officerContact: [],
    activeInvestigation: [LAW_ENFORCEMENT],
  },
  [RecordType.HEALTH]: {
    gpPracticeCode: [], gpPracticeName: [], registeredOn: [], deregisteredOn: [], namedProfessionalName: [], namedProfessionalRole: [],
    namedProfessionalContact: [], conditions: [SPECIAL_CATEGORY], unscheduledCareAttendances: [SPECIAL_CATEGORY],
  },
  [RecordType.EDUCATION]: {
    rollStatus: [], onRollFrom: [], leftOn: [], attendancePercent: [], exclusions: [], senStatus: [SPECIAL_CATEGORY],
    dslName: [], dslContact: [], safeguardingConcerns: [THIRD_PARTY],
  },
  [RecordType.PROBATION]: {
    offender: [THIRD_PARTY, LAW_ENFORCEMENT], offenderManagerName: [], offenderManagerContact: [],
    roshLevel: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT], roshTo: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT], mappaCategory: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT],
    mappaLevel: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT], riskManagementSummary: [LAW_ENFORCEMENT, THIRD_PARTY], supervisionEndDate: [],
  },
  [RecordType.PRISON]: {
    prisoner: [THIRD_PARTY, LAW_ENFORCEMENT], prisonNumber: [LAW_ENFORCEMENT], pprcStatus: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT],
    pprcAssessedOn: [LAW_ENFORCEMENT], expectedReleaseDate: [LAW_ENFORCEMENT], offenderManagementUnitContact: [],
  },
  [RecordType.YOUTH_JUSTICE]: {
    disposal: [CRIMINAL_OFFENCE, LAW_ENFORCEMENT], startDate: [], endDate: [], caseworkerName: [], caseworkerContact: [],
    riskOfSeriousHarm: [LAW_ENFORCEMENT], safetyAndWellbeing: [], summary: [LAW_ENFORCEMENT, THIRD_PARTY],
  },
};

export function isRecordField(recordType: RecordType, field: string): boolean {
  return Object.hasOwn(RECORD_FIELDS[recordType], field);
}

/** The labels a field carries: the catalogue's defaults plus whatever the agency added. */
export function effectiveFieldLabels(recordType: RecordType, field: string, added: readonly Label[] = []): Label[] {
  return [...new Set([...(RECORD_FIELDS[recordType][field] ?? []), ...added])];
}
