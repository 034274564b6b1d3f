import path from "node:path";
import { ErrorCode, HubError } from "../../errors/HubError";

/** The two layouts an agency's export may take (see README.md). */
export const RecordFileFormat = { CSV: "csv", NDJSON: "ndjson" } as const;
export type RecordFileFormat = (typeof RecordFileFormat)[keyof typeof RecordFileFormat];
export const RECORD_FILE_FORMATS = Object.values(RecordFileFormat);

export function isRecordFileFormat(value: unknown): value is RecordFileFormat {
  return typeof value === "string" && (RECORD_FILE_FORMATS as string[]).includes(value);
}

const FORMAT_OF_EXTENSION: Record<string, RecordFileFormat> = {
  ".csv": RecordFileFormat.CSV,
  ".ndjson": RecordFileFormat.NDJSON,
  ".jsonl": RecordFileFormat.NDJSON,
};

/** The format named by the caller, else the one the file's extension implies. */
export function formatOfFile(filePath: string, named?: RecordFileFormat): RecordFileFormat {
  if (named !== undefined) return named;
  const format = FORMAT_OF_EXTENSION[path.extname(filePath).toLowerCase()];
  if (format === undefined) {
    throw new HubError(ErrorCode.INVALID_INPUT, "Cannot tell the file's format from its extension (.csv, .ndjson or .jsonl): name it with --format csv|ndjson.", { path: "format" });
  }
  return format;
}
