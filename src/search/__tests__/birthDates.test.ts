import { birthSearch } from "../birthDates";

const TODAY = new Date("2026-12-07T09:00:00Z");

describe("a date of birth as a referrer knows it", () => {
  it("is one date when given exactly", () => {
    expect(birthSearch({ exact: "2015-07-03" }, TODAY)).toEqual({ kind: "EXACT", date: "2015-07-03" });
  });

  it("is the year of birthdays that gives an age today", () => {
    const search = birthSearch({ age: 9 }, TODAY);
    expect(search).toMatchObject({ kind: "RANGE", from: "2016-12-08", to: "2017-12-07" });
    expect(search?.kind === "RANGE" ? search.days.length : 0).toBe(365);
  });

  it("is every day of a range of at most a year", () => {
    expect(birthSearch({ from: "2015-02-27", to: "2015-03-02" }, TODAY)).toEqual({ kind: "RANGE", from: "2015-02-27", to: "2015-03-02", days: ["2015-02-27", "2015-02-28", "2015-03-01", "2015-03-02"] });
  });

  it.each([
    [{ exact: "2015-02-30" }, "INVALID_DATE"],
    [{ exact: "03/07/2015" }, "INVALID_DATE"],
    [{ exact: "2015-07-03", age: 9 }, "ONE_FORM"],
    [{ from: "2015-01-01" }, "OPEN_RANGE"],
    [{ from: "2015-03-01", to: "2015-01-01" }, "REVERSED_RANGE"],
    [{ from: "2012-01-01", to: "2015-01-01" }, "RANGE_TOO_WIDE"],
    [{ age: 19 }, "INVALID_AGE"],
    [{ age: 2.5 }, "INVALID_AGE"],
  ])("refuses %j as %s", (criterion, problem) => {
    expect(() => birthSearch(criterion, TODAY)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: expect.objectContaining({ problem }) }));
  });

  it("is nothing when not given", () => {
    expect(birthSearch(null, TODAY)).toBeNull();
    expect(birthSearch({ exact: " " }, TODAY)).toBeNull();
  });
});
