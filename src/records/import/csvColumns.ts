import { ErrorCode, HubError } from "../../errors/HubError";
import { DETAIL_KEYS } from "../AgencyRecordSubmission";
import { type LineError } from "./RecordLine";

/**
 * The CSV layout (README.md): flat columns named by their path in the API's `record` input, for the
 * record's own facts and the child's identity, and JSON columns for the nested parts (one details
 * block, related adults, field labels) which have no flat form. An empty cell is an absent value.
 */
export const CSV_COLUMNS = [
  "agencyReference",
  "recordedAt",
  "child.sui",
  "child.givenNames",
  "child.familyName",
  "child.dateOfBirth",
  "child.expectedDateOfBirth",
  "child.sex",
  "child.address.kind",
  "child.address.line1",
  "child.address.line2",
  "child.address.town",
  "child.address.postcode",
  "child.address.localAuthority",
  "labels",
  "details",
  "relatedAdults",
  "fieldLabels",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A header without these could not carry a valid record on any line. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ["agencyReference", "child.givenNames", "child.familyName", "child.sex", "details"];

const JSON_COLUMNS: ReadonlySet<CsvColumn> = new Set(["details", "relatedAdults", "fieldLabels"]);
const LIST_SEPARATOR = ";";

function isCsvColumn(name: string): name is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

/**
 * The header names the columns in any order. An unknown or repeated column is refused rather than
 * ignored: a misspelt `child.dateofbirth` would otherwise drop every child's date of birth unseen.
 */
export function readCsvHeader(cells: string[]): CsvColumn[] {
  const names = cells.map((cell) => cell.trim());
  const unknown = names.filter((name) => !isCsvColumn(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !names.includes(column));
  const problems = [
    ...(unknown.length > 0 ? [`unknown column(s) ${unknown.map((name) => JSON.stringify(name)).join(", ")}`] : []),
    ...(repeated.length > 0 ? [`repeated column(s) ${repeated.join(", ")}`] : []),
    ...(missing.length > 0 ? [`missing required column(s) ${missing.join(", ")}`] : []),
  ];
  if (problems.length > 0) {
    throw new HubError(ErrorCode.INVALID_INPUT, `The CSV header has ${problems.join("; ")}. The columns are: ${CSV_COLUMNS.join(", ")}.`, { path: "header" });
  }
  return names as CsvColumn[];
}

/** One CSV row as the object an NDJSON line would hold, before the shape check. */
export function recordOfCsvRow(header: CsvColumn[], cells: string[]): { value: Record<string, unknown> } | { error: LineError } {
  if (cells.length !== header.length) {
    return { error: { code: ErrorCode.INVALID_INPUT, path: "record", message: `The line has ${cells.length} field(s); the header has ${header.length}.` } };
  }
  const value: Record<string, unknown> = {};
  for (const [index, column] of header.entries()) {
    const cell = cells[index].trim();
    if (cell === "") continue;
    if (column === "labels") {
      value.labels = cell.split(LIST_SEPARATOR).map((label) => label.trim()).filter((label) => label !== "");
    } else if (JSON_COLUMNS.has(column)) {
      const parsed = parseJsonCell(column, cell);
      if ("error" in parsed) return parsed;
      if (column === "details") Object.assign(value, parsed.value);
      else value[column] = parsed.value;
    } else {
      setPath(value, column.split("."), cell);
    }
  }
  return { value };
}

function parseJsonCell(column: CsvColumn, cell: string): { value: unknown } | { error: LineError } {
  const path = `record.${column}`;
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    return { error: { code: ErrorCode.INVALID_INPUT, path, message: `${column}: the cell is not valid JSON.` } };
  }
  if (column !== "details") return { value };
  // Its keys are details blocks and nothing else: a `child` key must not override the flat columns.
  // How many blocks, and whether it is the agency's type, is submitRecord's check, as for NDJSON.
  const keys = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : null;
  if (keys === null || keys.some((key) => !(DETAIL_KEYS as readonly string[]).includes(key))) {
    return { error: { code: ErrorCode.INVALID_INPUT, path, message: `details: must be a JSON object keyed by the record type's block (${DETAIL_KEYS.join(", ")}).` } };
  }
  return { value };
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest, value);
}
