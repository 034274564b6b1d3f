import { MoreThan, type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { IgAlert, IgAlertKind, IgAlertStatus } from "./IgAlert";

/** How long one break-glass justification covers further emergency reads of the same child. */
export const BREAK_GLASS_WINDOW_MS = 60 * 60 * 1000;

/**
 * Raises an IG alert for a break-glass disclosure, or counts it against the caller's open alert for the
 * same child if its window has not ended: the view is time-boxed, and after the window a new
 * break-glass request (and a new alert) is needed. Keyed by the child (`childId`), so a child awaiting an
 * SUI is alerted too, and its SUI arriving within the window leaves the reads counted against one alert.
 */
export async function raiseBreakGlassAlert(dataSource: DataSource, principal: Principal, childId: string, disclosureId: string, justification: string, now = new Date()): Promise<IgAlert> {
  return dataSource.transaction(async (manager) => {
    const alerts = manager.getRepository(IgAlert);
    const open = await alerts.findOne({
      where: { kind: IgAlertKind.BREAK_GLASS, principalSub: principal.sub, childId, status: IgAlertStatus.OPEN, windowEndsAt: MoreThan(now) },
      lock: { mode: "pessimistic_write" },
    });
    if (open !== null) {
      open.disclosureCount += 1;
      return alerts.save(open);
    }
    return alerts.save(alerts.create({
      childId,
      principalSub: principal.sub,
      principalAgency: principal.agency,
      firstDisclosureId: disclosureId,
      justification,
      windowEndsAt: new Date(now.getTime() + BREAK_GLASS_WINDOW_MS),
    }));
  });
}
