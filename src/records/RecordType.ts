import { AgencyType } from "../directory/AgencyType";

/** One record type per agency type: an agency submits only the type its own kind holds. */
export const RecordType = {
  SOCIAL_CARE: "SOCIAL_CARE",
  POLICE: "POLICE",
  HEALTH: "HEALTH",
  EDUCATION: "EDUCATION",
  PROBATION: "PROBATION",
  PRISON: "PRISON",
  YOUTH_JUSTICE: "YOUTH_JUSTICE",
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];
export const RECORD_TYPES = Object.values(RecordType);

export const RECORD_TYPE_OF_AGENCY: Record<AgencyType, RecordType> = {
  [AgencyType.CHILDRENS_SOCIAL_CARE]: RecordType.SOCIAL_CARE,
  [AgencyType.POLICE]: RecordType.POLICE,
  [AgencyType.HEALTH]: RecordType.HEALTH,
  [AgencyType.EDUCATION]: RecordType.EDUCATION,
  [AgencyType.PROBATION]: RecordType.PROBATION,
  [AgencyType.PRISON]: RecordType.PRISON,
  [AgencyType.YOUTH_JUSTICE]: RecordType.YOUTH_JUSTICE,
};
