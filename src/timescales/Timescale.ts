import { type Duration } from "./Duration";
import { type StartEvent } from "./StartEvent";
import { type TimescaleId } from "./TimescaleId";

/** One timescale of one edition of guidance: from which event it runs, for how long, and its extension if the law allows one. */
export interface Timescale {
  id: TimescaleId;
  /** The guidance or statute it encodes, cited. */
  description: string;
  startEvent: StartEvent;
  duration: Duration;
  /** A further period that may be granted once, counted from the end of the first (an EPO's 7 days, s.45(5)); null when none. */
  extension: Duration | null;
}

/** The timescales in force from a day on, until the next edition's `effectiveFrom`. */
export interface TimescaleEdition {
  /** A stable id, e.g. `working-together-2023`; every deadline names the edition it was counted under. */
  id: string;
  /** First day in force, YYYY-MM-DD, a day in Europe/London. */
  effectiveFrom: string;
  timescales: ReadonlyMap<TimescaleId, Timescale>;
}
