import { Readable } from "node:stream";
import { ErrorCode, HubError } from "../../../errors/HubError";
import { CHILD, RECORDS } from "../../../../test/support/fixtures";
import { parseRecordLines } from "../parseRecordLines";
import { formatOfFile, RecordFileFormat } from "../RecordFileFormat";
import { type RecordLine } from "../RecordLine";

const AGENCY = RECORDS.HEALTH.agencyCode;
const HEALTH = RECORDS.HEALTH.health;

async function parse(text: string, format: RecordFileFormat, afterLine?: number): Promise<RecordLine[]> {
  const lines: RecordLine[] = [];
  const input = Readable.from([Buffer.from(text)]);
  for await (const line of parseRecordLines(input, { format, agencyCode: AGENCY, ...(afterLine === undefined ? {} : { afterLine }) })) lines.push(line);
  return lines;
}

const ndjson = (...records: unknown[]) => records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n");
const record = (reference: string, child: Record<string, unknown> = CHILD) => ({ agencyReference: reference, child, health: HEALTH });

function errorsOf(lines: RecordLine[]) {
  return lines.flatMap((line) => ("error" in line ? [{ line: line.line, agencyReference: line.agencyReference, ...line.error }] : []));
}

describe("parseRecordLines: NDJSON", () => {
  it("yields each line's record as a submission for the importing agency, numbered by line", async () => {
    const lines = await parse(`${ndjson(record("GP-1"), "", { ...record("GP-2"), recordedAt: "2026-03-02T10:15:30Z" })}\n`, RecordFileFormat.NDJSON);
    expect(lines).toEqual([
      { line: 1, submission: { agencyCode: AGENCY, ...record("GP-1") } },
      { line: 3, submission: { agencyCode: AGENCY, ...record("GP-2"), recordedAt: new Date("2026-03-02T10:15:30Z") } },
    ]);
  });

  it("reports a line that is not JSON as INVALID_INPUT without quoting it, and goes on", async () => {
    const lines = await parse(ndjson(record("GP-1"), '{"agencyReference":"GP-2","child":{"givenNames":"Ada"', record("GP-3")), RecordFileFormat.NDJSON);
    expect(lines.map((line) => [line.line, "submission" in line])).toEqual([[1, true], [2, false], [3, true]]);
    expect(errorsOf(lines)).toEqual([{ line: 2, agencyReference: undefined, code: ErrorCode.INVALID_INPUT, path: "record", message: "The line is not valid JSON." }]);
  });

  it("refuses a sex outside the vocabulary as INVALID_INPUT at its path, naming the values allowed but not the one given", async () => {
    const lines = await parse(ndjson(record("GP-1", { ...CHILD, sex: "GIRL" })), RecordFileFormat.NDJSON);
    const [error] = errorsOf(lines);
    expect(error).toEqual({
      line: 1,
      agencyReference: "GP-1",
      code: ErrorCode.INVALID_INPUT,
      path: "record.child.sex",
      message: "record.child.sex: expects one of MALE, FEMALE, INDETERMINATE, NOT_KNOWN.",
    });
  });

  it("holds lines to the API's limits, so a value the database cannot store is one refused line", async () => {
    const [error] = errorsOf(await parse(ndjson(record("GP-1", { ...CHILD, familyName: "Testbrook".repeat(20) })), RecordFileFormat.NDJSON));
    expect(error).toMatchObject({ line: 1, code: ErrorCode.INVALID_INPUT, path: "record.child.familyName" });
    expect(error.message).not.toContain("Testbrook");
  });

  it("holds lines to the API's edge rules: no control or invisible characters in text, no year 0000", async () => {
    const [bell] = errorsOf(await parse(ndjson(record("GP-1", { ...CHILD, givenNames: "Ada\u0007\u001b[2J" })), RecordFileFormat.NDJSON));
    expect(bell).toMatchObject({ line: 1, code: ErrorCode.INVALID_INPUT, path: "record.child.givenNames" });
    expect(bell.message).not.toContain("Ada");
    // An invisible filler (a letter to Unicode) is refused as the API and the directory import refuse it.
    const [filler] = errorsOf(await parse(ndjson(record("GP-3", { ...CHILD, familyName: "Testbrook\u3164" })), RecordFileFormat.NDJSON));
    expect(filler).toMatchObject({ line: 1, code: ErrorCode.INVALID_INPUT, path: "record.child.familyName" });
    const [year] = errorsOf(await parse(ndjson(record("GP-2", { ...CHILD, dateOfBirth: "0000-04-09" })), RecordFileFormat.NDJSON));
    expect(year).toMatchObject({ line: 1, code: ErrorCode.INVALID_INPUT, path: "record.child.dateOfBirth" });
  });

  it("refuses a missing required field, an unknown field and a malformed date, each at its path", async () => {
    const { givenNames: _given, ...nameless } = CHILD;
    const lines = await parse(
      ndjson(record("GP-1", nameless), { ...record("GP-2"), nickname: "x" }, record("GP-3", { ...CHILD, dateOfBirth: "09/04/2015" }), "[1,2]"),
      RecordFileFormat.NDJSON,
    );
    expect(errorsOf(lines).map(({ line, path, message }) => [line, path, message])).toEqual([
      [1, "record.child", 'record.child: Field "givenNames" of required type "String!" was not provided.'],
      [2, "record", expect.stringContaining('Field "nickname" is not defined by type "AgencyRecordInput"')],
      [3, "record.child.dateOfBirth", "record.child.dateOfBirth: expects a date such as 2020-01-01."],
      [4, "record", "The line must hold one JSON object, the record."],
    ]);
  });

  it("echoes a refused line's agency reference only when it looks like one", async () => {
    const [error] = errorsOf(await parse(ndjson({ ...record("Ada Testbrook"), child: { ...CHILD, sex: "GIRL" } }), RecordFileFormat.NDJSON));
    expect(error.agencyReference).toBeUndefined();
  });

  it("passes over the lines an earlier run imported", async () => {
    const lines = await parse(ndjson(record("GP-1"), "not json", record("GP-3")), RecordFileFormat.NDJSON, 2);
    expect(lines.map((line) => line.line)).toEqual([3]);
  });
});

const HEADER = [
  "agencyReference", "recordedAt", "child.sui", "child.givenNames", "child.familyName", "child.dateOfBirth", "child.expectedDateOfBirth", "child.sex",
  "child.address.kind", "child.address.line1", "child.address.postcode", "child.address.localAuthority", "labels", "details",
];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRow(reference: string, overrides: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    agencyReference: reference,
    recordedAt: "",
    "child.sui": CHILD.sui,
    "child.givenNames": CHILD.givenNames,
    "child.familyName": CHILD.familyName,
    "child.dateOfBirth": CHILD.dateOfBirth,
    "child.expectedDateOfBirth": "",
    "child.sex": CHILD.sex,
    "child.address.kind": CHILD.address.kind,
    "child.address.line1": CHILD.address.line1,
    "child.address.postcode": CHILD.address.postcode,
    "child.address.localAuthority": CHILD.address.localAuthority,
    labels: "SPECIAL_CATEGORY; WITHHOLD_FROM_FAMILY",
    details: JSON.stringify({ health: HEALTH }),
    ...overrides,
  };
  return HEADER.map((column) => csvCell(cells[column])).join(",");
}

const csv = (...rows: string[]) => `${[HEADER.join(","), ...rows].join("\r\n")}\r\n`;

describe("parseRecordLines: CSV", () => {
  it("builds the same submission from a row as from the NDJSON line it stands for", async () => {
    const { town: _town, ...address } = CHILD.address;
    const [line] = await parse(csv(csvRow("GP-1", { recordedAt: "2026-03-02T10:15:30Z" })), RecordFileFormat.CSV);
    expect(line).toEqual({
      line: 2,
      submission: {
        agencyCode: AGENCY,
        agencyReference: "GP-1",
        recordedAt: new Date("2026-03-02T10:15:30Z"),
        child: { ...CHILD, address },
        labels: ["SPECIAL_CATEGORY", "WITHHOLD_FROM_FAMILY"],
        health: HEALTH,
      },
    });
  });

  it("leaves out an empty cell, and the address when all its cells are empty", async () => {
    const noAddress = { "child.address.kind": "", "child.address.line1": "", "child.address.postcode": "", "child.address.localAuthority": "", labels: "" };
    const [line] = await parse(csv(csvRow("GP-1", noAddress)), RecordFileFormat.CSV);
    expect("submission" in line && line.submission).toEqual({ agencyCode: AGENCY, agencyReference: "GP-1", child: { sui: CHILD.sui, givenNames: "Ada", familyName: "Testbrook", dateOfBirth: CHILD.dateOfBirth, sex: "FEMALE" }, health: HEALTH });
  });

  it("refuses a row missing a required value, a bad sex and a short row as INVALID_INPUT with their lines, and goes on", async () => {
    const lines = await parse(csv(csvRow("GP-1", { "child.familyName": "" }), csvRow("GP-2", { "child.sex": "F" }), "GP-3,,9990000018", csvRow("GP-4")), RecordFileFormat.CSV);
    expect(errorsOf(lines).map(({ line, code, path }) => [line, code, path])).toEqual([
      [2, ErrorCode.INVALID_INPUT, "record.child"],
      [3, ErrorCode.INVALID_INPUT, "record.child.sex"],
      [4, ErrorCode.INVALID_INPUT, "record"],
    ]);
    expect(lines.filter((line) => "submission" in line).map((line) => line.line)).toEqual([5]);
  });

  it("refuses a details cell that is not JSON, or that carries anything but details blocks", async () => {
    const lines = await parse(csv(csvRow("GP-1", { details: "{health:" }), csvRow("GP-2", { details: JSON.stringify({ health: HEALTH, child: { givenNames: "Other" } }) })), RecordFileFormat.CSV);
    expect(errorsOf(lines).map(({ line, path, message }) => [line, path, message])).toEqual([
      [2, "record.details", "details: the cell is not valid JSON."],
      [3, "record.details", expect.stringContaining("keyed by the record type's block")],
    ]);
  });

  it("reports a line that is not well-formed CSV in its place, and reads on", async () => {
    const lines = await parse(csv(csvRow("GP-1"), 'GP-2,,x"y', csvRow("GP-3")), RecordFileFormat.CSV);
    expect(lines.map((line) => [line.line, "error" in line ? line.error.code : "ok"])).toEqual([[2, "ok"], [3, ErrorCode.INVALID_INPUT], [4, "ok"]]);
  });

  it("refuses the whole file when the header lacks a required column or names an unknown one", async () => {
    const withoutSex = `${HEADER.filter((column) => column !== "child.sex").join(",")}\nGP-1\n`;
    const refusal = parse(withoutSex, RecordFileFormat.CSV);
    await expect(refusal).rejects.toBeInstanceOf(HubError);
    await expect(refusal).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, message: expect.stringContaining("missing required column(s) child.sex") });
    await expect(parse(`${HEADER.join(",")},child.dateofbirth\n`, RecordFileFormat.CSV)).rejects.toThrow(/unknown column\(s\) "child.dateofbirth"/);
  });

  it("passes over the lines an earlier run imported", async () => {
    const lines = await parse(csv(csvRow("GP-1"), csvRow("GP-2"), csvRow("GP-3")), RecordFileFormat.CSV, 3);
    expect(lines.map((line) => line.line)).toEqual([4]);
  });
});

describe("formatOfFile", () => {
  it.each([["records.csv", "csv"], ["records.NDJSON", "ndjson"], ["records.jsonl", "ndjson"]])("reads %s as %s", (file, format) => {
    expect(formatOfFile(file)).toBe(format);
  });

  it("takes the named format over the extension, and asks for one when the extension says nothing", () => {
    expect(formatOfFile("export.txt", RecordFileFormat.CSV)).toBe("csv");
    expect(() => formatOfFile("export.txt")).toThrow(/--format/);
  });
});
