import { ErrorCode, HubError } from "../../errors/HubError";

/**
 * Years the hub accepts in any date or date-time: four-digit years of the common era. The scalars accept
 * year 0000, which PostgreSQL's calendar does not have (a `date` refuses it; a timestamp would silently
 * become 1 BC), and an offset can push a date-time's UTC instant outside four digits.
 */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/** A `LocalDate` (`YYYY-MM-DD`) or a `DateTime` (a Date, as the scalar parses it). */
export function isWithinAcceptedYears(value: string | Date): boolean {
  const year = typeof value === "string" ? Number(value.slice(0, 4)) : value.getUTCFullYear();
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

export function checkDateRange(value: string | Date, path: string): void {
  if (!isWithinAcceptedYears(value)) {
    throw new HubError(ErrorCode.INVALID_INPUT, `\`${path}\` must fall within the years ${String(FIRST_YEAR).padStart(4, "0")} to ${LAST_YEAR}.`, { path });
  }
}
