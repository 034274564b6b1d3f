import { recordPath } from "../disclosure/recordPaths";
import { type RecordType } from "../records/RecordType";

/** Where a statement or restriction sits on a response and on the trail: `police[<id>]`, or `police[<id>].summary` for one fact. */
export function targetPath(recordType: RecordType, recordId: string, field: string | null): string {
  const record = recordPath(recordType, recordId);
  return field === null ? record : `${record}.${field}`;
}

/** Whether a disclosed field path falls under a target: the field itself, or any field of a whole-record target. */
export function coveredBy(path: string, target: string): boolean {
  return path === target || path.startsWith(`${target}.`);
}
