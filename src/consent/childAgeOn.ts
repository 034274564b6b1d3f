/** The calendar in which a child's birthday falls: the hub serves agencies in England. */
const ENGLAND = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The day (YYYY-MM-DD) it is in England at an instant. */
export function dayInEngland(at: Date): string {
  return ENGLAND.format(at);
}

/**
 * A child's age in whole years at an instant, counted in England: an age is reached on the birthday
 * itself, and a 29 February birthday on 1 March in a common year (Family Law Reform Act 1969 s.9).
 */
export function childAgeOn(dateOfBirth: string, at: Date): number {
  const day = dayInEngland(at);
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
