import { type StartEvent } from "../timescales/StartEvent";
import { type TimescaleId } from "../timescales/TimescaleId";

/**
 * What a timescale test case expects of `deadline`. Instants are written in London time with their
 * offset (`formatHubInstant`), so a failing case shows the deadline as the policy's author reads it.
 * Only the keys a case states are compared.
 */
export interface DeadlineExpectation {
  dueAt: string;
  edition?: string;
  startEvent?: StartEvent;
  /** null: the timescale allows no extension. */
  extendedDueAt?: string | null;
}

/** One case: a timescale started at an instant (and, optionally, judged under the edition in force at `at`). */
export interface TimescaleTestCase {
  name: string;
  file: string;
  line: number;
  timescale: TimescaleId;
  startedAt: Date;
  at: Date | null;
  expected: DeadlineExpectation;
}

/** A day the suite pins as a working day or not, so a change in the holiday data cannot pass unnoticed. */
export interface WorkingDayExpectation {
  date: string;
  line: number;
  working: boolean;
}

export interface TimescaleTestSuite {
  file: string;
  description: string | null;
  workingDays: WorkingDayExpectation[];
  cases: TimescaleTestCase[];
}
