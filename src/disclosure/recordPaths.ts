import { RecordType } from "../records/RecordType";

/** Where each record type's records sit in a ChildRecord response (`police[0].intelligence`). */
export const RESPONSE_KEY: Record<RecordType, string> = {
  [RecordType.SOCIAL_CARE]: "socialCare",
  [RecordType.POLICE]: "police",
  [RecordType.HEALTH]: "health",
  [RecordType.EDUCATION]: "education",
  [RecordType.PROBATION]: "probation",
  [RecordType.PRISON]: "prison",
  [RecordType.YOUTH_JUSTICE]: "youthJustice",
};

export const DEMOGRAPHICS = "demographics";

export function recordPath(type: RecordType, index: number): string {
  return `${RESPONSE_KEY[type]}[${index}]`;
}
