import { type AuditEntry } from "./AuditEntry";

/** One column: its header and how an entry fills it. Lists inside a cell are joined with "; ". */
const COLUMNS: [header: string, value: (entry: AuditEntry) => string][] = [
  ["id", (e) => e.id],
  ["occurred_at", (e) => e.occurredAt.toISOString()],
  ["request_id", (e) => e.requestId],
  ["operation", (e) => e.operation],
  ["outcome", (e) => e.outcome],
  ["principal_sub", (e) => e.principal.sub],
  ["principal_agency", (e) => e.principal.agency],
  ["principal_agency_type", (e) => e.principal.agencyType],
  ["principal_roles", (e) => e.principal.roles.join("; ")],
  ["purpose", (e) => e.access?.purpose ?? ""],
  ["lawful_basis", (e) => e.access?.lawfulBasis ?? ""],
  ["special_category_condition", (e) => e.access?.specialCategoryCondition ?? ""],
  ["justification", (e) => e.access?.justification ?? ""],
  ["case_reference", (e) => e.access?.caseReference ?? ""],
  ["break_glass", (e) => String(e.breakGlass)],
  ["child_suis", (e) => e.childSuis.join("; ")],
  ["other_children", (e) => String(e.otherChildren)],
  ["refusal_code", (e) => e.refusal?.code ?? ""],
  ["refusal_problem", (e) => e.refusal?.problem ?? ""],
  ["refusal_rule", (e) => e.refusal?.rule ?? ""],
  ["fields_disclosed", (e) => e.fieldsDisclosed.join("; ")],
  ["fields_withheld", (e) => e.fieldsWithheld.map(({ path, rule }) => `${path}: ${rule}`).join("; ")],
  ["policy_version", (e) => e.policyVersion ?? ""],
  ["prejudices_investigation", (e) => String(e.prejudicesInvestigation)],
  ["details", (e) => JSON.stringify(e.details)],
  ["chain", (e) => String(e.chain)],
  ["sequence", (e) => String(e.sequence)],
  ["hash", (e) => e.hash ?? ""],
  // What of the entry is withheld from the reader (an empty justification is then withheld, not unwritten).
  ["redactions", (e) => e.redactions.map(({ path, rule }) => `${path}: ${rule}`).join("; ")],
];

/**
 * A spreadsheet reads a cell that starts with = + - @ (or a tab or carriage return, which some strip
 * first) as a formula, and a justification is free text a practitioner typed: `=HYPERLINK(...)` would
 * run on the IG lead's machine (CSV injection, OWASP). A leading apostrophe makes it text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: a field with a quote, comma or line break is quoted, and its quotes doubled. */
function csvField(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/** The entries as RFC 4180 CSV (header row, CRLF line ends), safe to open in a spreadsheet. */
export function exportDisclosuresCsv(entries: AuditEntry[]): string {
  const rows = [COLUMNS.map(([header]) => header), ...entries.map((entry) => COLUMNS.map(([, value]) => value(entry)))];
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
