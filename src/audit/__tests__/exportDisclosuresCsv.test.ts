import { exportDisclosuresCsv } from "../exportDisclosuresCsv";
import { sampleAuditEntry } from "./sampleAuditEntry";

/** A small RFC 4180 reader, to check the export round-trips rather than pattern-match it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

function exportedJustification(justification: string): string {
  const entry = sampleAuditEntry({ access: { ...sampleAuditEntry().access!, justification } });
  const [header, row] = parseCsv(exportDisclosuresCsv([entry]));
  return row[header.indexOf("justification")];
}

describe("CSV export of disclosures", () => {
  it("has a header row and one CRLF-terminated row per entry", () => {
    const text = exportDisclosuresCsv([sampleAuditEntry(), sampleAuditEntry({ id: "second" })]);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    expect(rows[0].slice(0, 5)).toEqual(["id", "occurred_at", "request_id", "operation", "outcome"]);
    expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
  });

  it("writes the facts an IG lead needs, lists joined with semicolons", () => {
    const [header, row] = parseCsv(exportDisclosuresCsv([sampleAuditEntry()]));
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell("occurred_at")).toBe("2026-10-05T09:30:00.000Z");
    expect(cell("principal_agency")).toBe("SCH-199001");
    expect(cell("purpose")).toBe("REFERRAL_TRIAGE");
    expect(cell("child_suis")).toBe("9990000018");
    expect(cell("fields_disclosed")).toBe("socialCare[0].status; socialCare[0].allocatedWorkerContact");
    expect(cell("fields_withheld")).toBe("health[0].conditions: health-special-category");
    expect(cell("break_glass")).toBe("false");
    expect(JSON.parse(cell("details"))).toEqual({ grantingRules: ["dsl-on-roll"] });
  });

  it("quotes commas, quotes and line breaks (RFC 4180) and reads back verbatim", () => {
    const text = 'Mum said "he, was\r\nfine"\nthen left';
    expect(exportedJustification(text)).toBe(text);
    expect(exportDisclosuresCsv([sampleAuditEntry({ access: { ...sampleAuditEntry().access!, justification: 'a "b", c' } })])).toContain('"a ""b"", c"');
  });

  it.each(["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1"])(
    "makes a cell starting like a formula inert: %j",
    (justification) => {
      expect(exportedJustification(justification)).toBe(`'${justification}`);
    },
  );

  it("leaves ordinary text alone", () => {
    expect(exportedJustification("Strategy discussion = agreed")).toBe("Strategy discussion = agreed");
  });

  it("writes empty cells for an entry without an access context", () => {
    const [header, row] = parseCsv(exportDisclosuresCsv([sampleAuditEntry({ access: null })]));
    expect(row[header.indexOf("purpose")]).toBe("");
    expect(row[header.indexOf("justification")]).toBe("");
  });
});

describe("an entry without a policy version", () => {
  it("has an empty policy_version cell", () => {
    const [header, row] = parseCsv(exportDisclosuresCsv([sampleAuditEntry({ policyVersion: null })]));
    expect(row[header.indexOf("policy_version")]).toBe("");
  });
});
