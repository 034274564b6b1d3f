import Holidays from "date-holidays";
import { HUB_TIME_ZONE, type LocalDate } from "./londonTime";

/**
 * The bank and public holidays of a region as the maintained `date-holidays` data has them (for
 * England, `GB/ENG`: the Banking and Financial Dealings Act 1971 days, Christmas Day and Good Friday,
 * their substitute days, and the one-off days proclaimed so far). Observances (Mother's Day) are not
 * days off. Each year is computed once and kept: `date-holidays` takes about two milliseconds a year.
 */
export class BankHolidays {
  private readonly library: Holidays;
  private readonly years = new Map<number, ReadonlyMap<LocalDate, string>>();

  /** `region` must be one `regionProblem` accepts. */
  constructor(readonly region: string) {
    const problem = BankHolidays.regionProblem(region);
    if (problem) throw new RangeError(problem);
    const [country = "", state = "", area = ""] = region.split("/");
    this.library = new Holidays(country, state, area);
    this.library.setTimezone(HUB_TIME_ZONE);
  }

  /**
   * Why `region` (COUNTRY, COUNTRY/STATE or COUNTRY/STATE/REGION, e.g. `GB/ENG`) cannot be used, or
   * null. `date-holidays` quietly falls back to the country's holidays for a state it does not know
   * (`GB/ENGLAND` would lose nothing visible until the first Scottish holiday), so every part is
   * checked against what it supports — and the region must keep London time, the hub's.
   */
  static regionProblem(region: string): string | null {
    const parts = region.split("/");
    const [country = "", state, area] = parts;
    const probe = new Holidays();
    const known = (codes: Record<string, string> | undefined, code: string): boolean => Object.keys(codes ?? {}).includes(code);
    if (parts.length > 3 || !known(probe.getCountries(), country)) return `unknown holiday region "${region}": expected COUNTRY[/STATE[/REGION]] as date-holidays names them, e.g. GB/ENG`;
    if (state !== undefined && !known(probe.getStates(country), state)) return `unknown holiday region "${region}": ${country} has states ${Object.keys(probe.getStates(country) ?? {}).join(", ") || "(none)"}`;
    if (state !== undefined && area !== undefined && !known(probe.getRegions(country, state), area)) return `unknown holiday region "${region}": ${country}/${state} has regions ${Object.keys(probe.getRegions(country, state) ?? {}).join(", ") || "(none)"}`;
    probe.init(country, state ?? "", area ?? "");
    if (!probe.getTimezones().includes(HUB_TIME_ZONE)) return `holiday region "${region}" does not keep ${HUB_TIME_ZONE} time, in which the hub counts its days`;
    return null;
  }

  /** The name of the holiday on `date`, or null when there is none. */
  on(date: LocalDate): string | null {
    return this.of(Number(date.slice(0, 4))).get(date) ?? null;
  }

  private of(year: number): ReadonlyMap<LocalDate, string> {
    let days = this.years.get(year);
    if (!days) {
      days = new Map(
        this.library
          .getHolidays(year)
          .filter((holiday) => holiday.type === "public" || holiday.type === "bank")
          .map((holiday) => [holiday.date.slice(0, 10), holiday.name]),
      );
      this.years.set(year, days);
    }
    return days;
  }
}
