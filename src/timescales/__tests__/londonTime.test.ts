import { addCalendarMonths, endOfLondonDay, londonDateOf, parseHubInstant } from "../londonTime";

describe("London time", () => {
  test("the day an instant falls on, in London", () => {
    expect(londonDateOf(new Date("2026-06-01T23:30:00Z"))).toBe("2026-06-02");
    expect(londonDateOf(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
  });

  test("a month later is the corresponding date, or the last day of a shorter month", () => {
    expect(addCalendarMonths("2026-09-03", 1)).toBe("2026-10-03");
    expect(addCalendarMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addCalendarMonths("2027-01-31", 3)).toBe("2027-04-30");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addCalendarMonths("2026-03-31", -1)).toBe("2026-02-28");
    // Not 1950: the years 0001–0099 are years, like the rest.
    expect(addCalendarMonths("0050-01-31", 1)).toBe("0050-02-28");
    expect(() => addCalendarMonths("2026-01-01", 1.5)).toThrow(RangeError);
  });

  test("a day ends at 23:59:59.999 London time, in GMT and in BST", () => {
    expect(endOfLondonDay("2026-12-29").toISOString()).toBe("2026-12-29T23:59:59.999Z");
    expect(endOfLondonDay("2026-06-29").toISOString()).toBe("2026-06-29T22:59:59.999Z");
    expect(endOfLondonDay("2026-03-29").toISOString()).toBe("2026-03-29T22:59:59.999Z");
    expect(endOfLondonDay("2026-10-25").toISOString()).toBe("2026-10-25T23:59:59.999Z");
  });

  test("an instant without an offset is London wall-clock time; with Z or an offset it is that instant", () => {
    expect(parseHubInstant("2026-06-01T17:30")).toEqual(new Date("2026-06-01T16:30:00Z"));
    expect(parseHubInstant("2026-12-24T17:30:00")).toEqual(new Date("2026-12-24T17:30:00Z"));
    expect(parseHubInstant("2026-12-24T17:30:00.250Z")).toEqual(new Date("2026-12-24T17:30:00.250Z"));
    expect(parseHubInstant("2026-10-25T01:30:00+01:00")).toEqual(new Date("2026-10-25T00:30:00Z"));
  });

  test("a wall-clock time the clocks skip or repeat is refused: which instant was meant cannot be known", () => {
    expect(parseHubInstant("2026-03-29T01:30")).toEqual({ problem: expect.stringContaining("does not happen in Europe/London") });
    expect(parseHubInstant("2026-10-25T01:30")).toEqual({ problem: expect.stringContaining("happens twice in Europe/London") });
  });

  test("text that is not an instant is refused", () => {
    for (const text of ["2026-12-24", "2026-12-24 17:30", "2026-02-30T10:00", "tomorrow", "2026-12-24T25:00"]) {
      expect(parseHubInstant(text)).toEqual({ problem: expect.any(String) });
    }
  });
});
