import { emptyTallies } from "../ImportTallies";
import { ImportState, type ImportSummary } from "../importRecords";
import { importSummaryTable } from "../importSummaryTable";

const summary = (overrides: Partial<ImportSummary>): ImportSummary => ({
  state: ImportState.COMPLETE,
  tallies: emptyTallies(),
  resumedAfterLine: null,
  lastLine: 0,
  readThisRun: 0,
  elapsedMs: 0,
  ...overrides,
});

describe("importSummaryTable", () => {
  it("lists records read, each outcome, refusals by code, links by outcome, time and this run's rate", () => {
    const tallies = { read: 10, outcomes: { CREATED: 5, UPDATED: 1, UNCHANGED: 1 }, links: { SUI: 6, NEW_CHILD: 1 }, rejected: { INVALID_SUI: 1, INVALID_INPUT: 2 } };
    expect(importSummaryTable(summary({ tallies, readThisRun: 4, resumedAfterLine: 6, lastLine: 10, elapsedMs: 2000 }))).toBe(
      [
        "records read          10",
        "  created              5",
        "  updated              1",
        "  unchanged            1",
        "  rejected             3",
        "    INVALID_INPUT      2",
        "    INVALID_SUI        1",
        "links",
        "  NEW_CHILD            1",
        "  SUI                  6",
        "elapsed            2.0 s",
        "records/s            2.0",
        "(resumed after line 6: the counts include earlier runs; this run read 4)",
        "",
      ].join("\n"),
    );
  });

  it("gives no rate, and no links section, for a run that read nothing", () => {
    const table = importSummaryTable(summary({ state: ImportState.ALREADY_COMPLETE, elapsedMs: 50 }));
    expect(table).toMatch(/^records\/s\s+-$/m);
    expect(table).not.toContain("links");
  });
});
