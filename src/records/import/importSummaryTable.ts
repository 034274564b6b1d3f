import { type ImportSummary } from "./importRecords";

/**
 * The summary an operator reads at the end of an import: counts, time and rate, and nothing about
 * any child. Counts cover every run of the import; the rate is this run's.
 */
export function importSummaryTable(summary: ImportSummary): string {
  const { tallies } = summary;
  const rejected = Object.values(tallies.rejected).reduce((sum, value) => sum + value, 0);
  const seconds = summary.elapsedMs / 1000;
  const rows: [string, string][] = [
    ["records read", String(tallies.read)],
    ["  created", String(tallies.outcomes.CREATED)],
    ["  updated", String(tallies.outcomes.UPDATED)],
    ["  unchanged", String(tallies.outcomes.UNCHANGED)],
    ["  rejected", String(rejected)],
    ...sorted(tallies.rejected).map(([code, value]): [string, string] => [`    ${code}`, String(value)]),
    ...(Object.keys(tallies.links).length > 0 ? [["links", ""] as [string, string]] : []),
    ...sorted(tallies.links).map(([state, value]): [string, string] => [`  ${state}`, String(value)]),
    ["elapsed", `${seconds.toFixed(1)} s`],
    ["records/s", summary.readThisRun > 0 && seconds > 0 ? (summary.readThisRun / seconds).toFixed(1) : "-"],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(labelWidth)}${value.padStart(valueWidth)}`.trimEnd());
  if (summary.resumedAfterLine !== null && summary.readThisRun > 0) {
    lines.push(`(resumed after line ${summary.resumedAfterLine}: the counts include earlier runs; this run read ${summary.readThisRun})`);
  }
  return `${lines.join("\n")}\n`;
}

function sorted(tally: Record<string, number>): [string, number][] {
  return Object.entries(tally).sort(([a], [b]) => a.localeCompare(b));
}
