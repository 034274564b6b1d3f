import { londonDateOf } from "./londonTime";
import { type TimescaleEdition } from "./Timescale";
import { TimescaleError, TimescaleProblem } from "./TimescaleError";

/**
 * The edition of guidance in force at `instant`: the one with the latest `effectiveFrom` on or before
 * the Europe/London day `instant` falls on. An edition runs until the next one starts, so the editions
 * can neither overlap nor leave a gap.
 */
export function editionInForce<E extends TimescaleEdition>(editions: readonly E[], instant: Date): E {
  const day = londonDateOf(instant);
  let found: E | null = null;
  for (const edition of editions) {
    if (edition.effectiveFrom <= day && (found === null || edition.effectiveFrom > found.effectiveFrom)) found = edition;
  }
  if (found === null) {
    const first = editions.map((edition) => edition.effectiveFrom).sort()[0] ?? "(none)";
    throw new TimescaleError(TimescaleProblem.NO_EDITION_IN_FORCE, `no edition of guidance was in force on ${day}; the earliest the policy knows starts on ${first}`);
  }
  return found;
}
