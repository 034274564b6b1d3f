import { BankHolidays } from "../bankHolidays";

describe("bank-holiday regions", () => {
  test("GB/ENG is England's", () => {
    expect(BankHolidays.regionProblem("GB/ENG")).toBeNull();
    expect(new BankHolidays("GB/ENG").on("2026-08-31")).toBe("Summer bank holiday");
  });

  test("a state date-holidays does not know is refused, though the library would quietly fall back to the country", () => {
    expect(BankHolidays.regionProblem("GB/ENGLAND")).toContain('unknown holiday region "GB/ENGLAND"');
    expect(BankHolidays.regionProblem("GB/ENGLAND")).toContain("ENG");
    expect(() => new BankHolidays("GB/ENGLAND")).toThrow(RangeError);
  });

  test("unknown countries, too many parts and regions outside London time are refused", () => {
    expect(BankHolidays.regionProblem("XX")).toContain("unknown holiday region");
    expect(BankHolidays.regionProblem("GB/ENG/A/B")).toContain("unknown holiday region");
    expect(BankHolidays.regionProblem("GB/ENG/NOWHERE")).toContain("has regions");
    expect(BankHolidays.regionProblem("DE/BY")).toContain("does not keep Europe/London time");
  });

  test("Scotland's holidays are not England's", () => {
    expect(new BankHolidays("GB/SCT").on("2026-11-30")).toMatch(/^St Andrew.s Day$/);
    expect(new BankHolidays("GB/ENG").on("2026-11-30")).toBeNull();
  });
});
