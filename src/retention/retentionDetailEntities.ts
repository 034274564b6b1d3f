import { type RecordDetails } from "../records/details/RecordDetails";
import { EducationRecord } from "../records/details/EducationRecord";
import { HealthRecord } from "../records/details/HealthRecord";
import { PoliceRecord } from "../records/details/PoliceRecord";
import { PrisonRecord } from "../records/details/PrisonRecord";
import { ProbationRecord } from "../records/details/ProbationRecord";
import { SocialCareRecord } from "../records/details/SocialCareRecord";
import { YouthJusticeRecord } from "../records/details/YouthJusticeRecord";
import { RecordType } from "../records/RecordType";

/** Each record type's detail entity: retention reads the columns its involvement rule tests from it. */
export const RETENTION_DETAIL_ENTITY: Record<RecordType, new () => RecordDetails> = {
  [RecordType.SOCIAL_CARE]: SocialCareRecord,
  [RecordType.POLICE]: PoliceRecord,
  [RecordType.HEALTH]: HealthRecord,
  [RecordType.EDUCATION]: EducationRecord,
  [RecordType.PROBATION]: ProbationRecord,
  [RecordType.PRISON]: PrisonRecord,
  [RecordType.YOUTH_JUSTICE]: YouthJusticeRecord,
};
