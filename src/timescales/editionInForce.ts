import { londonDateOf } from "./londonTime";
import { type TimescaleEdition } from "./Timescale";
import { TimescaleError, TimescaleProblem } from "./TimescaleError";

/**
 * The edition of guidance in force at `instant`: the one with the latest `effectiveFrom` on or before
 * the Europe/London day `instant` falls on. An edition runs until the next one starts, so the editions
 * can neither overlap nor leave a gap. Before the first there is none: a `TimescaleError`
 * (INVALID_INPUT, `NO_EDITION_IN_FORCE`) naming the earliest day accepted, and `path` when the instant
 * is a date the caller gave.
 */
export function editionInForce<E extends TimescaleEdition>(editions: readonly E[], instant: Date, path?: string): E {
  const day = londonDateOf(instant);
  let found: E | null = null;
  for (const edition of editions) {
    if (edition.effectiveFrom <= day && (found === null || edition.effectiveFrom > found.effectiveFrom)) found = edition;
  }
  if (found === null) {
    const earliestAccepted = editions.map((edition) => edition.effectiveFrom).sort()[0] ?? "(none)";
    throw new TimescaleError(TimescaleProblem.NO_EDITION_IN_FORCE,
      `No edition of guidance was in force on ${day}, so no timescale can be counted from it: the earliest date accepted is ${earliestAccepted}.`,
      { day, earliestAccepted, ...(path === undefined ? {} : { path }) });
  }
  return found;
}

/**
 * Refuses a date a caller gave that selects a timescales edition (a referral's or a stage's receipt, a
 * subject access request's, a breach's awareness) when no edition was in force then, at the caller's
 * field, before anything is counted, audited or stored.
 */
export function assertEditionInForce(editions: readonly TimescaleEdition[], instant: Date, path: string): void {
  editionInForce(editions, instant, path);
}
