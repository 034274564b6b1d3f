import { type ErrorCode } from "../../errors/HubError";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";

/**
 * Why one line of an import was refused. The message never quotes the line's values (they are a
 * child's personal data and end up in terminals and logs): only field paths and what was expected.
 */
export interface LineError {
  code: ErrorCode;
  message: string;
  /** Where in the record, in the API's terms, e.g. `record.child.sex`. */
  path?: string;
}

/**
 * One record of an import file, numbered by its line (1-based, counting the CSV header and blank
 * lines; a CSV record spanning lines is numbered by its last). A refused record carries its agency
 * reference when it had a well-formed one, so the agency can find it in its own system.
 */
export type RecordLine =
  | { line: number; submission: AgencyRecordSubmission }
  | { line: number; agencyReference?: string; error: LineError };
