import { BreachDecision, BreachStatus } from "./PersonalDataBreach";
import { type ControllerPart } from "./ControllerPart";

/**
 * Where one controller's part stands on the 72-hour clock (UK GDPR Art 33(1)): RUNNING or OVERDUE while
 * undecided; once decided, MET or LATE by the instant that answers it — the report to the ICO for a
 * breach reported, the decision for one not reported.
 */
export const BreachClock = { RUNNING: "RUNNING", OVERDUE: "OVERDUE", MET: "MET", LATE: "LATE" } as const;
export type BreachClock = (typeof BreachClock)[keyof typeof BreachClock];

/** The instant that stopped a decided part's clock. */
export function clockStoppedAt(part: Pick<ControllerPart, "decision" | "reportedAt" | "decidedAt">): Date | null {
  return part.decision === BreachDecision.REPORT ? part.reportedAt : part.decidedAt;
}

export function breachClock(part: Pick<ControllerPart, "status" | "decision" | "reportedAt" | "decidedAt">, reportDueAt: Date, now: Date): BreachClock {
  const stopped = part.status === BreachStatus.DECIDED ? clockStoppedAt(part) : null;
  if (stopped === null) return now.getTime() > reportDueAt.getTime() ? BreachClock.OVERDUE : BreachClock.RUNNING;
  return stopped.getTime() > reportDueAt.getTime() ? BreachClock.LATE : BreachClock.MET;
}
