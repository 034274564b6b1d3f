import { type Readable } from "node:stream";
import { parse, type CsvError, type InfoRecord } from "csv-parse";
import { ErrorCode, HubError } from "../errors/HubError";
import { isAgencyCode } from "./agencyCode";
import { DIRECTORY_ENTRY_FIELDS } from "./DirectoryEntry";
import { DirectoryProblem } from "./DirectoryProblem";
import { type DirectoryLine } from "./DirectoryLine";
import { type DirectoryEntryInput } from "./validateDirectoryEntry";

/** The columns: a directory entry's fields, named as the API's `AgencyInput` names them (README.md). An empty cell is an absent value. */
export const DIRECTORY_CSV_COLUMNS = DIRECTORY_ENTRY_FIELDS satisfies readonly (keyof DirectoryEntryInput)[];
type DirectoryCsvColumn = (typeof DIRECTORY_CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly DirectoryCsvColumn[] = ["code", "name", "type"];
/** Several local authorities in one cell, as the record import separates list items. */
const LIST_SEPARATOR = ";";

interface CsvRecord {
  record: string[];
  info: InfoRecord;
}

/**
 * Reads a directory file: a header naming the columns in any order, then one agency a line. csv-parse
 * (as the record import uses it) handles quoting, embedded commas and a byte-order mark. A line that
 * cannot be read becomes a fault at its line number and the rest are still read; a header that names
 * no usable layout throws before any line is read.
 */
export async function parseDirectoryCsv(input: Readable): Promise<DirectoryLine[]> {
  const lines: DirectoryLine[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = typeof error?.lines === "number" ? error.lines : parser.info.lines;
      lines.push({ line, fault: { line, code: null, field: "code", problem: DirectoryProblem.MALFORMED_LINE, message: `The line is not well-formed CSV (${error?.code ?? "unknown fault"}).` } });
    },
  });
  input.once("error", (error) => parser.destroy(error));
  let header: DirectoryCsvColumn[] | undefined;
  for await (const { record, info } of input.pipe(parser) as AsyncIterable<CsvRecord>) {
    if (header === undefined) {
      // A malformed line is reported while its chunk is parsed, before that chunk's good lines are read:
      // one numbered before the first good line was the header.
      if (lines.some((skipped) => skipped.line < info.lines)) throw headerError("The header, the file's first line, is not well-formed CSV.");
      header = readHeader(record);
      continue;
    }
    lines.push(lineOf(header, record, info.lines));
  }
  if (header === undefined && lines.length > 0) throw headerError("The header, the file's first line, is not well-formed CSV.");
  if (header === undefined) throw headerError("The file is empty: it needs a header line naming its columns, then one agency a line.");
  return lines.sort((a, b) => a.line - b.line);
}

function readHeader(cells: string[]): DirectoryCsvColumn[] {
  const names = cells.map((cell) => cell.trim());
  const unknown = names.filter((name) => !(DIRECTORY_CSV_COLUMNS as readonly string[]).includes(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  // Column names are the directory's own vocabulary, never data: safe to name back.
  if (unknown.length > 0) throw headerError(`The header names columns the directory does not have: ${unknown.join(", ")}. Columns: ${DIRECTORY_CSV_COLUMNS.join(", ")}.`);
  if (repeated.length > 0) throw headerError(`The header names a column twice: ${[...new Set(repeated)].join(", ")}.`);
  if (missing.length > 0) throw headerError(`The header lacks required columns: ${missing.join(", ")}.`);
  return names as DirectoryCsvColumn[];
}

function headerError(message: string): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, message, { path: "header", line: 1, problem: DirectoryProblem.INVALID_HEADER });
}

function lineOf(header: DirectoryCsvColumn[], record: string[], line: number): DirectoryLine {
  const cell = (column: DirectoryCsvColumn): string => {
    const index = header.indexOf(column);
    return index < 0 ? "" : (record[index] ?? "").trim();
  };
  const code = cell("code");
  const active = cell("active").toLowerCase();
  if (active !== "" && active !== "true" && active !== "false") {
    return { line, fault: { line, code: isAgencyCode(code) ? code : null, field: "active", problem: DirectoryProblem.INVALID_ACTIVE, message: "`active` must be true or false (empty: true)." } };
  }
  return {
    line,
    input: {
      code,
      name: cell("name"),
      type: cell("type"),
      localAuthority: cell("localAuthority"),
      servedLocalAuthorities: cell("servedLocalAuthorities").split(LIST_SEPARATOR),
      policeForceArea: cell("policeForceArea"),
      contactEmail: cell("contactEmail"),
      contactPhone: cell("contactPhone"),
      escalationEmail: cell("escalationEmail"),
      escalationPhone: cell("escalationPhone"),
      webhookUrl: cell("webhookUrl"),
      active: active === "" ? null : active === "true",
      unscheduledCareSetting: cell("unscheduledCareSetting"),
    },
  };
}
