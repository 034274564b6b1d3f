import readline from "node:readline";
import { type Readable } from "node:stream";
import { parse, type CsvError, type InfoRecord } from "csv-parse";
import { ErrorCode, HubError } from "../../errors/HubError";
import { readCsvHeader, recordOfCsvRow, type CsvColumn } from "./csvColumns";
import { RecordFileFormat } from "./RecordFileFormat";
import { type RecordLine } from "./RecordLine";
import { recordShape, type RecordShape } from "./recordShape";

export interface ParseOptions {
  format: RecordFileFormat;
  /** The importing agency: a CSV row names none, and an NDJSON line may leave it out. */
  agencyCode: string;
  /** Lines up to and including this one were imported by an earlier run: they are read past, unchecked. */
  afterLine?: number;
}

/**
 * Reads an import file as it streams in and yields each record, numbered by line, either as a
 * submission of the API's shape or as the reason it was refused. A bad line never stops the rest; only
 * a file that cannot be read as a whole does (an unreadable file, a CSV header that names no usable
 * layout), and that throws before any record is yielded.
 */
export async function* parseRecordLines(input: Readable, options: ParseOptions): AsyncGenerator<RecordLine> {
  const shape = await recordShape();
  if (options.format === RecordFileFormat.CSV) yield* csvLines(input, options, shape);
  else yield* ndjsonLines(input, options, shape);
}

async function* ndjsonLines(input: Readable, options: ParseOptions, shape: RecordShape): AsyncGenerator<RecordLine> {
  const afterLine = options.afterLine ?? 0;
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (line <= afterLine) continue;
    const json = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (json === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      // JSON.parse's own message quotes the text around the fault: the child's details.
      yield { line, error: { code: ErrorCode.INVALID_INPUT, path: "record", message: "The line is not valid JSON." } };
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      yield { line, error: { code: ErrorCode.INVALID_INPUT, path: "record", message: "The line must hold one JSON object, the record." } };
      continue;
    }
    yield await checked(line, { agencyCode: options.agencyCode, ...value }, shape);
  }
}

interface CsvRecord {
  record: string[];
  info: InfoRecord;
}

async function* csvLines(input: Readable, options: ParseOptions, shape: RecordShape): AsyncGenerator<RecordLine> {
  const afterLine = options.afterLine ?? 0;
  // csv-parse reports a malformed record (a stray quote) by skipping it and calling on_skip, which runs
  // while a chunk is parsed, before that chunk's good records are read: they are merged back in line order.
  const malformed: RecordLine[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = typeof error?.lines === "number" ? error.lines : parser.info.lines;
      malformed.push({ line, error: { code: ErrorCode.INVALID_INPUT, path: "record", message: `The line is not well-formed CSV (${error?.code ?? "unknown fault"}).` } });
    },
  });
  input.once("error", (error) => parser.destroy(error));
  let header: CsvColumn[] | undefined;
  for await (const { record, info } of input.pipe(parser) as AsyncIterable<CsvRecord>) {
    if (header === undefined) {
      if (malformed.length > 0 && malformed[0].line < info.lines) throw malformedHeader();
      header = readCsvHeader(record);
      continue;
    }
    yield* drain(malformed, info.lines, afterLine);
    if (info.lines <= afterLine) continue;
    const row = recordOfCsvRow(header, record);
    if ("error" in row) yield { line: info.lines, error: row.error };
    else yield await checked(info.lines, { agencyCode: options.agencyCode, ...row.value }, shape);
  }
  if (header === undefined && malformed.length > 0) throw malformedHeader();
  yield* drain(malformed, Number.POSITIVE_INFINITY, afterLine);
}

function malformedHeader(): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, "The CSV header, the file's first line, is not well-formed CSV.", { path: "header" });
}

function* drain(malformed: RecordLine[], beforeLine: number, afterLine: number): Generator<RecordLine> {
  while (malformed.length > 0 && malformed[0].line < beforeLine) {
    const next = malformed.shift() as RecordLine;
    if (next.line > afterLine) yield next;
  }
}

async function checked(line: number, value: Record<string, unknown>, shape: RecordShape): Promise<RecordLine> {
  const result = await shape.check(value);
  if ("submission" in result) return { line, submission: result.submission };
  const reference = displayableReference(value.agencyReference);
  return { line, ...(reference === undefined ? {} : { agencyReference: reference }), error: result.error };
}

/**
 * A refused line's agency reference is echoed only if it looks like one (what the API accepts: up to
 * 64 printable ASCII characters, no spaces), so a name typed into the wrong column is never printed.
 */
function displayableReference(value: unknown): string | undefined {
  return typeof value === "string" && /^[\x21-\x7E]{1,64}$/.test(value) ? value : undefined;
}
