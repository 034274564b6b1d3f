import { deadline } from "../../timescales/deadline";
import { TIMESCALE_IDS, TimescaleId } from "../../timescales/TimescaleId";
import { loadPolicies } from "../loadPolicies";
import { editFixture, expectAt, FIXTURE_FILES, lineOf, loadError, writePolicyDir } from "./policyFixture";

const FIRST_DURATION = "duration: { amount: 1, unit: WORKING_DAYS }";
const WORKING_DAYS_REGION = "  region: GB/ENG\n";

/** The fixture's timescales.yaml with the working-days section given these extra lines. */
const withWorkingDays = (lines: string): Record<string, string> => editFixture("timescales.yaml", WORKING_DAYS_REGION, `${WORKING_DAYS_REGION}${lines}`);

describe("timescales in policies/", () => {
  test("load: the calendar, the edition, every timescale with its start event and duration", () => {
    const policy = loadPolicies(writePolicyDir());
    expect(policy.workingDays.id).toBe("working-days");
    expect(policy.workingDays.calendar.rules.region).toBe("GB/ENG");
    expect(policy.timescaleEditions.map(({ id, effectiveFrom, source }) => [id, effectiveFrom, source.line])).toEqual([["edition-2023", "2023-12-15", 6]]);
    expect([...(policy.timescaleEditions[0]?.timescales.keys() ?? [])]).toEqual(TIMESCALE_IDS);
    expect(policy.timescaleEditions[0]?.timescales.get(TimescaleId.REFERRAL_DECISION)).toEqual({
      id: "REFERRAL_DECISION",
      description: "REFERRAL_DECISION under the edition.",
      startEvent: "REFERRAL_RECEIVED",
      duration: { amount: 1, unit: "WORKING_DAYS" },
      extension: null,
    });
  });

  test("an extension and a working-day start are read as data", () => {
    const changes = editFixture("timescales.yaml", FIRST_DURATION, `${FIRST_DURATION}\n        extension: { amount: 7, unit: CALENDAR_DAYS }`);
    expect(loadPolicies(writePolicyDir(changes)).timescaleEditions[0]?.timescales.get(TimescaleId.REFERRAL_DECISION)?.extension).toEqual({ amount: 7, unit: "CALENDAR_DAYS" });
    const starts = editFixture("timescales.yaml", FIRST_DURATION, 'duration: { amount: 1, unit: WORKING_DAY_STARTS, dayStartsAt: "08:30" }');
    expect(loadPolicies(writePolicyDir(starts)).timescaleEditions[0]?.timescales.get(TimescaleId.REFERRAL_DECISION)?.duration).toEqual({ amount: 1, unit: "WORKING_DAY_STARTS", dayStartsAt: "08:30" });
  });

  test("calendar months are read as data, moving to a working day only when the policy says so", () => {
    const months = editFixture("timescales.yaml", FIRST_DURATION, "duration: { amount: 1, unit: CALENDAR_MONTHS, nextWorkingDay: true }\n        extension: { amount: 2, unit: CALENDAR_MONTHS }");
    const timescale = loadPolicies(writePolicyDir(months)).timescaleEditions[0]?.timescales.get(TimescaleId.REFERRAL_DECISION);
    expect([timescale?.duration, timescale?.extension]).toEqual([{ amount: 1, unit: "CALENDAR_MONTHS", nextWorkingDay: true }, { amount: 2, unit: "CALENDAR_MONTHS", nextWorkingDay: false }]);
  });

  test("an unknown key names the file and the line", () => {
    const changes = editFixture("timescales.yaml", "        startEvent: REFERRAL_RECEIVED", "        start: REFERRAL_RECEIVED");
    const error = loadError(changes);
    expectAt(error, changes, "timescales.yaml", "start: REFERRAL_RECEIVED");
    expect(error.problem).toContain('unknown key "start"');
  });

  test("bad durations name the file and the line", () => {
    const cases: [string, string][] = [
      ["duration: { amount: -1, unit: WORKING_DAYS }", "expected a whole number of at least 0"],
      ["duration: { amount: 1.5, unit: WORKING_DAYS }", "expected a whole number of at least 0"],
      ['duration: { amount: "1", unit: WORKING_DAYS }', "expected a whole number of at least 0"],
      ["duration: { amount: 0, unit: HOURS }", "expected a whole number of at least 1"],
      ["duration: { amount: 1, unit: DAYS }", 'unknown duration unit "DAYS"'],
      ["duration: { amount: 1, unit: WORKING_DAYS, dayStartsAt: \"08:30\" }", '"dayStartsAt" goes only with unit WORKING_DAY_STARTS'],
      ["duration: { amount: 1, unit: WORKING_DAY_STARTS }", 'needs "dayStartsAt"'],
      ['duration: { amount: 1, unit: WORKING_DAY_STARTS, dayStartsAt: "8:30" }', 'expected a time of day written HH:MM, got "8:30"'],
      ['duration: { amount: 1, unit: WORKING_DAY_STARTS, dayStartsAt: "24:00" }', 'expected a time of day written HH:MM, got "24:00"'],
      ["duration: { amount: 1 }", 'missing required key "unit"'],
      ["duration: 1 working day", "expected a mapping"],
      [`${FIRST_DURATION}\n        extension: { amount: 0, unit: CALENDAR_DAYS }`, "expected a whole number of at least 1"],
      ["duration: { amount: 0, unit: CALENDAR_MONTHS }", "expected a whole number of at least 1"],
      ["duration: { amount: 1, unit: CALENDAR_MONTHS, nextWorkingDay: yes please }", "expected true or false"],
      ["duration: { amount: 1, unit: CALENDAR_DAYS, nextWorkingDay: true }", '"nextWorkingDay" goes only with unit CALENDAR_MONTHS'],
      ['duration: { amount: 1, unit: CALENDAR_MONTHS, dayStartsAt: "08:30" }', '"dayStartsAt" goes only with unit WORKING_DAY_STARTS'],
    ];
    for (const [to, problem] of cases) {
      const changes = editFixture("timescales.yaml", FIRST_DURATION, to);
      const error = loadError(changes);
      expect([to, error.problem]).toEqual([to, expect.stringContaining(problem)]);
      expect([to, error.line]).toEqual([to, lineOf(changes["timescales.yaml"] ?? "", to.includes("extension: { amount: 0") ? "extension:" : "duration:")]);
    }
  });

  test("unknown timescale ids and start events", () => {
    const id = editFixture("timescales.yaml", "- id: REFERRAL_DECISION\n", "- id: REFERRAL_DECISIONS\n");
    expectAt(loadError(id), id, "timescales.yaml", "REFERRAL_DECISIONS");
    expect(loadError(id).problem).toContain('unknown timescale "REFERRAL_DECISIONS"');
    const event = editFixture("timescales.yaml", "startEvent: REFERRAL_RECEIVED", "startEvent: REFERRAL_MADE");
    expectAt(loadError(event), event, "timescales.yaml", "REFERRAL_MADE");
    expect(loadError(event).problem).toContain('unknown start event "REFERRAL_MADE"');
  });

  test("a timescale defined twice in an edition names both lines", () => {
    const changes = editFixture("timescales.yaml", "- id: STRATEGY_DISCUSSION\n", "- id: REFERRAL_DECISION\n");
    const error = loadError(changes);
    expectAt(error, changes, "timescales.yaml", "- id: REFERRAL_DECISION\n        description: STRATEGY_DISCUSSION");
    expect(error.problem).toContain(`timescale REFERRAL_DECISION is already defined in this edition at line ${lineOf(changes["timescales.yaml"] ?? "", "- id: REFERRAL_DECISION")}`);
  });

  test("an edition that leaves out a timescale the hub knows is refused", () => {
    const text = FIXTURE_FILES["timescales.yaml"] ?? "";
    const withoutPoliceProtection = text.replace(/ {6}- id: POLICE_PROTECTION\n(?: {8}.*\n)+/, "");
    expect(withoutPoliceProtection).not.toContain("POLICE_PROTECTION");
    expect(loadError({ "timescales.yaml": withoutPoliceProtection }).problem).toContain("the edition does not define POLICE_PROTECTION");
  });

  test("two editions in force from the same day are refused; editions come back oldest first", () => {
    const text = FIXTURE_FILES["timescales.yaml"] ?? "";
    const edition = text.slice(text.indexOf("timescaleEditions:\n"));
    const later = (from: string, id: string): string => edition.replace("id: edition-2023", `id: ${id}`).replace("effectiveFrom: 2023-12-15", `effectiveFrom: ${from}`);
    const clash = { "z-later.yaml": later("2023-12-15", "edition-clash") };
    const error = loadError(clash);
    expect(error.file.endsWith("z-later.yaml")).toBe(true);
    expect(error.problem).toContain(`edition "edition-clash" comes into force on 2023-12-15, as the edition at `);
    const policy = loadPolicies(writePolicyDir({ "a-later.yaml": later("2027-07-01", "edition-2027") }));
    expect(policy.timescaleEditions.map(({ id }) => id)).toEqual(["edition-2023", "edition-2027"]);
  });

  test("edition ids are rule ids: unique across every file, lower-case words", () => {
    const taken = editFixture("timescales.yaml", "id: edition-2023", "id: grant-health");
    expect(loadError(taken).problem).toContain('rule id "grant-health" is already used at ');
    expect(loadError(editFixture("timescales.yaml", "id: edition-2023", "id: Edition2023")).problem).toContain("lower-case words");
  });

  test("both sections are required, the working days once", () => {
    const text = FIXTURE_FILES["timescales.yaml"] ?? "";
    expect(loadError({ "timescales.yaml": text.slice(0, text.indexOf("timescaleEditions:")) }).message).toContain('no policy file defines "timescaleEditions"');
    expect(loadError({ "timescales.yaml": text.slice(text.indexOf("timescaleEditions:")) }).message).toContain('no policy file defines "workingDays"');
    const again = { "more.yaml": "workingDays:\n  id: working-days-again\n  description: Again.\n  region: GB/ENG\n" };
    expect(loadError(again).problem).toContain('"workingDays" is already defined at ');
  });

  test("a holiday region date-holidays does not know, or that keeps another time, is refused at its line", () => {
    const unknown = editFixture("timescales.yaml", "region: GB/ENG", "region: GB/ENGLAND");
    expectAt(loadError(unknown), unknown, "timescales.yaml", "region: GB/ENGLAND");
    expect(loadError(unknown).problem).toContain('unknown holiday region "GB/ENGLAND"');
    expect(loadError(editFixture("timescales.yaml", "region: GB/ENG", "region: DE/BY")).problem).toContain("does not keep Europe/London time");
  });

  test("a one-off bank holiday from the policy moves deadlines", () => {
    const changes = withWorkingDays("  additionalHolidays:\n    - date: 2027-06-04\n      description: A one-off bank holiday by Royal Proclamation.\n");
    const policy = loadPolicies(writePolicyDir(changes));
    expect(policy.workingDays.calendar.isWorkingDay("2027-06-04")).toBe(false);
    expect(deadline(TimescaleId.REFERRAL_DECISION, new Date("2027-06-03T17:30:00+01:00"), policy).dueAt.toISOString()).toBe("2027-06-07T22:59:59.999Z");
    expect(deadline(TimescaleId.REFERRAL_DECISION, new Date("2027-06-03T17:30:00+01:00"), loadPolicies(writePolicyDir())).dueAt.toISOString()).toBe("2027-06-04T22:59:59.999Z");
  });

  test("a one-off holiday the library has since learnt still loads: upgrading date-holidays must not stop the hub", () => {
    const coronation = withWorkingDays("  additionalHolidays:\n    - date: 2023-05-08\n      description: Coronation of King Charles III.\n");
    expect(loadPolicies(writePolicyDir(coronation)).workingDays.calendar.isWorkingDay("2023-05-08")).toBe(false);
  });

  test("changes to the holidays that change nothing are mistakes, named at their line", () => {
    const cases: [string, string, string][] = [
      ["  additionalHolidays:\n    - date: 2027-06-05\n      description: A Saturday.\n", "2027-06-05", "is a Saturday, never a working day"],
      ["  additionalHolidays:\n    - date: 2027-06-04\n      description: One.\n    - date: 2027-06-04\n      description: Two.\n", "2027-06-04\n      description: Two", "2027-06-04 is already listed at line"],
      ["  additionalHolidays:\n    - date: 2027-06-31\n      description: No such day.\n", "2027-06-31", "expected a date written YYYY-MM-DD"],
      ["  additionalHolidays:\n    - date: 2027-06-04\n      name: A one-off.\n", "name:", 'unknown key "name"'],
      ["  removedHolidays:\n    - date: 2027-05-04\n      description: Not a holiday.\n", "2027-05-04", "2027-05-04 is not a bank holiday in GB/ENG: there is nothing to remove"],
      ["  additionalHolidays:\n    - date: 2027-05-03\n      description: Added.\n  removedHolidays:\n    - date: 2027-05-03\n      description: Removed.\n", "2027-05-03\n      description: Removed", "is also an additional holiday at line"],
    ];
    for (const [lines, marker, problem] of cases) {
      const changes = withWorkingDays(lines);
      const error = loadError(changes);
      expect([lines, error.problem]).toEqual([lines, expect.stringContaining(problem)]);
      expect([lines, error.line]).toEqual([lines, lineOf(changes["timescales.yaml"] ?? "", marker)]);
    }
  });

  test("count in the policy version", () => {
    const version = (changes: Record<string, string> = {}): string => loadPolicies(writePolicyDir(changes)).version;
    expect(version(editFixture("timescales.yaml", FIRST_DURATION, "duration: { amount: 2, unit: WORKING_DAYS }"))).not.toBe(version());
    expect(version(withWorkingDays("  additionalHolidays:\n    - date: 2027-06-04\n      description: A one-off.\n"))).not.toBe(version());
  });
});

describe("the holidays a policy adds or removes, word for word", () => {
  test("a one-off holiday on a Sunday is named as one", () => {
    expect(loadError(withWorkingDays("  additionalHolidays:\n    - date: 2027-06-06\n      description: A Sunday.\n")).problem)
      .toBe("2027-06-06 is a Sunday, never a working day: a one-off bank holiday on it changes nothing (at (document).workingDays.additionalHolidays[0].date)");
  });

  test("a bank holiday removed while another day is added: the removed one is a working day, the added one is not", () => {
    const changes = withWorkingDays("  additionalHolidays:\n    - date: 2027-05-04\n      description: Moved.\n  removedHolidays:\n    - date: 2027-05-03\n      description: Moved from.\n");
    const calendar = loadPolicies(writePolicyDir(changes)).workingDays.calendar;
    expect([calendar.isWorkingDay("2027-05-03"), calendar.isWorkingDay("2027-05-04")]).toEqual([true, false]);
  });

  test("an edition missing several timescales names each", () => {
    const text = FIXTURE_FILES["timescales.yaml"] ?? "";
    const [first, second] = TIMESCALE_IDS;
    const without = text.replace(new RegExp(` {6}- id: ${first}\\n(?: {8}.*\\n)+`), "").replace(new RegExp(` {6}- id: ${second}\\n(?: {8}.*\\n?)+`), "");
    expect(loadError({ "timescales.yaml": without }).problem).toMatch(new RegExp(`^the edition does not define ${first}, ${second}; every edition defines every timescale`));
  });
});
