import { RecordType } from "./RecordType";
import { RollStatus } from "./details/EducationRecord";
import { PoliceIncidentType } from "./details/PoliceRecord";
import { PprcStatus } from "./details/PrisonRecord";
import { SocialCareStatus } from "./details/SocialCareRecord";

/** A value a policy may compare a record's field with. */
export type FieldValue = string | boolean;

/**
 * The fields whose values policies may test (when an involvement ends, which records a grant covers),
 * with every value each can take, so a policy naming an impossible value fails at start-up.
 */
export const RECORD_FIELD_VALUES: Readonly<Record<RecordType, Readonly<Record<string, readonly FieldValue[]>>>> = {
  [RecordType.SOCIAL_CARE]: { status: Object.values(SocialCareStatus) },
  [RecordType.POLICE]: { incidentType: Object.values(PoliceIncidentType), activeInvestigation: [true, false] },
  [RecordType.HEALTH]: {},
  [RecordType.EDUCATION]: { rollStatus: Object.values(RollStatus) },
  [RecordType.PROBATION]: {},
  [RecordType.PRISON]: { pprcStatus: Object.values(PprcStatus) },
  [RecordType.YOUTH_JUSTICE]: {},
};

/** The date fields (YYYY-MM-DD) of each record type that policies may read. */
export const RECORD_DATE_FIELDS: Readonly<Record<RecordType, readonly string[]>> = {
  [RecordType.SOCIAL_CARE]: ["startDate", "endDate"],
  [RecordType.POLICE]: ["occurredOn", "reportedOn"],
  [RecordType.HEALTH]: ["registeredOn", "deregisteredOn"],
  [RecordType.EDUCATION]: ["onRollFrom", "leftOn"],
  [RecordType.PROBATION]: ["supervisionEndDate"],
  [RecordType.PRISON]: ["pprcAssessedOn", "expectedReleaseDate"],
  [RecordType.YOUTH_JUSTICE]: ["startDate", "endDate"],
};
