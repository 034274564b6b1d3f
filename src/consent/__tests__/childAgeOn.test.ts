import { childAgeOn, dayInEngland } from "../childAgeOn";

describe("a child's age, counted in England", () => {
  test("is reached on the birthday itself", () => {
    expect(childAgeOn("2010-11-01", new Date("2026-10-31T12:00:00Z"))).toBe(15);
    expect(childAgeOn("2010-11-01", new Date("2026-11-01T12:00:00Z"))).toBe(16);
  });

  test("follows the day in England, not in UTC: 00:30 on a summer birthday is the birthday", () => {
    const halfPastMidnightBst = new Date("2026-07-14T23:30:00Z");
    expect(dayInEngland(halfPastMidnightBst)).toBe("2026-07-15");
    expect(childAgeOn("2010-07-15", halfPastMidnightBst)).toBe(16);
    const halfPastElevenGmt = new Date("2027-01-14T23:30:00Z");
    expect(dayInEngland(halfPastElevenGmt)).toBe("2027-01-14");
    expect(childAgeOn("2011-01-15", halfPastElevenGmt)).toBe(15);
  });

  test("a 29 February birthday is reached on 1 March in a common year", () => {
    expect(childAgeOn("2012-02-29", new Date("2025-02-28T12:00:00Z"))).toBe(12);
    expect(childAgeOn("2012-02-29", new Date("2025-03-01T12:00:00Z"))).toBe(13);
    expect(childAgeOn("2012-02-29", new Date("2028-02-29T12:00:00Z"))).toBe(16);
  });
});
