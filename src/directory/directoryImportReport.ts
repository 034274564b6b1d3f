import { type DirectoryLineFault } from "./DirectoryLine";
import { type DirectoryImportSummary } from "./importDirectory";

/** A faulty line as the maintainer can act on it, tab-separated: where, which agency, the stable problem, the field, what to do. */
export function describeDirectoryFault(fault: DirectoryLineFault): string {
  return [`line ${fault.line}`, fault.code ?? "-", fault.problem, fault.field, fault.message].join("\t");
}

/** The summary printed at the end of an import: what was written (or why nothing was), and the codes created, updated and proposed. */
export function directoryImportReport(summary: DirectoryImportSummary): string {
  if (!summary.applied) {
    return `${summary.lines} lines read; ${summary.faults.length} with faults, so nothing was written. Correct them and run the import again.\n`;
  }
  const rows = [
    `${summary.lines} lines read`,
    `  created    ${summary.created.length}${summary.created.length > 0 ? `  ${summary.created.join(" ")}` : ""}`,
    `  updated    ${summary.updated.length}${summary.updated.length > 0 ? `  ${summary.updated.join(" ")}` : ""}`,
    `  proposed   ${summary.proposed.length}${summary.proposed.length > 0 ? `  ${summary.proposed.join(" ")}  (waiting for a directory administrator's approval: pendingAgencyChanges)` : ""}`,
    `  unchanged  ${summary.unchanged}`,
  ];
  return `${rows.join("\n")}\n`;
}
