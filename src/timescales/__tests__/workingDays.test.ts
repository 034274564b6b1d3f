import { WorkingDayCalendar, type WorkingDayRules } from "../workingDays";

const england = (overrides: Partial<WorkingDayRules> = {}): WorkingDayCalendar =>
  new WorkingDayCalendar({ region: "GB/ENG", additionalHolidays: [], removedHolidays: [], ...overrides });

const calendar = england();
const iso = (instant: Date): string => instant.toISOString();

describe("working days in England", () => {
  test("bank holidays of 2026 and 2027 are not working days, substitute days included", () => {
    const holidays = [
      "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
      "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    ];
    expect(holidays.filter((date) => calendar.isWorkingDay(date))).toEqual([]);
    expect(calendar.holidayOn("2026-12-28")).toBe("Boxing Day (substitute day)");
    expect(calendar.holidayOn("2027-03-26")).toBe("Good Friday");
  });

  test("the days around them are working days; weekends never are; observances do not count", () => {
    expect(["2026-12-24", "2026-12-29", "2027-03-25", "2027-03-30", "2027-06-01"].every((date) => calendar.isWorkingDay(date))).toBe(true);
    expect(calendar.isWorkingDay("2026-12-26")).toBe(false); // Saturday (Boxing Day itself)
    expect(calendar.isWorkingDay("2026-12-27")).toBe(false); // Sunday
    expect(calendar.holidayOn("2026-12-27")).toBeNull();
    expect(calendar.holidayOn("2026-03-15")).toBeNull(); // Mother's Day is an observance, a Sunday anyway
  });

  test("an instant is judged by its day in Europe/London, not in UTC", () => {
    // 23:30 UTC on Sunday 30 August 2026 is 00:30 BST on the Summer bank holiday.
    expect(calendar.isWorkingDay(new Date("2026-08-30T23:30:00Z"))).toBe(false);
    // 23:30 UTC on the bank holiday is 00:30 BST on Tuesday 1 September: a working day.
    expect(calendar.isWorkingDay(new Date("2026-08-31T23:30:00Z"))).toBe(true);
  });

  test("a date that is not one, an instant that is not one, and a bad count are refused", () => {
    expect(() => calendar.isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => calendar.isWorkingDay("26-12-2026")).toThrow(RangeError);
    expect(() => calendar.isWorkingDay(new Date("not a date"))).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date("2026-06-01T12:00:00Z"), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date("2026-06-01T12:00:00Z"), 1.5)).toThrow(RangeError);
    expect(() => calendar.workingDayStartAfter(new Date("2026-06-01T12:00:00Z"), 1, "8:30")).toThrow(RangeError);
  });
});

describe("adding working days: a period ends at 23:59:59.999 Europe/London on its last day and never counts its first", () => {
  test("received 17:30 on a Friday before a bank-holiday Monday: due at the end of Tuesday", () => {
    // Friday 28 May 2027, Spring bank holiday Monday 31 May; BST, so the end of Tuesday is 22:59:59.999Z.
    expect(iso(calendar.addWorkingDays(new Date("2027-05-28T17:30:00+01:00"), 1))).toBe("2027-06-01T22:59:59.999Z");
  });

  test("received on Christmas Eve 2026: Christmas Day, the weekend and the substitute Boxing Day are skipped", () => {
    expect(iso(calendar.addWorkingDays(new Date("2026-12-24T17:30:00Z"), 1))).toBe("2026-12-29T23:59:59.999Z");
  });

  test("Easter 2027, with the clocks going forward on Easter Sunday", () => {
    // Thursday 25 March (GMT) → Good Friday, weekend (BST from Sunday 28th), Easter Monday → end of Tuesday 30th in BST.
    expect(iso(calendar.addWorkingDays(new Date("2027-03-25T17:00:00Z"), 1))).toBe("2027-03-30T22:59:59.999Z");
  });

  test("across the last Sunday of March and of October the day still ends at midnight London time", () => {
    expect(iso(calendar.addWorkingDays(new Date("2026-03-27T17:30:00Z"), 1))).toBe("2026-03-30T22:59:59.999Z");
    expect(iso(calendar.addWorkingDays(new Date("2026-10-23T17:30:00+01:00"), 1))).toBe("2026-10-26T23:59:59.999Z");
  });

  test("a start in the small hours belongs to its London day", () => {
    // 00:30 BST on Tuesday 2 June 2026 is still Monday in UTC: one working day is the end of Wednesday.
    expect(iso(calendar.addWorkingDays(new Date("2026-06-01T23:30:00Z"), 1))).toBe("2026-06-03T22:59:59.999Z");
  });

  test("15 and 45 working days over Christmas and New Year", () => {
    expect(iso(calendar.addWorkingDays(new Date("2026-12-14T10:00:00Z"), 15))).toBe("2027-01-07T23:59:59.999Z");
    expect(iso(calendar.addWorkingDays(new Date("2026-11-02T10:00:00Z"), 45))).toBe("2027-01-07T23:59:59.999Z");
  });

  test("0 working days: the end of the day itself, or of the next working day when it is not one", () => {
    expect(iso(calendar.addWorkingDays(new Date("2026-06-02T09:00:00+01:00"), 0))).toBe("2026-06-02T22:59:59.999Z");
    expect(iso(calendar.addWorkingDays(new Date("2026-12-26T09:00:00Z"), 0))).toBe("2026-12-29T23:59:59.999Z");
  });
});

describe("working days between two instants", () => {
  test("counts the working days from the day after the first to the day of the second", () => {
    const received = new Date("2026-12-24T17:30:00Z");
    expect(calendar.workingDaysBetween(received, new Date("2026-12-24T23:00:00Z"))).toBe(0);
    expect(calendar.workingDaysBetween(received, new Date("2026-12-28T12:00:00Z"))).toBe(0);
    expect(calendar.workingDaysBetween(received, new Date("2026-12-29T08:00:00Z"))).toBe(1);
    expect(calendar.workingDaysBetween(received, new Date("2027-01-04T08:00:00Z"))).toBe(4);
    expect(calendar.workingDaysBetween(new Date("2026-12-29T08:00:00Z"), received)).toBe(-1);
  });

  test("is the inverse of adding working days, whatever the start", () => {
    const starts = ["2026-03-27T17:30:00Z", "2026-10-24T01:30:00Z", "2026-12-24T17:30:00Z", "2027-03-25T23:30:00Z", "2027-05-29T12:00:00Z"];
    for (const start of starts) {
      for (let days = 1; days <= 30; days += 1) {
        expect([start, days, calendar.workingDaysBetween(new Date(start), calendar.addWorkingDays(new Date(start), days))]).toEqual([start, days, days]);
      }
    }
  });
});

describe("working-day starts (before the next school day)", () => {
  test("an incident in the small hours of a working day is due by that morning; one in the day by the next", () => {
    expect(iso(calendar.workingDayStartAfter(new Date("2026-06-02T02:00:00+01:00"), 1, "08:30"))).toBe("2026-06-02T07:30:00.000Z");
    expect(iso(calendar.workingDayStartAfter(new Date("2026-06-02T10:00:00+01:00"), 1, "08:30"))).toBe("2026-06-03T07:30:00.000Z");
    expect(iso(calendar.workingDayStartAfter(new Date("2026-06-02T08:30:00+01:00"), 1, "08:30"))).toBe("2026-06-03T07:30:00.000Z");
  });

  test("weekends and bank holidays are skipped, at the time the clocks show that morning", () => {
    expect(iso(calendar.workingDayStartAfter(new Date("2027-05-28T20:00:00+01:00"), 1, "08:30"))).toBe("2027-06-01T07:30:00.000Z");
    expect(iso(calendar.workingDayStartAfter(new Date("2026-03-28T12:00:00Z"), 1, "08:30"))).toBe("2026-03-30T07:30:00.000Z");
    expect(iso(calendar.workingDayStartAfter(new Date("2026-10-24T12:00:00+01:00"), 1, "08:30"))).toBe("2026-10-26T08:30:00.000Z");
  });
});

describe("the policy's own changes to the bank holidays", () => {
  test("a one-off bank holiday from the additional list is not a working day, and deadlines step over it", () => {
    const withOneOff = england({ additionalHolidays: [{ date: "2027-06-04", description: "A one-off bank holiday by Royal Proclamation" }] });
    expect(calendar.isWorkingDay("2027-06-04")).toBe(true);
    expect(withOneOff.isWorkingDay("2027-06-04")).toBe(false);
    expect(withOneOff.holidayOn("2027-06-04")).toBe("A one-off bank holiday by Royal Proclamation");
    // Thursday 3 June → Friday 4 (one-off), weekend → end of Monday 7 June.
    expect(iso(withOneOff.addWorkingDays(new Date("2027-06-03T17:30:00+01:00"), 1))).toBe("2027-06-07T22:59:59.999Z");
  });

  test("a removed holiday is a working day again", () => {
    const moved = england({ removedHolidays: [{ date: "2027-05-03", description: "Moved by proclamation" }] });
    expect(moved.isWorkingDay("2027-05-03")).toBe(true);
    expect(moved.holidayOn("2027-05-03")).toBeNull();
    expect(iso(moved.addWorkingDays(new Date("2027-04-30T17:30:00+01:00"), 1))).toBe("2027-05-03T22:59:59.999Z");
    expect(iso(calendar.addWorkingDays(new Date("2027-04-30T17:30:00+01:00"), 1))).toBe("2027-05-04T22:59:59.999Z");
  });
});
