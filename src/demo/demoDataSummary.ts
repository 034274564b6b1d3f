import { RECORD_TYPE_OF_AGENCY, RECORD_TYPES, type RecordType } from "../records/RecordType";
import { demoAgency } from "./demoDirectory";
import { type DemoDataSet } from "./demoDataSet";

/** What a demo load put in: counts only, so it can be logged and stored without personal data. */
export interface DemoDataSummary {
  agencies: number;
  children: number;
  /** Distinct records (agency and reference) of each type; a resubmission is not a new record. */
  records: Record<RecordType, number>;
  submissions: number;
  /** Notifications sent once the records were in: the prisons' PPRC notifications and the unscheduled-care attendances. */
  notifications: number;
}

export function summariseDemoDataSet(dataSet: DemoDataSet): DemoDataSummary {
  const records = Object.fromEntries(RECORD_TYPES.map((type) => [type, new Set<string>()])) as Record<RecordType, Set<string>>;
  const children = new Set<string>();
  for (const submission of dataSet.submissions) {
    records[RECORD_TYPE_OF_AGENCY[demoAgency(submission.agencyCode).type]].add(`${submission.agencyCode}/${submission.agencyReference}`);
    if (submission.child.sui) children.add(submission.child.sui);
  }
  // An attendance is stored as the setting's own health record (its reference the attendance's).
  for (const attendance of dataSet.attendances) {
    records[RECORD_TYPE_OF_AGENCY[demoAgency(attendance.agencyCode).type]].add(`${attendance.agencyCode}/${attendance.reference}`);
    if (attendance.child.sui) children.add(attendance.child.sui);
  }
  return {
    agencies: dataSet.agencies.length,
    children: children.size,
    records: Object.fromEntries(RECORD_TYPES.map((type) => [type, records[type].size])) as Record<RecordType, number>,
    submissions: dataSet.submissions.length,
    notifications: dataSet.notifications.length + dataSet.attendances.length,
  };
}
