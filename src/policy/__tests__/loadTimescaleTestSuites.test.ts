import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { loadPolicies } from "../loadPolicies";
import { loadTimescaleTestSuites } from "../loadTimescaleTestSuites";
import { PolicyError } from "../PolicyError";
import { runTimescaleTestCase } from "../runTimescaleTestCase";
import { lineOf, writePolicyDir } from "./policyFixture";

// The fixture policy: every timescale is 1 working day from a referral, under edition-2023.
const policy = loadPolicies(writePolicyDir());

const SUITE = `description: A timescale suite against the fixture policy.
workingDays:
  2026-12-25: false
  2026-12-29: true
cases:
  - name: Christmas Eve to the end of Tuesday
    timescale: REFERRAL_DECISION
    startedAt: 2026-12-24T17:30
    expect:
      dueAt: 2026-12-29T23:59:59.999
      edition: edition-2023
      startEvent: REFERRAL_RECEIVED
      extendedDueAt: null
`;

function load(text: string): ReturnType<typeof loadTimescaleTestSuites> {
  const dir = mkdtempSync(join(tmpdir(), "hub-timescale-tests-"));
  writeFileSync(join(dir, "fixture.test.yaml"), text);
  writeFileSync(join(dir, "notes.md"), "not a suite");
  return loadTimescaleTestSuites(dir, policy);
}

function loadError(text: string): PolicyError {
  try {
    load(text);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("loadTimescaleTestSuites", () => {
  test("reads cases and pinned working days; instants without an offset are London time", () => {
    const [suite, ...others] = load(SUITE);
    expect(others).toEqual([]);
    expect(suite?.workingDays).toEqual([
      { date: "2026-12-25", line: 3, working: false },
      { date: "2026-12-29", line: 4, working: true },
    ]);
    const [testCase] = suite?.cases ?? [];
    expect(testCase).toMatchObject({ name: "Christmas Eve to the end of Tuesday", line: 6, timescale: "REFERRAL_DECISION", startedAt: new Date("2026-12-24T17:30:00Z"), at: null });
    expect(testCase?.expected).toEqual({ dueAt: "2026-12-29T23:59:59.999+00:00", edition: "edition-2023", startEvent: "REFERRAL_RECEIVED", extendedDueAt: null });
    expect(testCase && runTimescaleTestCase(policy, testCase)).toEqual(testCase?.expected);
  });

  test("the suite's description, or none; a case's own instant to decide at; a suite of pinned working days alone", () => {
    const [suite] = load(SUITE);
    expect(suite?.description).toBe("A timescale suite against the fixture policy.");
    const withoutDescription = load(SUITE.replace("description: A timescale suite against the fixture policy.\n", ""))[0];
    expect(withoutDescription?.description).toBeNull();
    const [atCase] = load(SUITE.replace("    startedAt: 2026-12-24T17:30\n", "    startedAt: 2026-12-24T17:30\n    at: 2026-12-28T09:00\n"))[0]?.cases ?? [];
    expect(atCase?.at).toEqual(new Date("2026-12-28T09:00:00Z"));
    const workingDaysOnly = load(SUITE.slice(0, SUITE.indexOf("cases:")))[0];
    expect(workingDaysOnly?.cases).toEqual([]);
    expect(workingDaysOnly?.workingDays.map(({ date }) => date)).toEqual(["2026-12-25", "2026-12-29"]);
  });

  test("a case compares only what it states", () => {
    const [testCase] = load(SUITE.replace(/ {6}edition: .*\n {6}startEvent: .*\n {6}extendedDueAt: null\n/, ""))[0]?.cases ?? [];
    expect(testCase?.expected).toEqual({ dueAt: "2026-12-29T23:59:59.999+00:00" });
    expect(testCase && runTimescaleTestCase(policy, testCase)).toEqual({ dueAt: "2026-12-29T23:59:59.999+00:00" });
  });

  test("a wrong expectation fails the comparison", () => {
    const [testCase] = load(SUITE.replace("dueAt: 2026-12-29T23:59:59.999", "dueAt: 2026-12-28T23:59:59.999"))[0]?.cases ?? [];
    expect(testCase && runTimescaleTestCase(policy, testCase)).not.toEqual(testCase?.expected);
  });

  test("mistakes are PolicyErrors naming the file and line", () => {
    const cases: [string, string, string][] = [
      ["    timescale: REFERRAL_DECISION", "    timescale: REFERRAL", 'unknown timescale "REFERRAL"'],
      ["    startedAt: 2026-12-24T17:30", "    started: 2026-12-24T17:30", 'unknown key "started"'],
      ["    startedAt: 2026-12-24T17:30", "    startedAt: 2026-12-24", "expected a date and time"],
      ["    startedAt: 2026-12-24T17:30", "    startedAt: 2026-10-25T01:30", "happens twice in Europe/London"],
      ["    startedAt: 2026-12-24T17:30", "    startedAt: 2026-03-29T01:30", "does not happen in Europe/London"],
      ["      edition: edition-2023", "      edition: working-together-2018", 'unknown edition "working-together-2018"'],
      ["      startEvent: REFERRAL_RECEIVED", "      startEvent: REFERRAL", 'unknown start event "REFERRAL"'],
      ["      dueAt: 2026-12-29T23:59:59.999", "      due: 2026-12-29T23:59:59.999", 'unknown key "due"'],
      ["  2026-12-25: false", "  2026-12-25: no", "expected true or false"],
      ["  2026-12-25: false", "  2026-12-32: false", "expected a date written YYYY-MM-DD"],
    ];
    for (const [from, to, problem] of cases) {
      const text = SUITE.replace(from, to);
      const error = loadError(text);
      expect([to, error.problem]).toEqual([to, expect.stringContaining(problem)]);
      expect([to, error.line]).toEqual([to, lineOf(text, to.trim().startsWith("2026-12-25") ? "2026-12-25" : to.trim())]);
      expect(error.file.endsWith("fixture.test.yaml")).toBe(true);
    }
  });

  // timescaleSuites.test.ts runs the same suites, loaded as the file loads (to name a test per case);
  // here they load inside a test, so that what the loader makes of them is measured.
  test("the hub's own timescale suites load, and each case and pinned working day is as it expects", () => {
    const policiesDir = join(__dirname, "..", "..", "..", "policies");
    const real = loadPolicies(policiesDir);
    const suites = loadTimescaleTestSuites(join(policiesDir, "tests", "timescales"), real);
    expect(suites.flatMap((suite) => suite.cases).length).toBeGreaterThan(10);
    expect(suites.some((suite) => suite.workingDays.length > 0)).toBe(true);
    const failing = suites.flatMap((suite) => [
      ...suite.cases.filter((testCase) => !isDeepStrictEqual(runTimescaleTestCase(real, testCase), testCase.expected)).map((testCase) => `${suite.file}:${testCase.line}`),
      ...suite.workingDays.filter(({ date, working }) => real.workingDays.calendar.isWorkingDay(date) !== working).map(({ line }) => `${suite.file}:${line}`),
    ]);
    expect(failing).toEqual([]);
  });

  test("two cases with one name, and a suite with nothing in it, are refused", () => {
    const twice = `${SUITE}${SUITE.slice(SUITE.indexOf("  - name:"))}`;
    expect(loadError(twice).problem).toContain('a case named "Christmas Eve to the end of Tuesday" already exists');
    expect(loadError("description: Nothing.\n").problem).toContain("at least one case");
  });
});
