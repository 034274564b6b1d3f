import { DateTime } from "luxon";
import { addCalendarMonths, endOfLondonDay, HUB_TIME_ZONE, londonDateOf, londonInstant, parseHubInstant } from "../londonTime";

describe("London time", () => {
  test("the day an instant falls on, in London", () => {
    expect(londonDateOf(new Date("2026-06-01T23:30:00Z"))).toBe("2026-06-02");
    expect(londonDateOf(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
  });

  test("the day is London's on either side of every change of the clocks, whichever rule was in force", () => {
    // The changes of 1941 (double summer time), 1968–71 (British Standard Time), 1996 (EU rules) and
    // 2026, each from two hours before to two hours after, a minute at a time, and a millisecond either
    // side of the change; asked twice, as a deadline asks again.
    const changes = ["1941-05-04T01:00:00Z", "1968-02-18T02:00:00Z", "1971-10-31T02:00:00Z", "1996-03-31T01:00:00Z", "2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"];
    for (const change of changes) {
      const at = Date.parse(change);
      const instants = [at - 1, at, ...Array.from({ length: 241 }, (_, minute) => at + (minute - 120) * 60_000)];
      for (const instant of [...instants, ...instants]) {
        expect(londonDateOf(new Date(instant))).toBe(DateTime.fromMillis(instant, { zone: HUB_TIME_ZONE }).toISODate());
      }
    }
    expect(londonDateOf(new Date("2026-10-24T23:30:00Z"))).toBe("2026-10-25");
    expect(londonDateOf(new Date("2026-10-25T23:30:00Z"))).toBe("2026-10-25");
    expect(londonDateOf(new Date("1800-06-01T23:59:00Z"))).toBe("1800-06-01");
    expect(() => londonDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  test("a wall-clock time asked for again is the same instant, in a Date of its own", () => {
    const first = londonInstant("2026-06-29", "08:30");
    const again = londonInstant("2026-06-29", "08:30");
    expect(again.toISOString()).toBe("2026-06-29T07:30:00.000Z");
    expect(again).not.toBe(first);
    first.setTime(0);
    expect(londonInstant("2026-06-29", "08:30").toISOString()).toBe("2026-06-29T07:30:00.000Z");
    expect(Number.isNaN(londonInstant("2026-02-30", "08:30").getTime())).toBe(true);
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
