import { DateTime } from "luxon";

/** The hub answers instants in UTC; the console shows them as the people using it read a clock, in England. */
export const ZONE = "Europe/London";

/** An instant the hub answered, as a London date and time ("6 Dec 2026, 14:05:09"); empty for none. */
export function when(iso: string | null | undefined): string {
  if (iso == null || iso === "") return "";
  const instant = DateTime.fromISO(iso, { zone: "utc" });
  return instant.isValid ? instant.setZone(ZONE).toFormat("d LLL yyyy, HH:mm:ss") : iso;
}

/** An instant the hub answered, as the London day it falls on ("6 December 2026"). */
export function day(iso: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(ZONE).toFormat("d LLLL yyyy");
}
